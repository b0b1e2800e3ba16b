/**
 * One field of a homebrew form, drawn from its declaration: a labelled input of the declared
 * kind, its hint, and its errors. The errors are tied to the input (aria-invalid,
 * aria-describedby), so a screen reader reads them with the field.
 */
import type { z } from 'zod';
import type { BrowseKind } from '../app/route';
import { EntriesPreview } from './EntriesPreview';
import type { FieldSpec } from './fields';
import { ReferenceListPicker, ReferencePicker } from './ReferencePicker';
import type { ReferenceRow } from './references';
import { choicesOf } from './values';

export interface FieldInputProps {
  kind: BrowseKind;
  spec: FieldSpec;
  value: string | boolean;
  required: boolean;
  readOnly: boolean;
  /** The schema the form validates with: the source of a choice's options. */
  schema: z.ZodType;
  errors: string[];
  /** `row`: the row a reference field's picker chose. */
  onChange(value: string | boolean, row?: ReferenceRow): void;
  onBlur(): void;
}

/** What a choice shows for a stored code: its label (src-shared/catalog/labels.ts), else the code. */
export function choiceLabel(spec: FieldSpec, code: string): string {
  return spec.labels?.[code] ?? code;
}

export function FieldInput({ kind, spec, value, required, readOnly, schema, errors, onChange, onBlur }: FieldInputProps) {
  const id = `field-${spec.key}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  const describedBy = [spec.hint ? hintId : '', invalid ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const chosenId = `${id}-chosen`;
  const common = {
    id,
    name: spec.key,
    'aria-invalid': invalid ? ('true' as const) : ('false' as const),
    'aria-describedby': describedBy,
    'aria-required': required ? ('true' as const) : undefined,
    onBlur,
  };
  const text = typeof value === 'string' ? value : '';
  const onText = (event: Event) => onChange((event.currentTarget as HTMLInputElement).value);

  let control;
  switch (spec.input) {
    case 'checkbox':
      control = (
        <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange((event.currentTarget as HTMLInputElement).checked)} />
      );
      break;
    case 'choice': {
      const choices = choicesOf(schema, spec.key);
      control = (
        <select {...common} value={text} onChange={onText}>
          <option value="">{required ? 'Choose…' : '(none)'}</option>
          {/* A stored code this build does not list stays visible as itself. */}
          {text !== '' && !choices.includes(text) && <option value={text}>{text}</option>}
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choiceLabel(spec, choice)}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'reference':
      control = (
        <ReferencePicker
          common={common}
          label={spec.label}
          kind={spec.references ?? kind}
          {...(spec.filter ? { filter: spec.filter } : {})}
          value={text}
          readOnly={readOnly}
          chosenId={chosenId}
          onChange={(next, row) => onChange(next, row)}
        />
      );
      break;
    case 'references':
      control = (
        <ReferenceListPicker
          common={common}
          kind={spec.references ?? kind}
          {...(spec.filter ? { filter: spec.filter } : {})}
          value={text}
          stores={spec.stores ?? 'id'}
          label={spec.label}
          onChange={onChange}
        />
      );
      break;
    case 'textarea':
    case 'json':
    case 'entries':
      control = (
        <textarea
          {...common}
          value={text}
          rows={spec.input === 'entries' ? 8 : 3}
          spellcheck={spec.input !== 'json'}
          placeholder={spec.example}
          onInput={onText}
          class={spec.input === 'textarea' ? undefined : 'code'}
        />
      );
      break;
    default:
      control = (
        <input
          {...common}
          type="text"
          inputMode={spec.input === 'integer' ? 'numeric' : spec.input === 'number' ? 'decimal' : undefined}
          value={text}
          readOnly={readOnly}
          placeholder={spec.example}
          onInput={onText}
        />
      );
  }

  return (
    <div class={`form-field form-field-${spec.input}${invalid ? ' invalid' : ''}`}>
      <label for={id}>
        {spec.label}
        {required && <span class="field-required"> (required)</span>}
      </label>
      {control}
      {spec.hint && (
        <p class="field-hint" id={hintId}>
          {spec.hint}
        </p>
      )}
      {invalid && (
        <div class="field-error" id={errorId}>
          {errors.map((message, i) => (
            <p key={i}>{message}</p>
          ))}
        </div>
      )}
      {spec.input === 'entries' && <EntriesPreview fieldId={id} label={spec.label} text={text} />}
    </div>
  );
}
