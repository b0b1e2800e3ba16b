/** The shape every `npm run db` command has, and the checks several of them share. */
import { existsSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { fail } from '../../../src-shared/errors';
import type { CommandFlag } from '../args';
import { damageOf, notACatalogReason, openInMemory, openSnapshot, probeFile, sidecarProblem, type FileProbe, type Snapshot } from '../../db/probe';
import { toCatalogError } from '../../db/sqlite-errors';
import type { Outcome } from '../output';

export interface CommandContext {
  /** Absolute path of the catalog file (`--db`). */
  db: string;
  /** Positional arguments after the command name: those `arguments` names, then any optional ones. */
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
  /** Names of optional positional arguments after the required ones. */
  optionalArguments?: string[];
  /** Whether `--to` is accepted, and whether it must be given. */
  to?: 'optional' | 'required';
  /** Boolean options it accepts (`--dry-run`, `--verbose`); any other is a usage error. */
  flags?: CommandFlag[];
  run(context: CommandContext): Outcome | Promise<Outcome>;
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

/** A read-only view of a catalog file for status, check and backup. */
export interface Inspection {
  sqlite: Database.Database;
  probe: FileProbe;
  /** Sidecars found not to belong to the file: left where they are, and not read. */
  notes: string[];
  close(): void;
}

/**
 * Opens an existing catalog for commands that must not change it (status, check, backup),
 * without writing anything beside it: no -wal/-shm is created, nothing is checkpointed, and a
 * foreign sidecar is reported but neither read nor moved (./db/probe.ts, `openSnapshot`). Works
 * on read-only files, folders and media.
 */
export function openForInspection(file: string): Inspection {
  requireFile(file);
  const probe = probeFile(file);
  if (probe.state === 'empty') {
    throw fail('NotACatalog', `${file} is empty (0 bytes): it holds no catalog yet. npm run db -- migrate --db ${file} makes it one.`, {
      file,
      reason: 'empty file',
    });
  }
  if (probe.state !== 'sqlite') {
    throw fail(
      'Corrupt',
      `${file} is not a SQLite database (its first bytes are not SQLite's header). It was not changed; restore a backup with npm run db -- restore <backup> --db ${file}.`,
      { file, reason: 'not a database' },
    );
  }
  let snapshot: Snapshot;
  try {
    snapshot = openSnapshot(file, probe);
  } catch (error) {
    const mapped = toCatalogError(error);
    throw mapped.code === 'Corrupt'
      ? fail('Corrupt', `${file} cannot be read (${(error as Error).message}). It was not changed.`, { file, reason: (error as Error).message })
      : mapped;
  }
  const notes = probe.foreign.map(
    ({ sidecar, reason }) =>
      `${sidecar.path} cannot belong to this catalog (${reason}); it was not read. The next migrate, import or app start moves it aside.`,
  );
  // A -wal/-journal that damages the view while the file alone is healthy belongs to another
  // database: show the file alone and name the sidecar (the next read-write open moves it aside).
  if (snapshot.source !== 'memory') {
    let alone: Database.Database | undefined;
    try {
      alone = openInMemory(file);
      const aloneIsCatalog = damageOf(alone) === undefined && notACatalogReason(alone) === undefined;
      if (aloneIsCatalog && sidecarProblem(snapshot.sqlite, true) !== undefined) {
        snapshot.close();
        const replayed = probe.sidecars.filter((s) => s.kind !== 'shm' && s.size > 0 && !probe.foreign.some((f) => f.sidecar.path === s.path));
        const image = alone;
        alone = undefined;
        notes.push(
          ...replayed.map(
            (s) =>
              `${s.path} cannot belong to this catalog (replaying it damages the catalog, while the file alone is healthy); it was not read. The next migrate, import or app start moves it aside.`,
          ),
        );
        return { sqlite: image, probe, notes, close: () => image.close() };
      }
    } catch {
      // the file alone is unreadable too: report the view as it is
    } finally {
      alone?.close();
    }
  }
  return { sqlite: snapshot.sqlite, probe, notes, close: () => snapshot.close() };
}
