/**
 * The maintainers' command line: `npm run db -- <command> --db <file> [--json]`.
 * Runs the database core under plain Node (through vite-node, which embeds the migrations).
 * Exit codes: 0 success, 1 the command failed or the database refused it, 2 a malformed command
 * line. A failure writes one line `error: <message>` to stderr; `--json` prints the result, or
 * the error, as one JSON document on stdout (see output.ts).
 */
import { collectWarnings } from '../db/connection';
import { parseCommandLine, UsageError, wantsJson, type CommandFlag } from './args';
import { commands, type Command } from './commands';
import { EXIT_OK, outcomeOf, print, type Outcome, type Streams } from './output';

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'usage: npm run db -- <command> --db <file> [--json]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'options:',
    '  --db <file>  the catalog file (required)',
    '  --json       print the result (or the error) as JSON on stdout',
    '  --dry-run    import-5etools: report what the import would change, write nothing',
    '  --verbose    import-5etools: list every skipped record, warning, kept row and conflict',
    '  --help       this text',
    '',
    'exit codes: 0 success, 1 the command failed or the database refused it, 2 bad command line',
    '',
  ].join('\n');
}

export async function main(argv: readonly string[], streams: Streams, stderrIsTTY = false): Promise<number> {
  const json = wantsJson(argv);
  const collected = collectWarnings(() => run(argv, streams, stderrIsTTY));
  // Only `call` is asynchronous (it goes through the IPC router); it opens nothing that warns.
  const outcome: Outcome = await collected.result.outcome;
  const warnings = [...(outcome.warnings ?? []), ...collected.warnings.filter((w) => !outcome.warnings?.includes(w))];
  if (warnings.length > 0) outcome.warnings = warnings;
  if (collected.result.help) {
    streams.stdout(usage());
    return EXIT_OK;
  }
  print(outcome, collected.result.name, json, streams);
  return outcome.exitCode;
}

function run(
  argv: readonly string[],
  streams: Streams,
  stderrIsTTY: boolean,
): { outcome: Outcome | Promise<Outcome>; name: string | undefined; help: boolean } {
  let name: string | undefined;
  let outcome: Outcome | Promise<Outcome>;
  try {
    const args = parseCommandLine(argv);
    name = args.command;
    if (args.help || name === 'help') return { outcome: { ok: true, lines: [], exitCode: EXIT_OK }, name, help: true };
    const command = find(name);
    if (!args.db) throw new UsageError(`${command.name} needs --db <file>`, '--db');
    checkArguments(command, args.positionals, args.to, args.flags);
    const ran = command.run({
      db: args.db,
      args: args.positionals,
      flags: args.flags,
      ...(args.to === undefined ? {} : { to: args.to }),
      // A live progress line only on a terminal: redirected stderr stays one line on failure.
      ...(stderrIsTTY ? { progress: (text: string) => streams.stderr(`\r${text}\x1b[K`) } : {}),
    });
    outcome = ran instanceof Promise ? ran.catch(outcomeOf) : ran;
  } catch (error) {
    outcome = outcomeOf(error);
  }
  return { outcome, name, help: false };
}

function find(name: string | undefined): Command {
  const names = commands.map((c) => c.name).join(', ');
  if (name === undefined) throw new UsageError(`no command given (commands: ${names})`, 'command');
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command '${name}' (commands: ${names})`, 'command');
  return command;
}

function checkArguments(command: Command, positionals: string[], to: number | undefined, flags: CommandFlag[]): void {
  for (const flag of flags) {
    if (!command.flags?.includes(flag)) throw new UsageError(`${command.name} does not take --${flag}`, `--${flag}`);
  }
  const expected = command.arguments.length;
  const most = expected + (command.optionalArguments?.length ?? 0);
  if (positionals.length < expected) {
    throw new UsageError(`${command.name} needs <${command.arguments[positionals.length]}>: ${command.usage}`, 'argv');
  }
  if (positionals.length > most) {
    throw new UsageError(`${command.name} does not take '${positionals[most]}': ${command.usage}`, 'argv');
  }
  if (to !== undefined && !command.to) throw new UsageError(`${command.name} does not take --to`, '--to');
  if (to === undefined && command.to === 'required') throw new UsageError(`${command.name} needs --to N`, '--to');
}

// vite-node gives the script the arguments after its own `--` as process.argv[2…].
process.exitCode = await main(
  process.argv.slice(2),
  { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  Boolean(process.stderr.isTTY),
);
