/**
 * zod failures as the catalog's ValidationFailed error, in one place for the repositories and
 * the IPC router, so both report the same field paths and messages.
 */
import type { z } from 'zod';
import { fail, type CatalogError, type ValidationIssue } from './errors';

/**
 * One issue per offending field. An unknown key is reported at the key itself, not at the
 * object holding it, so every path names the field to fix.
 */
export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    if (issue.code !== 'unrecognized_keys') return [{ path, message: issue.message }];
    return issue.keys.map((key) => ({ path: [...path, key], message: `Unrecognized key: "${key}"` }));
  });
}

/** "Invalid <what> at a.b: <first message> (and N more problems)." with every issue in details. */
export function validationFailed(what: string, issues: ValidationIssue[]): CatalogError {
  const first = issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : '';
  return fail('ValidationFailed', `Invalid ${what}${where}: ${first?.message ?? 'rejected'}${more}.`, { issues });
}

/** Parses `input` with `schema` or throws ValidationFailed carrying every issue's field path. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed(what, issuesOf(result.error));
}
