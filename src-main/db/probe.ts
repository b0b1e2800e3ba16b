/**
 * Looking at a catalog file before anything is written to it.
 *
 * SQLite adopts whatever `-wal` or `-journal` lies beside a database when it opens it: a `-wal`
 * is replayed (and, by a read-write connection, checkpointed into the file on close), a hot
 * `-journal` is rolled back into the file. A sidecar left by another database (a crashed session
 * before a backup was copied over the file, a file renamed into place) therefore destroys the
 * file it is opened with. So every read-write open first probes the file and its sidecars with
 * plain reads, and a sidecar that cannot belong to the file is moved aside (renamed with a
 * timestamp, never deleted) before SQLite sees it.
 *
 * Two levels of proof:
 * - from the headers alone: a `-wal` beside a file in rollback-journal mode (every backup made
 *   with VACUUM INTO is one), a `-wal`/`-journal` with a foreign page size or a broken header,
 *   a sidecar beside a missing or empty file;
 * - by a trial: the file and the sidecar are copied into a temporary folder and opened there; if
 *   that copy is damaged while the file alone is healthy, the sidecar is foreign. A sidecar that
 *   changes between two looks is in use by a live connection and is never touched.
 */
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { fail } from '../../src-shared/errors';

export type SidecarKind = 'wal' | 'shm' | 'journal';

export const SIDECAR_SUFFIXES: Record<SidecarKind, string> = { wal: '-wal', shm: '-shm', journal: '-journal' };

export interface Sidecar {
  kind: SidecarKind;
  path: string;
  size: number;
  mtimeMs: number;
}

export interface FileProbe {
  file: string;
  /** `not-sqlite`: the first 16 bytes are not SQLite's magic string. */
  state: 'missing' | 'empty' | 'not-sqlite' | 'sqlite';
  size: number;
  /** From the header (bytes 16–17). */
  pageSize?: number;
  /** Header bytes 18/19 are 2: the file is in WAL mode. 1: rollback-journal mode. */
  walMode?: boolean;
  sidecars: Sidecar[];
  /** Sidecars that the headers prove cannot belong to the file. */
  foreign: ForeignSidecar[];
}

export interface ForeignSidecar {
  sidecar: Sidecar;
  reason: string;
}

const SQLITE_MAGIC = 'SQLite format 3\0';
/** A -journal beside an empty file younger than this may be another process's first write. */
const JOURNAL_SETTLE_MS = 5000;
const JOURNAL_MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);

function readHead(path: string, bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function sidecarsOf(file: string): Sidecar[] {
  const found: Sidecar[] = [];
  for (const kind of ['wal', 'shm', 'journal'] as const) {
    const path = file + SIDECAR_SUFFIXES[kind];
    try {
      const stat = lstatSync(path);
      if (stat.isFile()) found.push({ kind, path, size: stat.size, mtimeMs: stat.mtimeMs });
    } catch {
      // absent
    }
  }
  return found;
}

/** SQLite's header page size: 1 in the two bytes means 65536. */
function headerPageSize(header: Buffer): number {
  const raw = header.readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}

/** The WAL header checksum (https://sqlite.org/fileformat2.html#walformat): 24 bytes, two words at a time. */
function walHeaderChecksumOk(header: Buffer): boolean {
  const bigEndian = (header.readUInt32BE(0) & 1) === 1;
  const word = (offset: number) => (bigEndian ? header.readUInt32BE(offset) : header.readUInt32LE(offset));
  let s1 = 0;
  let s2 = 0;
  for (let offset = 0; offset < 24; offset += 8) {
    s1 = (s1 + word(offset) + s2) >>> 0;
    s2 = (s2 + word(offset + 4) + s1) >>> 0;
  }
  return s1 === header.readUInt32BE(24) && s2 === header.readUInt32BE(28);
}

function walProblem(wal: Sidecar, pageSize: number | undefined): string | undefined {
  if (wal.size < 32) return `it is ${wal.size} bytes long, shorter than a WAL header`;
  const header = readHead(wal.path, 32);
  const magic = header.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return 'it does not start with a WAL header';
  if (header.readUInt32BE(4) !== 3007000) return 'its WAL format version is unknown';
  if (!walHeaderChecksumOk(header)) return 'its WAL header checksum is wrong';
  const walPageSize = header.readUInt32BE(8);
  if (pageSize !== undefined && walPageSize !== pageSize) {
    return `its page size (${walPageSize}) differs from the catalog file's (${pageSize})`;
  }
  return undefined;
}

/** Undefined when the journal is not hot (empty or zeroed header): SQLite ignores it then. */
function journalProblem(journal: Sidecar, pageSize: number | undefined): string | undefined {
  if (journal.size === 0) return undefined;
  const header = readHead(journal.path, 28);
  if (header.subarray(0, 8).every((b) => b === 0)) return undefined;
  if (header.length < 28 || !header.subarray(0, 8).equals(JOURNAL_MAGIC)) return 'it does not start with a rollback journal header';
  const journalPageSize = header.readUInt32BE(24);
  if (pageSize !== undefined && journalPageSize !== pageSize) {
    return `its page size (${journalPageSize}) differs from the catalog file's (${pageSize})`;
  }
  return undefined;
}

/** Whether a `-journal` would be rolled back into the file by the next connection. */
export function isHotJournal(journal: Sidecar): boolean {
  if (journal.size === 0) return false;
  try {
    return !readHead(journal.path, 8).every((b) => b === 0);
  } catch (error) {
    if (vanished(error)) return false; // its transaction ended since it was listed
    throw error;
  }
}

/** A file that was listed a moment ago and is gone now: another connection closed or checkpointed. */
function vanished(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * Reads the file's header and lists its sidecars, with plain reads only. The sidecars are listed
 * before the header is read: SQLite writes the WAL flag into the header before it creates a
 * `-wal`, so a `-wal` seen here is always judged against a header at least as new as it.
 */
export function probeFile(file: string): FileProbe {
  // Another process may end its connection between the listing and a read (it deletes its -wal
  // or -journal, or the file is replaced): the folder changed under the probe, so look again.
  for (let attempt = 1; ; attempt++) {
    try {
      return probeOnce(file);
    } catch (error) {
      if (!vanished(error) || attempt >= PROBE_ATTEMPTS) throw error;
    }
  }
}

/** Probes of a folder that keeps changing under them before the last error is let through. */
const PROBE_ATTEMPTS = 5;

function probeOnce(file: string): FileProbe {
  const sidecars = sidecarsOf(file);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    size = -1;
  }
  if (size <= 0) {
    // No -wal can belong to a missing or empty file (SQLite writes the header before the first
    // frame). A -journal can, for the few milliseconds of a new file's first write by another
    // process: only one that has not changed for a while is judged.
    const settled = (s: Sidecar) => s.kind === 'wal' || Date.now() - s.mtimeMs > JOURNAL_SETTLE_MS;
    const reason = size < 0 ? 'there is no catalog file it could belong to' : 'the catalog file beside it is empty';
    const foreign = sidecars.filter((s) => s.kind !== 'shm' && s.size > 0 && settled(s)).map((sidecar) => ({ sidecar, reason }));
    return { file, state: size < 0 ? 'missing' : 'empty', size: Math.max(0, size), sidecars, foreign };
  }
  const header = readHead(file, 100);
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    return { file, state: 'not-sqlite', size, sidecars, foreign: [] };
  }
  const pageSize = headerPageSize(header);
  const walMode = header[18] === 2 && header[19] === 2;
  const foreign: ForeignSidecar[] = [];
  for (const sidecar of sidecars) {
    if (sidecar.kind === 'wal' && sidecar.size > 0) {
      const reason = !walMode
        ? 'the catalog file is in rollback-journal mode (as every backup is), so no -wal can belong to it'
        : walProblem(sidecar, pageSize);
      if (reason) foreign.push({ sidecar, reason });
    }
    if (sidecar.kind === 'journal') {
      const reason = journalProblem(sidecar, pageSize);
      if (reason) foreign.push({ sidecar, reason });
    }
  }
  return { file, state: 'sqlite', size, pageSize, walMode, sidecars, foreign };
}

/** `20261201T091500123Z`: UTC, sortable, valid in every file system's names. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/** A name beside `path` that does not exist yet: `<path>.<label>-<stamp>[-n]`. */
export function asideName(path: string, label: string, stamp = timestamp()): string {
  let candidate = `${path}.${label}-${stamp}`;
  for (let n = 1; existsSync(candidate); n++) candidate = `${path}.${label}-${stamp}-${n}`;
  return candidate;
}

export interface MovedAside {
  from: string;
  to: string;
  reason: string;
}

function unchanged(sidecar: Sidecar): boolean {
  try {
    const stat = statSync(sidecar.path);
    return stat.size === sidecar.size && stat.mtimeMs === sidecar.mtimeMs;
  } catch {
    return false;
  }
}

/**
 * Moves foreign sidecars aside (`catalog.sqlite-wal` → `catalog.sqlite-wal.foreign-<stamp>`, a
 * name no database adopts), with the `-shm` that indexes a moved `-wal`. A sidecar that changed
 * since it was probed belongs to a live connection and is left alone.
 */
export function moveSidecarsAside(file: string, foreign: readonly ForeignSidecar[]): MovedAside[] {
  const moved: MovedAside[] = [];
  const stamp = timestamp();
  for (const { sidecar, reason } of foreign) {
    if (!unchanged(sidecar)) continue;
    const to = asideName(sidecar.path, 'foreign', stamp);
    try {
      renameSync(sidecar.path, to);
    } catch (error) {
      throw fail(
        'ForeignSidecar',
        `${sidecar.path} cannot belong to ${file} (${reason}), and it could not be moved aside (${(error as Error).message}). Move it out of the folder yourself (do not delete it if it may hold someone's data), then try again.`,
        { file, sidecar: sidecar.path, reason },
      );
    }
    moved.push({ from: sidecar.path, to, reason });
    if (sidecar.kind === 'wal') {
      const shm = file + SIDECAR_SUFFIXES.shm;
      if (existsSync(shm)) {
        const shmTo = asideName(shm, 'foreign', stamp);
        try {
          renameSync(shm, shmTo);
          moved.push({ from: shm, to: shmTo, reason: 'it indexes the -wal moved aside' });
        } catch {
          // The -shm holds no data; SQLite rebuilds it. Leaving it is harmless.
        }
      }
    }
  }
  return moved;
}

/** `Moved X aside to Y: reason.` lines for messages and warnings. */
export function describeMoved(moved: readonly MovedAside[]): string[] {
  return moved.map(
    (m) => `${m.from} cannot belong to this catalog (${m.reason}); it was moved aside to ${m.to}, not replayed and not deleted.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Opening an image of the file without touching it

/** An open, private view of a catalog file: nothing beside the file is created or changed. */
export interface Snapshot {
  sqlite: Database.Database;
  /** `memory`: the file's bytes alone; `copy`: the file with its -wal/-journal, in a temp folder; `file`: the file itself, read-only (its -wal and -shm already exist). */
  source: 'memory' | 'copy' | 'file';
  close(): void;
}

export interface SnapshotOptions {
  nativeBinding?: string;
  /** Include these sidecars (copied beside a copy of the file); default none. */
  with?: readonly Sidecar[];
}

function databaseOptions(nativeBinding: string | undefined): Database.Options {
  return nativeBinding ? { nativeBinding } : {};
}

/**
 * The file's bytes, opened in memory. The WAL flag of the copy's header is cleared: SQLite cannot
 * run an in-memory image in WAL mode, and the bytes alone are what the file says without its -wal.
 */
export function openInMemory(file: string, nativeBinding?: string): Database.Database {
  const bytes = readFileSync(file);
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return new Database(bytes, databaseOptions(nativeBinding));
}

/** Copies the file (and `sidecars`) into a new temp folder and opens the copy there. */
export function openCopy(file: string, sidecars: readonly Sidecar[], nativeBinding?: string): Snapshot {
  const dir = mkdtempSync(join(tmpdir(), 'mimir-probe-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true }); // our own temp folder
  try {
    const copy = join(dir, basename(file));
    copyFileSync(file, copy);
    for (const sidecar of sidecars) {
      if (sidecar.kind !== 'shm') copyFileSync(sidecar.path, copy + SIDECAR_SUFFIXES[sidecar.kind]);
    }
    const sqlite = new Database(copy, { ...databaseOptions(nativeBinding), fileMustExist: true });
    return {
      sqlite,
      source: 'copy',
      close() {
        try {
          if (sqlite.open) sqlite.close();
        } finally {
          cleanup();
        }
      },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** quick_check of an open image, plus a read of the schema; undefined when healthy. */
export function damageOf(sqlite: Database.Database): string | undefined {
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    const rows = sqlite.pragma('quick_check') as Record<string, string>[];
    const problems = rows.map((row) => Object.values(row)[0] ?? '');
    return problems.length === 1 && problems[0] === 'ok' ? undefined : problems.slice(0, 5).join('; ');
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Why a readable SQLite image is not a Mimir catalog, or undefined. A catalog has a
 * schema_version table, or no tables at all (a new file, or one rolled back to version 0).
 */
export function notACatalogReason(sqlite: Database.Database): string | undefined {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .pluck()
    .all() as string[];
  if (tables.includes('schema_version')) return undefined;
  if (tables.length > 0) {
    const shown = tables.slice(0, 5).join(', ');
    return `it has tables (${shown}${tables.length > 5 ? ', …' : ''}) but no Mimir migration history`;
  }
  const applicationId = sqlite.pragma('application_id', { simple: true }) as number;
  const userVersion = sqlite.pragma('user_version', { simple: true }) as number;
  if (applicationId !== 0 || userVersion !== 0) {
    return `it is marked by another application (application_id ${applicationId}, user_version ${userVersion})`;
  }
  return undefined;
}

/**
 * What is wrong with an image of a file that, alone, is `alone`: damaged pages, or (when the file
 * alone is a Mimir catalog) the image is not one any more: a -wal of another database replaces
 * page 1 and with it the whole schema, which quick_check alone cannot see. An image without any
 * table is fine (a catalog rolled back to version 0).
 */
export function sidecarProblem(image: Database.Database, aloneIsCatalog: boolean): string | undefined {
  const damage = damageOf(image);
  if (damage !== undefined) return damage;
  if (!aloneIsCatalog) return undefined;
  try {
    const reason = notACatalogReason(image);
    return reason ? `with it the file would not be a Mimir catalog any more: ${reason}` : undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function isCatalogImage(image: Database.Database): boolean {
  try {
    return image.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get() !== undefined;
  } catch {
    return false;
  }
}

/**
 * Opens a view of the file for reading that writes nothing beside it: the file alone in memory
 * when no -wal/-journal holds data; the file itself read-only when its -wal and -shm both exist
 * (a live session or a crashed one: reading adds nothing); otherwise a temp copy with its sidecars.
 * Foreign sidecars (by their headers) are left out: the view is what the file holds.
 */
export function openSnapshot(file: string, probe: FileProbe, nativeBinding?: string): Snapshot {
  const foreign = new Set(probe.foreign.map((f) => f.sidecar.path));
  const wal = probe.sidecars.find((s) => s.kind === 'wal' && s.size > 0 && !foreign.has(s.path));
  const journal = probe.sidecars.find((s) => s.kind === 'journal' && !foreign.has(s.path) && isHotJournal(s));
  if (!wal && !journal) {
    const sqlite = openInMemory(file, nativeBinding);
    return { sqlite, source: 'memory', close: () => sqlite.close() };
  }
  const shm = probe.sidecars.some((s) => s.kind === 'shm');
  if (wal && !journal && shm) {
    try {
      const sqlite = new Database(file, { ...databaseOptions(nativeBinding), readonly: true, fileMustExist: true });
      try {
        sqlite.pragma('schema_version', { simple: true });
        return { sqlite, source: 'file', close: () => sqlite.close() };
      } catch {
        sqlite.close(); // e.g. a -shm on read-only media that needs rebuilding: use a copy
      }
    } catch {
      // fall through to a copy
    }
  }
  return openCopy(file, [wal, journal].filter((s): s is Sidecar => s !== undefined), nativeBinding);
}

/** Linux's encoding of a device number (st_dev) as the `major:minor` /proc/locks prints in hex. */
function deviceOf(dev: number): string {
  const major = Number((BigInt(dev) >> 8n) & 0xfffn) | Number((BigInt(dev) >> 32n) & ~0xfffn);
  const minor = Number(BigInt(dev) & 0xffn) | Number((BigInt(dev) >> 12n) & ~0xffn);
  return `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}`;
}

/**
 * Processes that hold a lock on `file` or its -shm (a SQLite connection in WAL mode keeps a read
 * lock on the -shm for as long as it is open), from Linux's /proc/locks; empty elsewhere, or when
 * nobody holds one. This process is left out unless `includeSelf`. Read-only: nothing is opened.
 */
export function lockHolders(file: string, options: { includeSelf?: boolean; shmOnly?: boolean } = {}): number[] {
  let locks: string;
  try {
    locks = readFileSync('/proc/locks', 'utf8');
  } catch {
    return [];
  }
  const wanted = new Set<string>();
  for (const path of options.shmOnly ? [file + SIDECAR_SUFFIXES.shm] : [file, file + SIDECAR_SUFFIXES.shm]) {
    try {
      const stat = statSync(path);
      wanted.add(`${deviceOf(stat.dev)}:${stat.ino}`);
    } catch {
      // not there: nobody holds it
    }
  }
  const holders = new Set<number>();
  for (const line of locks.split('\n')) {
    const match = /^\d+:\s+(?:->\s+)?\S+\s+\S+\s+\S+\s+(-?\d+)\s+([0-9a-f]+:[0-9a-f]+):(\d+)\s/.exec(line);
    if (!match) continue;
    const pid = Number(match[1]);
    const [major, minor] = (match[2] as string).split(':').map((part) => part.padStart(2, '0'));
    if (pid > 0 && (options.includeSelf || pid !== process.pid) && wanted.has(`${major}:${minor}:${match[3]}`)) holders.add(pid);
  }
  return [...holders].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Before a read-write open

export interface WriteReadiness {
  probe: FileProbe;
  /** Sidecars moved aside before the open (named in warnings). */
  moved: MovedAside[];
  /**
   * How a -wal/-journal with data was judged: `live` (a connection has the -wal open, so it is the
   * file's own and SQLite shares it, not replays it), `trial` (replayed into a temporary copy).
   * Undefined when there was nothing to judge.
   */
  sidecarCheck?: 'live' | 'trial';
}

function accessProblem(path: string): NodeJS.ErrnoException | undefined {
  try {
    accessSync(path, constants.W_OK);
    return undefined;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/** ReadOnly with the reason a person can act on, before SQLite fails with CANTOPEN. */
export function checkWritable(file: string, exists: boolean): void {
  const dir = dirname(file);
  if (!existsSync(dir)) return; // SQLite's own error says so
  const onMedia = (error: NodeJS.ErrnoException) => error.code === 'EROFS';
  const fileProblem = exists ? accessProblem(file) : undefined;
  const dirProblem = accessProblem(dir);
  const problem = fileProblem ?? dirProblem;
  if (!problem) return;
  const where = onMedia(problem) ? 'media' : fileProblem ? 'file' : 'directory';
  const what =
    where === 'media'
      ? `${file} is on read-only media`
      : where === 'file'
        ? `${file} cannot be written (${problem.code ?? problem.message})`
        : `the folder ${dir} cannot be written (${problem.code ?? problem.message}); SQLite needs it for the -wal and -journal files`;
  throw fail(
    'ReadOnly',
    `${what}. Mimir can still inspect it (npm run db -- status / check), but cannot open it for writing: copy it to a writable folder, or make the ${where === 'directory' ? 'folder' : 'file'} writable, and try again.`,
    { file, reason: where },
  );
}

/**
 * Everything that must hold before SQLite opens `file` read-write: the file and its folder are
 * writable, a non-SQLite file is refused untouched, foreign sidecars are moved aside, and a
 * -wal/-journal is replayed in a copy first: one that damages the copy while the file alone is
 * healthy is moved aside too. Throws `Corrupt` (nothing moved) when the file itself is damaged.
 */
export function prepareForWrite(file: string, nativeBinding?: string): WriteReadiness {
  let probe = probeFile(file);
  // Foreign sidecars first: in a folder that cannot be written, ForeignSidecar names the file
  // that is in the way, which says more than ReadOnly.
  const moved = moveSidecarsAside(file, probe.foreign);
  if (moved.length > 0) probe = probeFile(file);
  checkWritable(file, probe.state !== 'missing');
  if (probe.state === 'not-sqlite') {
    throw fail(
      'Corrupt',
      `${file} is not a SQLite database (its first bytes are not SQLite's header), so it is not a Mimir catalog. It has not been modified; restore a backup (npm run db -- restore <backup>) or move the file aside.`,
      { file, reason: 'not a database' },
    );
  }
  if (probe.state !== 'sqlite') return { probe, moved };

  const replayed = probe.sidecars.filter(
    (s) => (s.kind === 'wal' && s.size > 0) || (s.kind === 'journal' && isHotJournal(s)),
  );
  if (replayed.length === 0) return { probe, moved };
  // A -wal some connection has open (its -shm is locked, this process's other threads included)
  // is that connection's log of this very file: SQLite joins it instead of recovering it, so
  // there is nothing to try in a copy, which would cost a full copy of the file at every open
  // beside a running app (a second worker, the command line).
  if (replayed.every((s) => s.kind === 'wal') && lockHolders(file, { includeSelf: true, shmOnly: true }).length > 0) {
    return { probe, moved, sidecarCheck: 'live' };
  }
  // The file alone (its bytes, in memory): the reference a sidecar is judged against.
  let alone: string | undefined;
  let aloneIsCatalog = false;
  try {
    const image = openInMemory(file, nativeBinding);
    try {
      alone = damageOf(image);
      aloneIsCatalog = alone === undefined && isCatalogImage(image);
    } finally {
      image.close();
    }
  } catch (error) {
    alone = (error as Error).message;
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    let withSidecars: string | undefined;
    try {
      const trial = openCopy(file, replayed, nativeBinding);
      try {
        withSidecars = sidecarProblem(trial.sqlite, aloneIsCatalog);
      } finally {
        trial.close();
      }
    } catch {
      // No room for a trial copy (a full temp folder): the headers were fine, trust them.
      return { probe, moved, sidecarCheck: 'trial' };
    }
    if (withSidecars === undefined) return { probe, moved, sidecarCheck: 'trial' };
    // A problem with the sidecar. A sidecar that changed meanwhile is live: look again.
    if (!replayed.every(unchanged)) {
      probe = probeFile(file);
      continue;
    }
    if (alone !== undefined) {
      throw fail(
        'Corrupt',
        `${file} is damaged (${alone}). It has not been modified. Restore the newest backup (npm run db -- restore <backup> --db ${file}, or the app's "Restore the newest backup").`,
        { file, reason: alone },
      );
    }
    const reason = `replaying it into a copy of the catalog damaged the copy (${withSidecars}), while the file alone is healthy`;
    moved.push(...moveSidecarsAside(file, replayed.map((sidecar) => ({ sidecar, reason }))));
    return { probe: probeFile(file), moved, sidecarCheck: 'trial' };
  }
  return { probe, moved, sidecarCheck: 'trial' };
}
