/**
 * What a command returns and how it is printed. Commands never write to stdout/stderr
 * themselves (except import progress): they return an outcome, and `print` renders it as short
 * human-readable text or, with `--json`, as one JSON document:
 *
 *   { "ok": true,  "command": "status", "data": { … } }
 *   { "ok": false, "command": "status", "error": { "code", "message", "details" }, "data"?: { … } }
 *
 * A failure also writes exactly one line, `error: <message>`, to stderr.
 */
import { fail, isAppError, isCatalogError, type AppError } from '../../src-shared/errors';
import { toAppError } from '../db/sqlite-errors';
import { UsageError } from './args';

export const EXIT_OK = 0;
/** The command ran and failed, or the database refused it. */
export const EXIT_FAILED = 1;
/** The command line itself is wrong (unknown command or option, missing argument, bad number). */
export const EXIT_USAGE = 2;

export interface Outcome {
  ok: boolean;
  /** Machine-readable result (also present on some failures: a refused status, a failed check). */
  data?: unknown;
  /** Human-readable lines for stdout. */
  lines: string[];
  error?: AppError;
  /** Things a person must know even about a success (a -wal that must be kept, a sidecar moved aside). */
  warnings?: string[];
  exitCode: number;
}

export function success(data: unknown, lines: string[]): Outcome {
  return { ok: true, data, lines, exitCode: EXIT_OK };
}

export function failure(error: AppError, lines: string[] = [], data?: unknown): Outcome {
  return { ok: false, error, lines, exitCode: EXIT_FAILED, ...(data === undefined ? {} : { data }) };
}

/** Any thrown value as an outcome: usage errors exit 2, everything else 1. */
export function outcomeOf(error: unknown): Outcome {
  if (error instanceof UsageError) {
    return {
      ok: false,
      lines: [],
      exitCode: EXIT_USAGE,
      error: fail('ValidationFailed', `${error.message} (see --help)`, {
        issues: [{ path: [error.argument], message: error.message }],
      }).toJSON(),
    };
  }
  if (isCatalogError(error) || isAppError(error)) return failure(isAppError(error) ? error : error.toJSON());
  return failure(toAppError(error));
}

export interface Streams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function print(outcome: Outcome, command: string | undefined, json: boolean, streams: Streams): void {
  if (json) {
    const warnings = outcome.warnings && outcome.warnings.length > 0 ? { warnings: outcome.warnings } : {};
    const document = outcome.ok
      ? { ok: true, ...(command ? { command } : {}), data: outcome.data ?? null, ...warnings }
      : {
          ok: false,
          ...(command ? { command } : {}),
          error: outcome.error,
          ...(outcome.data === undefined ? {} : { data: outcome.data }),
          ...warnings,
        };
    streams.stdout(`${JSON.stringify(document, null, 2)}\n`);
  } else if (outcome.lines.length > 0) {
    streams.stdout(`${outcome.lines.map((line) => line.trimEnd()).join('\n')}\n`);
  }
  for (const warning of outcome.warnings ?? []) streams.stderr(`warning: ${warning.replace(/\s*\n\s*/g, ' ')}\n`);
  if (!outcome.ok) streams.stderr(`error: ${errorLine(outcome.error)}\n`);
}

/** The one stderr line: the message, plus the reason of an Internal error (which says little). */
function errorLine(error: AppError | undefined): string {
  if (!error) return 'failed';
  const reason = error.code === 'Internal' && error.details.reason ? ` (${error.details.reason})` : '';
  return `${error.message}${reason}`.replace(/\s*\n\s*/g, ' ');
}

/** `key  value` lines with the values aligned. */
export function aligned(rows: [string, string][]): string[] {
  const width = Math.max(0, ...rows.map(([key]) => key.length));
  return rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
