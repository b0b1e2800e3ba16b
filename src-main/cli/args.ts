/**
 * Command-line parsing for `npm run db`: one grammar for every command,
 * `<command> [positionals] --db <file> [--to N] [--dry-run] [--verbose] [--json]`, on top of
 * node:util's parseArgs.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';

/** A malformed command line (exit code 2), as opposed to a command that failed (exit code 1). */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The argument at fault, for the JSON output's field path. */
    readonly argument: string = 'argv',
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  command?: string;
  positionals: string[];
  /** Absolute path of `--db`. */
  db?: string;
  /** `--to N`, checked to be a whole number. */
  to?: number;
  json: boolean;
  help: boolean;
  /** Boolean options a command may accept (`--dry-run`, `--verbose`), by name, when given. */
  flags: CommandFlag[];
}

/** Boolean options only some commands take (see Command.flags). */
export const COMMAND_FLAGS = ['dry-run', 'verbose'] as const;
export type CommandFlag = (typeof COMMAND_FLAGS)[number];

/** True when `--json` appears anywhere, so even a usage error can be reported as JSON. */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.includes('--json');
}

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  // `npm run db -- x` reaches us as `x` under vite-node, but a doubled `--` (or running the file
  // another way) can leave one in front.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  return {
    ...(command === undefined ? {} : { command }),
    positionals: rest,
    ...(values.db === undefined ? {} : { db: resolve(requireValue('--db', values.db)) }),
    ...(values.to === undefined ? {} : { to: parseVersion(values.to) }),
    json: values.json ?? false,
    help: values.help ?? false,
    flags: COMMAND_FLAGS.filter((flag) => values[flag] === true),
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      'dry-run': { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
    },
  });
}

function requireValue(option: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`${option} needs a value`, option);
  return value;
}

function parseVersion(value: string): number {
  if (!/^\d{1,6}$/.test(value)) {
    throw new UsageError(`--to must be a schema version (a whole number, 0 or more), not '${value}'`, '--to');
  }
  return Number(value);
}
