/** The shape every `npm run db` command has, and the checks several of them share. */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { fail } from '../../../src-shared/errors';
import { openConnection, type Connection } from '../../db/connection';
import type { CommandFlag } from '../args';
import type { Outcome } from '../output';

export interface CommandContext {
  /** Absolute path of the catalog file (`--db`). */
  db: string;
  /** Positional arguments after the command name, as many as `arguments` names. */
  args: string[];
  /** `--to N`, when the command takes it. */
  to?: number;
  /** The boolean options given (only those the command accepts get this far). */
  flags: CommandFlag[];
  /** Writes progress to the terminal; undefined when stderr is not a terminal. */
  progress?: (text: string) => void;
}

export interface Command {
  name: string;
  /** e.g. `rollback --to N`; `--db <file> [--json]` is implied. */
  usage: string;
  summary: string;
  /** Names of the required positional arguments, e.g. `['out']`. */
  arguments: string[];
  /** Whether `--to` is accepted, and whether it must be given. */
  to?: 'optional' | 'required';
  /** Boolean options it accepts (`--dry-run`, `--verbose`); any other is a usage error. */
  flags?: CommandFlag[];
  run(context: CommandContext): Outcome;
}

/** NotFound unless `file` exists: inspecting commands must never create an empty catalog. */
export function requireFile(file: string, what = 'catalog file'): void {
  if (!existsSync(file)) {
    throw fail('NotFound', `The ${what} ${file} does not exist.`, { entity: what, id: file });
  }
}

export function requireDirectory(dir: string, what: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw fail('NotFound', `The ${what} ${dir} does not exist or is not a directory.`, { entity: what, id: dir });
  }
}

/**
 * Opens an existing catalog for commands that must not change it (status, check, backup).
 * A writable open would switch a file that is not in WAL mode (a backup made with VACUUM INTO,
 * a file from another tool) to WAL, rewriting its header; a read-only open of a WAL file would
 * leave empty -wal/-shm files behind. So: read-write for WAL files, read-only for the rest.
 */
export function openForInspection(file: string): Connection {
  requireFile(file);
  return openConnection(file, { fileMustExist: true, readonly: !isWalFile(file) });
}

/** Bytes 18 and 19 of the SQLite header are 2 in WAL mode. */
function isWalFile(file: string): boolean {
  const header = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, header, 0, 20, 0) === 20 && header[18] === 2 && header[19] === 2;
  } finally {
    closeSync(fd);
  }
}
