/**
 * Shared machinery of the reliability suite: the real CLI in child processes (killed with
 * SIGKILL where a case says so), fingerprints of a catalog's content that do not depend on how
 * it was read, small file systems, and the outcome log the README table is generated from
 * (`npm run reliability:table`, scripts/reliability-table.mjs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import type { AppError } from '../../src-shared/errors';
import { buildCli, root } from './cli-build';

export { root };

let cliPath: string | undefined;

/** Builds the CLI bundle once per test file (3–4 s). */
export function useCli(): void {
  beforeAll(async () => {
    cliPath = await buildCli();
  }, 120_000);
  afterAll(() => {
    if (cliPath) rmSync(join(cliPath, '..'), { recursive: true, force: true });
  });
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn to exit. */
  ms: number;
  json?: { ok: boolean; data?: Record<string, unknown>; error?: AppError; warnings?: string[] };
}

export interface CliOptions {
  /** A command the child runs under (`nsenter …`: inside the namespace of a small disk). */
  wrap?: string[];
  /** Node options before the CLI bundle (`--import` of the page-limit preload). */
  nodeArgs?: string[];
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** SIGKILL the child this many ms after it was spawned. */
  killAfterMs?: number;
  /** SIGKILL the child as soon as this returns true (polled every 2 ms). */
  killWhen?: () => boolean;
  timeoutMs?: number;
}

/** `npm run db -- <args>` in a child process (the bundled CLI, see cli-build.ts). */
export function cli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  if (!cliPath) throw new Error('useCli() must be called in the test file');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const command = [...(options.wrap ?? []), process.execPath, ...(options.nodeArgs ?? []), cliPath as string, ...args];
    const child = spawn(command[0] as string, command.slice(1), {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      timeout: options.timeoutMs ?? 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timers: NodeJS.Timeout[] = [];
    if (options.killAfterMs !== undefined) timers.push(setTimeout(() => child.kill('SIGKILL'), options.killAfterMs));
    if (options.killWhen) {
      const when = options.killWhen;
      timers.push(
        setInterval(() => {
          if (when()) child.kill('SIGKILL');
        }, 2),
      );
    }
    child.on('error', reject);
    child.on('close', (status, signal) => {
      for (const timer of timers) clearTimeout(timer);
      let json: CliRun['json'];
      try {
        json = JSON.parse(stdout) as CliRun['json'];
      } catch {
        json = undefined;
      }
      resolve({ status, signal, stdout, stderr, ms: Date.now() - started, ...(json ? { json } : {}) });
    });
  });
}

/** sha256 of a file's bytes, or 'absent'. */
export function hashFile(path: string): string {
  if (!existsSync(path)) return 'absent';
  const hash = createHash('sha256');
  hash.update(readFileSync(path));
  return hash.digest('hex');
}

/** Byte hashes of the file and each of its sidecars. */
export function fileState(file: string): Record<string, string> {
  return Object.fromEntries(['', '-wal', '-shm', '-journal'].map((suffix) => [basename(file) + suffix, hashFile(file + suffix)]));
}

/** Columns that differ between two runs of the same operation (clocks), left out of content hashes. */
const VOLATILE = /(_at|At)$/;

export interface Content {
  /** Schema version (max of schema_version, 0 without it). */
  version: number;
  /** Rows per table. */
  counts: Record<string, number>;
  /** sha256 over every table's rows (volatile columns left out), sorted. */
  hash: string;
}

/**
 * What the catalog holds, as any later reader would see it: the file and its -wal/-journal are
 * copied to a scratch folder and opened there with plain better-sqlite3 (not Mimir's code), so
 * the original is never touched and the fingerprint does not depend on the code under test.
 */
export function contentOf(file: string, exclude: readonly string[] = []): Content {
  const dir = mkdtempSync(join(tmpdir(), 'mimir-content-'));
  try {
    const copy = join(dir, 'c.sqlite');
    copyFileSync(file, copy);
    for (const suffix of ['-wal', '-journal']) if (existsSync(file + suffix)) copyFileSync(file + suffix, copy + suffix);
    const sqlite = new Database(copy);
    try {
      const tables = sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
        .pluck()
        .all() as string[];
      const hash = createHash('sha256');
      const counts: Record<string, number> = {};
      for (const table of tables) {
        if (exclude.includes(table)) continue;
        const rows = sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
        counts[table] = rows.length;
        const lines = rows
          .map((row) => JSON.stringify(Object.entries(row).filter(([key]) => !VOLATILE.test(key))))
          .sort();
        hash.update(`${table}\n${lines.join('\n')}\n`);
      }
      const version = tables.includes('schema_version')
        ? ((sqlite.prepare('SELECT max(version) FROM schema_version').pluck().get() as number | null) ?? 0)
        : 0;
      return { version, counts, hash: hash.digest('hex') };
    } finally {
      sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Files in `dir` (names), sorted. */
export function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** A random integer in [min, max). */
export function randomBetween(min: number, max: number): number {
  return Math.floor(min + Math.random() * Math.max(1, max - min));
}

// ---------------------------------------------------------------------------------------------
// Small file systems (root only)

export interface Mount {
  dir: string;
  unmount(): void;
}

let mountSupport: string | undefined | null = null;

/** Why tmpfs/bind mounts cannot be used here, or undefined when they can (checked once). */
export function mountUnsupported(): string | undefined {
  if (mountSupport !== null) return mountSupport;
  if (process.platform !== 'linux') return (mountSupport = `mounts need Linux (this is ${process.platform})`);
  if (process.getuid?.() !== 0) return (mountSupport = 'mounting a tmpfs needs root');
  const dir = mkdtempSync(join(tmpdir(), 'mimir-mount-probe-'));
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { encoding: 'utf8' });
  if (result.status === 0) spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
  mountSupport = result.status === 0 ? undefined : `mount -t tmpfs failed: ${(result.stderr || result.error?.message || '').trim()}`;
  return mountSupport;
}

/** A tmpfs of `bytes` (rounded to pages by the kernel). */
export function mountTmpfs(bytes: number): Mount {
  const dir = mkdtempSync(join(tmpdir(), 'mimir-tmpfs-'));
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`mount failed: ${result.stderr}`);
  return {
    dir,
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A read-only view of `source` (a bind mount remounted read-only). */
export function mountReadOnly(source: string): Mount {
  const dir = mkdtempSync(join(tmpdir(), 'mimir-ro-'));
  const bind = spawnSync('mount', ['--bind', source, dir], { encoding: 'utf8' });
  if (bind.status !== 0) throw new Error(`bind mount failed: ${bind.stderr}`);
  const ro = spawnSync('mount', ['-o', 'remount,bind,ro', dir], { encoding: 'utf8' });
  if (ro.status !== 0) {
    spawnSync('umount', [dir]);
    throw new Error(`read-only remount failed: ${ro.stderr}`);
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A small disk where no tmpfs can be mounted directly: a tmpfs in a user + mount namespace of
// our own (`unshare -rm`, allowed to unprivileged users on most Linux systems). This process
// reaches it through /proc/<pid>/root of the namespace's holder process; children run inside the
// namespace (`nsenter`), because SQLite resolves the /proc/<pid>/root link and would write beside
// the mount instead of on it.

export interface SmallDisk {
  /** How it was made. */
  kind: 'tmpfs' | 'user-namespace tmpfs';
  /** The folder on the small file system, as this process reaches it. */
  dir: string;
  /** `path` (inside `dir`) as a CLI child sees it. */
  child(path: string): string;
  /** What `cli()` needs to run a child where the disk is mounted. */
  cliOptions: CliOptions;
  unmount(): void;
}

const TMPFS_MAGIC = 0x01021994;
let namespaceSupport: string | undefined | null = null;

/** Why a tmpfs in a user namespace cannot be used here, or undefined (checked once). */
export function namespaceUnsupported(): string | undefined {
  if (namespaceSupport !== null) return namespaceSupport;
  if (process.platform !== 'linux') return (namespaceSupport = `user namespaces need Linux (this is ${process.platform})`);
  const dir = mkdtempSync(join(tmpdir(), 'mimir-userns-probe-'));
  const script = `unshare -rm sh -c 'mount -t tmpfs -o size=64k tmpfs ${dir} && exec sleep 5' & sleep 0.3; nsenter -t $! -U -m --preserve-credentials stat -f -c %T ${dir}; kill $!`;
  const result = spawnSync('sh', ['-c', script], { encoding: 'utf8', timeout: 10_000 });
  rmSync(dir, { recursive: true, force: true });
  namespaceSupport = result.stdout.trim() === 'tmpfs' ? undefined : `no tmpfs in a user namespace (unshare -rm / nsenter): ${(result.stderr || result.error?.message || result.stdout).trim()}`;
  return namespaceSupport;
}

/** Why no small disk of either kind can be made here, or undefined. */
export function smallDiskUnsupported(): string | undefined {
  const mount = mountUnsupported();
  if (!mount) return undefined;
  const namespace = namespaceUnsupported();
  return namespace ? `${mount}; ${namespace}` : undefined;
}

/** A small file system of `bytes`: a plain tmpfs as root, else a tmpfs in a user namespace. */
export function smallDisk(bytes: number): SmallDisk {
  if (!mountUnsupported()) {
    const mount = mountTmpfs(bytes);
    return { kind: 'tmpfs', dir: mount.dir, child: (path) => path, cliOptions: {}, unmount: () => mount.unmount() };
  }
  const inner = mkdtempSync(join(tmpdir(), 'mimir-tmpfs-'));
  const holder = spawn('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=${bytes} tmpfs ${inner} && exec sleep 100000`], { stdio: 'ignore' });
  const outer = `/proc/${holder.pid}/root${inner}`;
  const deadline = Date.now() + 5000;
  while (!isTmpfs(outer)) {
    if (Date.now() > deadline) {
      holder.kill('SIGKILL');
      throw new Error(`the user-namespace tmpfs did not appear at ${outer}`);
    }
    spawnSync('sleep', ['0.02']);
  }
  return {
    kind: 'user-namespace tmpfs',
    dir: outer,
    child: (path) => (path.startsWith(outer) ? inner + path.slice(outer.length) : path),
    cliOptions: { wrap: ['nsenter', '-t', String(holder.pid), '-U', '-m', '--preserve-credentials'] },
    unmount() {
      holder.kill('SIGKILL');
      rmSync(inner, { recursive: true, force: true });
    },
  };
}

function isTmpfs(path: string): boolean {
  try {
    return statfsSync(path).type === TMPFS_MAGIC;
  } catch {
    return false;
  }
}

// Where no small disk can be made at all: SQLite's own page limit on the child's read-write
// connections (test/reliability/page-limit/), which fails a growing write with SQLITE_FULL as a
// full disk does. It limits the database only: a checkpoint or a VACUUM INTO target never meets it.

const PAGE_LIMIT_PRELOAD = join(root, 'test', 'reliability', 'page-limit', 'register.mjs');

/** cli() options that let the catalog files inside `dir` grow to at most `pages` pages. */
export function pageLimit(dir: string, pages: number): CliOptions {
  return {
    nodeArgs: ['--import', PAGE_LIMIT_PRELOAD],
    env: { MIMIR_TEST_PAGE_LIMIT_DIR: dir, MIMIR_TEST_MAX_PAGE_COUNT: String(pages) },
  };
}

/** Fills the file system holding `dir` until fewer than `leaveBytes` remain. */
export function fillDisk(dir: string, leaveBytes: number): string {
  const filler = join(dir, 'filler.bin');
  const stat = statfsSync(dir);
  const free = stat.bavail * stat.bsize;
  const size = Math.max(0, free - leaveBytes);
  writeFileSync(filler, Buffer.alloc(size));
  return filler;
}

let chattrSupport: string | undefined | null = null;

/** Why `chattr +i` cannot be used on the temp folder, or undefined. */
export function chattrUnsupported(): string | undefined {
  if (chattrSupport !== null) return chattrSupport;
  if (process.getuid?.() !== 0) return (chattrSupport = 'chattr +i needs root');
  const dir = mkdtempSync(join(tmpdir(), 'mimir-chattr-probe-'));
  const file = join(dir, 'f');
  writeFileSync(file, 'x');
  const set = spawnSync('chattr', ['+i', file], { encoding: 'utf8' });
  spawnSync('chattr', ['-i', file]);
  rmSync(dir, { recursive: true, force: true });
  chattrSupport = set.status === 0 ? undefined : `chattr +i failed: ${(set.stderr || set.error?.message || '').trim()}`;
  return chattrSupport;
}

export function chattr(flag: '+i' | '-i', path: string): void {
  const result = spawnSync('chattr', [flag, path], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`chattr ${flag} ${path}: ${result.stderr}`);
}

// ---------------------------------------------------------------------------------------------
// Outcome log

export interface Outcome {
  /** The case, e.g. "kill -9 during import into a populated catalog". */
  case: string;
  /** What was done, e.g. "10 random kill points". */
  done: string;
  /** What was observed, e.g. "10/10 before or after; check ok". */
  result: string;
}

const outcomes: Outcome[] = [];

/** Temporary folders in messages become `<tmp>`, so the table does not change from run to run. */
function untemp(text: string): string {
  return text.replace(/(\/proc\/\d+\/root)?\/tmp\/mimir-[A-Za-z0-9-]+/g, '<tmp>');
}

export function record(outcome: Outcome): void {
  outcomes.push({ case: untemp(outcome.case), done: untemp(outcome.done), result: untemp(outcome.result) });
}

/** Writes this file's outcomes to test/reliability/results/<name>.json after its tests. */
export function writeOutcomes(name: string): void {
  afterAll(() => {
    if (outcomes.length === 0) return;
    const dir = join(root, 'test', 'reliability', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(outcomes, null, 2)}\n`);
  });
}
