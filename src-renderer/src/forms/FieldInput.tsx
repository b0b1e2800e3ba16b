/**
 * One field of a homebrew form, drawn from its declaration: a labelled input of the declared
 * kind, its hint, and its errors. The errors are tied to the input (aria-invalid,
 * aria-describedby), so a screen reader reads them with the field.
 */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { BrowseKind } from '../app/route';
import { listRows, rowLabel } from '../kinds/rows';
import { EntriesPreview } from './EntriesPreview';
import type { FieldSpec } from './fields';
import { choicesOf } from './values';

export interface ReferenceOption {
  value: string;
  label: string;
  /** Sources: the rule system their rows belong to. */
  ruleSystemId?: string;
}

export interface FieldInputProps {
  kind: BrowseKind;
  spec: FieldSpec;
  value: string | boolean;
  required: boolean;
  readOnly: boolean;
  /** The schema the form validates with: the source of a choice's options. */
  schema: z.ZodType;
  errors: string[];
  /** Choices of a source or rule system field. */
  options: ReferenceOption[] | undefined;
  onChange(value: string | boolean): void;
  onBlur(): void;
}

export function FieldInput({ kind, spec, value, required, readOnly, schema, errors, options, onChange, onBlur }: FieldInputProps) {
  const id = `field-${spec.key}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  const describedBy = [spec.hint ? hintId : '', invalid ? errorId : ''].filter(Boolean).join(' ') || undefined;
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
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'reference':
      control =
        spec.references === 'sources' || spec.references === 'ruleSystems' ? (
          <select {...common} value={text} onChange={onText}>
            <option value="">{required ? 'Choose…' : '(none)'}</option>
            {/* The stored value stays selectable while the list loads or if it names a missing row. */}
            {text !== '' && !(options ?? []).some((o) => o.value === text) && <option value={text}>{text}</option>}
            {(options ?? []).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ) : (
          <RowIdInput common={common} kind={spec.references ?? kind} value={text} onChange={onChange} />
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

interface RowIdInputProps {
  common: Record<string, unknown>;
  kind: BrowseKind;
  value: string;
  onChange(value: string): void;
}

/** The id of another row, with the rows whose names start with the typed text as suggestions. */
function RowIdInput({ common, kind, value, onChange }: RowIdInputProps) {
  const listId = `${String(common['id'])}-rows`;
  const [suggestions, setSuggestions] = useState<{ id: string; label: string }[]>([]);
  useEffect(() => {
    let current = true;
    const query = value.trim();
    const timer = setTimeout(() => {
      const filter = query === '' ? {} : { nameStartsWith: query.slice(0, 200) };
      void listRows(kind, { filter, limit: 20 } as never).then((result) => {
        if (current && result.ok) setSuggestions(result.data.items.map((row) => ({ id: String(row.id), label: rowLabel(row) })));
      });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [kind, value]);
  return (
    <>
      <input {...common} type="text" list={listId} value={value} onInput={(event) => onChange((event.currentTarget as HTMLInputElement).value)} />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </datalist>
    </>
  );
}
