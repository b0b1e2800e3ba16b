import type { z } from 'zod';
import { fail, type ValidationIssue } from '../../src-shared/errors';

/** Parses `input` with `schema` or throws ValidationFailed carrying every issue's field path. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    message: issue.message,
  }));
  const first = issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  throw fail(
    'ValidationFailed',
    `Invalid ${what}${where}: ${first?.message ?? 'rejected'}${issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : ''}.`,
    { issues },
  );
}
