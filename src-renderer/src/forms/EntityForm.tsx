/**
 * Create (no `id`) or edit a row of any browsable kind. The fields come from the kind's
 * declaration (fields.ts); the input is checked with the contract's own insert or update schema
 * on every keystroke, and nothing is sent while it fails. Errors the API returns land on the
 * field their path names (or above the form when they name none).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AppError } from '../../../src-shared/errors';
import { navigate } from '../app/router';
import type { BrowseKind } from '../app/route';
import { getRow, rowLabel, type AnyRow } from '../kinds/rows';
import { FieldInput } from './FieldInput';
import { FORM_FIELDS, KIND_WORDS, nameField, type FieldSpec } from './fields';
import type { ReferenceRow } from './references';
import { loadSchemas, type KindSchemas } from './schemas';
import { buildInput, initialText, issuesByField, isRequired, suggestedId, type FieldIssue, type FormText } from './values';
import { createRow, updateRow } from './writes';
import './forms.css';

export interface EntityFormProps {
  kind: BrowseKind;
  id?: string;
}

type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; schemas: KindSchemas; row?: AnyRow };

export function EntityForm({ kind, id }: EntityFormProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    void (async () => {
      try {
        const schemas = await loadSchemas(kind);
        if (id === undefined) {
          if (current) setLoaded({ state: 'ready', schemas });
          return;
        }
        const row = await getRow(kind, id);
        if (!current) return;
        setLoaded(row.ok ? { state: 'ready', schemas, row: row.data } : { state: 'error', message: row.error.message });
      } catch (error) {
        if (current) setLoaded({ state: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      current = false;
    };
  }, [kind, id]);

  const words = KIND_WORDS[kind];
  const title = id === undefined ? `New ${words.one}` : `Edit ${words.one}`;
  return (
    <section class="entity-form" aria-labelledby="entity-form-heading">
      <h2 id="entity-form-heading">{loaded.state === 'ready' && loaded.row ? `${title}: ${rowLabel(loaded.row)}` : title}</h2>
      {loaded.state === 'loading' && <p aria-live="polite">Loading the form…</p>}
      {loaded.state === 'error' && <p role="alert">{loaded.message}</p>}
      {loaded.state === 'ready' && <FormBody key={`${kind}/${id ?? ''}`} kind={kind} schemas={loaded.schemas} row={loaded.row} />}
    </section>
  );
}

interface FormBodyProps {
  kind: BrowseKind;
  schemas: KindSchemas;
  row: AnyRow | undefined;
}

function FormBody({ kind, schemas, row }: FormBodyProps) {
  const fields = FORM_FIELDS[kind];
  const stored = row as Record<string, unknown> | undefined;
  const initial = useMemo(() => (stored ? initialText(fields, stored) : undefined), [fields, stored]);
  const [text, setText] = useState<FormText>(() => initial ?? initialText(fields));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  /** Issues the API returned on the last save, until their field changes. */
  const [apiIssues, setApiIssues] = useState<FieldIssue[]>([]);
  const [apiError, setApiError] = useState<AppError | undefined>();
  /** Fields the user set by hand, so the suggested id and rule system stop following. */
  const [manual, setManual] = useState<ReadonlySet<string>>(new Set());
  const formRef = useRef<HTMLFormElement>(null);
  const words = KIND_WORDS[kind];
  // Bumped when a save is refused: once the errors are rendered, the first invalid field gets focus.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const { input, issues } = useMemo(() => {
    const built = buildInput(fields, text, initial);
    const schema = initial ? schemas.update : schemas.insert;
    const checked = initial && Object.keys(built.input).length === 0 ? undefined : schema.safeParse(built.input);
    const schemaIssues = checked && !checked.success ? issuesByField(fields, checked.error.issues) : [];
    // A field whose text could not be read has that as its message, not the schema's.
    const unreadable = new Set(built.issues.map((i) => i.field));
    return { input: built.input, issues: [...built.issues, ...schemaIssues.filter((i) => !unreadable.has(i.field))] };
  }, [fields, text, initial, schemas]);

  const shownFor = (key: string): string[] => [
    ...(submitted || touched.has(key) ? issues.filter((i) => i.field === key).map((i) => i.message) : []),
    ...apiIssues.filter((i) => i.field === key).map((i) => i.message),
  ];
  const formIssues = [...(submitted ? issues : []), ...apiIssues].filter((i) => i.field === undefined);

  function change(spec: FieldSpec, value: string | boolean, picked?: ReferenceRow): void {
    setApiIssues((list) => list.filter((i) => i.field !== spec.key));
    setApiError(undefined);
    const nextManual = new Set(manual).add(spec.key);
    setManual(nextManual);
    setText((previous) => {
      const next: FormText = { ...previous, [spec.key]: value };
      // A new row's id follows its name and source until the user types one.
      if (!initial && kind !== 'sources' && !nextManual.has('id') && (spec.key === 'name' || spec.key === 'sourceId')) {
        next['id'] = suggestedId(String(next['name'] ?? ''), String(next['sourceId'] ?? ''));
      }
      // The rule system follows the chosen source until the user picks one.
      if (spec.key === 'sourceId' && !nextManual.has('ruleSystemId') && picked?.ruleSystemId) {
        next['ruleSystemId'] = picked.ruleSystemId;
      }
      return next;
    });
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setSubmitted(true);
    setApiError(undefined);
    if (issues.length > 0) {
      setFocusRequest((n) => n + 1);
      return;
    }
    if (initial && Object.keys(input).length === 0) {
      setApiError({ code: 'ValidationFailed', message: 'Nothing has changed: there is nothing to save.', details: { issues: [] } });
      return;
    }
    setSaving(true);
    const id = String(stored?.['id'] ?? '');
    const result = initial ? await updateRow(kind, id, input) : await createRow(kind, input);
    setSaving(false);
    if (result.ok) {
      navigate({ view: 'browse', kind, params: {}, selected: String(result.data.id) });
      return;
    }
    const error = result.error;
    if (error.code === 'ValidationFailed') setApiIssues(issuesByField(fields, error.details.issues));
    else if (error.code === 'AlreadyExists' && !initial) setApiIssues([{ field: 'id', message: error.message }]);
    else setApiError(error);
    setFocusRequest((n) => n + 1);
  }

  const cancel = (): void => {
    const id = stored?.['id'];
    navigate({ view: 'browse', kind, params: {}, ...(id !== undefined ? { selected: String(id) } : {}) });
  };

  const invalidCount = new Set([...(submitted ? issues : []), ...apiIssues].map((i) => i.field)).size;
  return (
    <form ref={formRef} noValidate onSubmit={(event) => void submit(event)} aria-describedby="entity-form-summary">
      {stored?.['origin'] === 'import' && (
        <p class="form-note" id="imported-note">
          This {words.one} was imported from 5etools data. You can edit or delete it; a later import of the same data keeps your
          changes and reports the row as a conflict instead of overwriting it.
        </p>
      )}
      <div id="entity-form-summary" aria-live="assertive" class="form-summary">
        {submitted && invalidCount > 0 && (
          <p>
            Not saved: {invalidCount === 1 ? '1 field needs' : `${invalidCount} fields need`} attention.
          </p>
        )}
        {apiError && <p>{apiError.message}</p>}
        {formIssues.map((issue, i) => (
          <p key={i}>{issue.message}</p>
        ))}
      </div>
      {fields.map((spec) => (
        <FieldInput
          key={spec.key}
          kind={kind}
          spec={spec}
          value={text[spec.key] ?? ''}
          required={isRequired(schemas.insert, spec.key)}
          // An edit never changes the primary key (the update schema does not take it).
          readOnly={initial !== undefined && spec.key === 'id'}
          schema={initial ? schemas.update : schemas.insert}
          errors={shownFor(spec.key)}
          onChange={(value, row) => change(spec, value, row)}
          onBlur={() => setTouched((set) => new Set(set).add(spec.key))}
        />
      ))}
      <div class="form-buttons">
        <button type="submit" disabled={saving}>
          {initial ? 'Save changes' : `Create ${words.one}`}
        </button>
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      </div>
      {saving && <p aria-live="polite">Saving…</p>}
      <p class="form-hint">
        {nameField(kind) === 'fullName' ? 'Title' : 'Name'} and the fields marked required must be filled in. Empty fields are left
        out{initial ? ' (an emptied field is cleared)' : ''}.
      </p>
    </form>
  );
}
