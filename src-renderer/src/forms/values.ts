/**
 * Between what the form's inputs hold (text, and booleans for checkboxes) and what the API
 * takes: a row becomes the inputs' initial text, the inputs become a create input or an update
 * patch, and zod's or the API's issues become messages per field. Pure functions, no DOM.
 */
import type { z } from 'zod';
import { slug } from '../../../src-shared/catalog/slug';
import type { FieldSpec } from './fields';

/** What the inputs of a form hold, by field key. */
export type FormText = Record<string, string | boolean>;

/** A message for one field (or, with `field` undefined, the input as a whole). */
export interface FieldIssue {
  field: string | undefined;
  message: string;
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

/** The text an input starts with for a stored value. */
export function toText(spec: FieldSpec, value: unknown): string | boolean {
  if (spec.input === 'checkbox') return value === true;
  if (value === null || value === undefined) return '';
  switch (spec.input) {
    case 'json':
    case 'entries':
      return JSON.stringify(value, null, 2);
    case 'list':
    case 'references':
      return Array.isArray(value) ? value.join(', ') : String(value);
    default:
      return String(value);
  }
}

/** The initial text of every field, for a new row (defaults) or a stored one. */
export function initialText(fields: readonly FieldSpec[], row?: Record<string, unknown>): FormText {
  const text: FormText = {};
  for (const spec of fields) {
    if (row) text[spec.key] = toText(spec, row[spec.key]);
    // A homebrew row starts with every flag off (a homebrew source is not official).
    else text[spec.key] = spec.input === 'checkbox' ? false : '';
  }
  return text;
}

/**
 * The value an input's text stands for. Empty text is "no value": `undefined` for a new row (the
 * column's default applies), `null` in a patch (the column is cleared; the schema refuses that
 * where the column is required).
 */
export function fromText(spec: FieldSpec, text: string | boolean, empty: undefined | null): Converted {
  if (spec.input === 'checkbox') return { ok: true, value: text === true };
  const raw = String(text);
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: true, value: empty };
  switch (spec.input) {
    case 'integer':
    case 'number': {
      const value = Number(trimmed);
      if (!Number.isFinite(value)) return { ok: false, message: 'Enter a number.' };
      if (spec.input === 'integer' && !Number.isInteger(value)) return { ok: false, message: 'Enter a whole number.' };
      return { ok: true, value };
    }
    case 'json':
    case 'entries':
      try {
        return { ok: true, value: JSON.parse(trimmed) as unknown };
      } catch (error) {
        return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
      }
    case 'list':
    case 'references':
      return {
        ok: true,
        value: trimmed
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== ''),
      };
    default:
      return { ok: true, value: raw };
  }
}

/**
 * The API input the form stands for: every field for a new row, the changed fields for an edit.
 * Fields whose text cannot be read (not a number, not JSON) are reported and left out.
 */
export function buildInput(
  fields: readonly FieldSpec[],
  text: FormText,
  initial: FormText | undefined,
): { input: Record<string, unknown>; issues: FieldIssue[] } {
  const input: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const spec of fields) {
    const current = text[spec.key] ?? '';
    if (initial && current === initial[spec.key]) continue;
    const converted = fromText(spec, current, initial ? null : undefined);
    if (!converted.ok) issues.push({ field: spec.key, message: converted.message });
    else if (converted.value !== undefined) input[spec.key] = converted.value;
  }
  return { input, issues };
}

/** Issues with a path (zod's or the API's `ValidationFailed` details) as messages per field. */
export function issuesByField(
  fields: readonly FieldSpec[],
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldIssue[] {
  const keys = new Set(fields.map((f) => f.key));
  return issues.map((issue) => {
    const [first, ...rest] = issue.path;
    const field = typeof first === 'string' && keys.has(first) ? first : undefined;
    const where = field === undefined ? issue.path : rest;
    const at = where.length > 0 ? `at ${formatPath(where)}: ` : '';
    return { field, message: sentence(`${at}${issue.message}`) };
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

/** zod's messages start lower-case ("too small: …"); a message under a field reads as a sentence. */
function sentence(message: string): string {
  const text = message.replace(/^(at [^:]+: )?Invalid input: expected \w+, received (undefined|null)$/, '$1Required.');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The zod schema of one field of an object schema, or undefined. */
function fieldSchema(schema: z.ZodType, key: string): z.ZodType | undefined {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape?.[key];
}

/** Whether a new row needs this field (its insert schema refuses it absent). */
export function isRequired(insert: z.ZodType, key: string): boolean {
  const field = fieldSchema(insert, key);
  return field !== undefined && !field.safeParse(undefined).success;
}

/** The values of a field's enumeration (through optional, nullable and default wrappers). */
export function choicesOf(schema: z.ZodType, key: string): string[] {
  let field: unknown = fieldSchema(schema, key);
  for (let depth = 0; depth < 5 && field; depth++) {
    const candidate = field as { options?: unknown; unwrap?: () => unknown };
    if (Array.isArray(candidate.options) && candidate.options.every((o) => typeof o === 'string')) return candidate.options as string[];
    field = typeof candidate.unwrap === 'function' ? candidate.unwrap() : undefined;
  }
  return [];
}

/** A row id as the importer makes a record's: `slug(name)-slug(book code)`. */
export function suggestedId(name: string, sourceId: string): string {
  return [slug(name), slug(sourceId)].filter(Boolean).join('-');
}
