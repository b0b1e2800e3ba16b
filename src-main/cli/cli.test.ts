/**
 * The `npm run db` command line, run as a child process exactly as a maintainer runs it
 * (vite-node + src-main/cli/index.ts), against catalog files prepared in-process. Each child
 * takes a second or two, so cases share files where they can.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src-shared/errors';
import { fileHash, openMigrated, seedRuleSystemAndSource, sidecars, tempDir } from '../../test/helpers';
import { listBackups } from '../db/backup';
import { openConnection } from '../db/connection';
import { embeddedMigrations, latestVersion, migrate, readHistory } from '../db/migrations';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const viteNodePackage = join(root, 'node_modules', 'vite-node');
const viteNodeBin = join(
  viteNodePackage,
  (JSON.parse(readFileSync(join(viteNodePackage, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin[
    'vite-node'
  ] as string,
);

const SPAWN_TIMEOUT_MS = 60_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as the --json document. */
  json: { ok: boolean; command?: string; data?: Record<string, unknown>; error?: AppError };
}

/**
 * `npm run db -- <args>`, i.e. `vite-node src-main/cli/index.ts -- <args>`. Asynchronous: a
 * blocking spawnSync would starve the test worker's own messaging for seconds at a time.
 */
function db(...args: string[]): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [viteNodeBin, 'src-main/cli/index.ts', '--', ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      timeout: SPAWN_TIMEOUT_MS,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      resolvePromise({
        status,
        stdout,
        stderr,
        get json() {
          return JSON.parse(stdout) as Run['json'];
        },
      }),
    );
  });
}

/** Exit code and the one `error:` line on stderr. */
function expectFailure(run: Run, exitCode: 1 | 2, message: RegExp): void {
  expect(run.status, `stdout: ${run.stdout}\nstderr: ${run.stderr}`).toBe(exitCode);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(message);
}

function expectSuccess(run: Run): void {
  expect(run.status, `stdout: ${run.stdout}\nstderr: ${run.stderr}`).toBe(0);
  expect(run.stderr).toBe('');
}

/** A closed catalog at `version` with a rule system and a source. */
function catalogAt(version: number): string {
  const file = join(tempDir(), 'catalog.sqlite');
  const connection = openConnection(file);
  expect(migrate(connection.sqlite, embeddedMigrations, { to: version, backup: false }).ok).toBe(true);
  connection.sqlite.exec(`INSERT INTO rule_systems (id, name) VALUES ('dnd5e-2014', 'D&D 5e (2014)');
                          INSERT INTO sources (id, rule_system_id, full_name) VALUES ('PHB', 'dnd5e-2014', 'PHB');`);
  connection.close();
  return file;
}

function versionOf(file: string): number {
  const connection = openConnection(file, { readonly: true });
  try {
    return readHistory(connection.sqlite).at(-1)?.version ?? 0;
  } finally {
    connection.close();
  }
}

// Sequential on purpose: each child is CPU-bound (vite-node start-up), and the machine has 2 cores.
describe('npm run db', { timeout: 6 * SPAWN_TIMEOUT_MS }, () => {
  describe('command line errors exit 2', () => {
    it('no command, an unknown command, a missing --db, an unknown option, extra or missing arguments', async () => {
      const file = join(tempDir(), 'never-created.sqlite');
      const [none, unknown, noDb, unknownOption, noOut] = await Promise.all([
        db(),
        db('frobnicate', '--db', file),
        db('status'),
        db('status', '--db', file, '--force', '--json'),
        db('backup', '--db', file),
      ]);
      expectFailure(none, 2, /no command given/);
      expectFailure(unknown, 2, /unknown command 'frobnicate'.*status, migrate/);
      expectFailure(noDb, 2, /status needs --db <file>/);
      expectFailure(unknownOption, 2, /--force/);
      expect(unknownOption.json).toMatchObject({ ok: false, error: { code: 'ValidationFailed' } });
      expectFailure(noOut, 2, /backup needs <out>/);
      expect(existsSync(file)).toBe(false);
    });

    it('a bad --to, --to where it does not apply, and rollback without --to', async () => {
      const file = join(tempDir(), 'never-created.sqlite');
      const [notANumber, notTaken, notGiven] = await Promise.all([
        db('migrate', '--db', file, '--to', 'latest'),
        db('status', '--db', file, '--to', '3'),
        db('rollback', '--db', file),
      ]);
      expectFailure(notANumber, 2, /--to must be a schema version.*'latest'/);
      expectFailure(notTaken, 2, /status does not take --to/);
      expectFailure(notGiven, 2, /rollback needs --to N/);
      expect(existsSync(file)).toBe(false);
    });

    it('--help prints the usage and exits 0, and a leading -- is ignored', async () => {
      const help = await db('--help');
      expectSuccess(help);
      for (const command of ['status', 'migrate [--to N]', 'rollback --to N', 'redo', 'check', 'backup <out>', 'import-5etools <data-dir>']) {
        expect(help.stdout).toContain(command);
      }
      const file = catalogAt(3);
      const run = await db('--', 'status', '--db', file, '--json');
      expectSuccess(run);
      expect(run.json.data?.schemaVersion).toBe(3);
    });
  });

  describe('status', () => {
    it('reports version, pending migrations and row counts of an old catalog without changing it', async () => {
      const file = catalogAt(3);
      const before = fileHash(file);
      const human = await db('status', '--db', file);
      expectSuccess(human);
      expect(human.stdout).toMatch(new RegExp(`schema version\\s+3 \\(this build: ${latestVersion}\\)`));
      expect(human.stdout).toMatch(new RegExp(`pending\\s+${latestVersion - 3}: 4 classes, 5 items`));
      expect(human.stdout).toMatch(/rule_systems\s+1/);
      const json = await db('status', '--db', file, '--json');
      expectSuccess(json);
      expect(json.json).toEqual({
        ok: true,
        command: 'status',
        data: {
          file,
          schemaVersion: 3,
          latestVersion,
          pending: embeddedMigrations.slice(3).map(({ version, name }) => ({ version, name })),
          pages: 'ok',
          counts: { rule_systems: 1, sources: 1, races: 0 },
          // No import_log table at version 3, so no import to show.
          lastImport: null,
          sidecars: [],
        },
      });
      expect(human.stdout).toMatch(/last import\s+none/);
      expect(fileHash(file)).toBe(before);
      expect(sidecars(file)).toEqual([]);
      expect(listBackups(file)).toEqual([]);
    });

    it('a missing file is NotFound and is not created', async () => {
      const file = join(tempDir(), 'absent.sqlite');
      const run = await db('status', '--db', file, '--json');
      expectFailure(run, 1, /does not exist/);
      expect(run.json).toMatchObject({ ok: false, command: 'status', error: { code: 'NotFound' } });
      expect(existsSync(file)).toBe(false);
    });

    it('a file that is not a database is Corrupt and stays as it was', async () => {
      const file = join(tempDir(), 'notes.sqlite');
      writeFileSync(file, 'not a database\n'.repeat(100));
      const before = fileHash(file);
      const run = await db('status', '--db', file, '--json');
      expectFailure(run, 1, /is not a SQLite database/);
      expect(run.json.error?.code).toBe('Corrupt');
      expect(fileHash(file)).toBe(before);
      expect(sidecars(file)).toEqual([]);
    });

    it('a newer catalog is reported (with its state) and refused, unchanged', async () => {
      const file = catalogAt(latestVersion);
      const raw = new Database(file);
      raw.exec("INSERT INTO schema_version (version, name, checksum) VALUES (99, 'from_the_future', 'x')");
      raw.close();
      const before = fileHash(file);
      const run = await db('status', '--db', file, '--json');
      expectFailure(run, 1, /newer version of Mimir/);
      expect(run.json).toMatchObject({
        ok: false,
        error: { code: 'DatabaseNewerThanApp', details: { databaseVersion: 99, appVersion: latestVersion } },
        data: { schemaVersion: 99, pending: [] },
      });
      const migrateRun = await db('migrate', '--db', file);
      expectFailure(migrateRun, 1, /newer version of Mimir/);
      expect(fileHash(file)).toBe(before);
      expect(listBackups(file)).toEqual([]);
    });
  });

  describe('migrate, rollback, redo', () => {
    it('migrate creates a missing file and brings it to the latest version', async () => {
      const file = join(tempDir(), 'new.sqlite');
      const run = await db('migrate', '--db', file, '--json');
      expectSuccess(run);
      expect(run.json.data).toMatchObject({ file, ok: true, fromVersion: 0, toVersion: latestVersion });
      expect(run.json.data?.steps).toHaveLength(latestVersion);
      expect(run.json.data?.backupFile).toBeUndefined();
      expect(versionOf(file)).toBe(latestVersion);
    });

    it('migrate --to N stops at N; migrating an old catalog with rows takes a backup first', async () => {
      const file = catalogAt(2);
      const partial = await db('migrate', '--db', file, '--to', '5');
      expectSuccess(partial);
      expect(partial.stdout).toMatch(/from version 2 to 5 \(3 steps\)/);
      expect(versionOf(file)).toBe(5);
      const [backup] = listBackups(file);
      expect(partial.stdout).toContain(`backup: ${backup}`);
      expect(versionOf(backup!)).toBe(2);

      const rest = await db('migrate', '--db', file, '--json');
      expectSuccess(rest);
      expect(rest.json.data).toMatchObject({ fromVersion: 5, toVersion: latestVersion, backupFile: listBackups(file)[0] });
    });

    it('rollback beyond the current version is refused with the file unchanged; rollback --to N and redo work', async () => {
      const file = catalogAt(latestVersion);
      const before = fileHash(file);
      const beyond = await db('rollback', '--db', file, '--to', String(latestVersion + 1), '--json');
      expectFailure(beyond, 1, new RegExp(`Cannot roll back from version ${latestVersion} to ${latestVersion + 1}`));
      expect(beyond.json.error?.code).toBe('ValidationFailed');
      expect(fileHash(file)).toBe(before);

      const down = await db('rollback', '--db', file, '--to', '8');
      expectSuccess(down);
      expect(down.stdout).toMatch(new RegExp(`Rolled back .* from version ${latestVersion} to 8`));
      expect(down.stdout).toMatch(/down 0011_import_log\s+success/);
      expect(versionOf(file)).toBe(8);

      const redo = await db('redo', '--db', file, '--json');
      expectSuccess(redo);
      expect(redo.json.data?.steps).toEqual([
        { version: 8, name: 'backgrounds', direction: 'down', status: 'success' },
        { version: 8, name: 'backgrounds', direction: 'up', status: 'success' },
      ]);
      expect(versionOf(file)).toBe(8);
    });

    it('rollback on a missing file is NotFound and creates nothing', async () => {
      const file = join(tempDir(), 'absent.sqlite');
      expectFailure(await db('rollback', '--db', file, '--to', '0'), 1, /does not exist/);
      expect(existsSync(file)).toBe(false);
    });
  });

  describe('check', () => {
    it('a healthy catalog passes; one with a dropped index fails naming it, unchanged', async () => {
      const { catalog, connection, file } = openMigrated();
      seedRuleSystemAndSource(catalog);
      connection.close();
      const ok = await db('check', '--db', file);
      expectSuccess(ok);
      expect(ok.stdout).toMatch(/pages\s+ok/);
      expect(ok.stdout).toMatch(/schema drift\s+none/);

      const raw = new Database(file);
      raw.exec('DROP INDEX sources_is_srd_idx');
      raw.close();
      const before = fileHash(file);
      const drifted = await db('check', '--db', file, '--json');
      expectFailure(drifted, 1, /Check of .* failed: 1 schema drift issue/);
      expect(drifted.json).toMatchObject({
        ok: false,
        error: { code: 'Corrupt' },
        data: {
          ok: false,
          pages: ['ok'],
          drift: [{ table: 'sources', kind: 'missing-index', detail: expect.stringContaining('sources_is_srd_idx') }],
        },
      });
      expect(fileHash(file)).toBe(before);
    });
  });

  describe('backup', () => {
    it('writes a copy that opens at the same version, and refuses an existing target', async () => {
      const file = catalogAt(4);
      const out = join(tempDir(), 'copy.sqlite');
      const run = await db('backup', out, '--db', file, '--json');
      expectSuccess(run);
      expect(run.json.data).toMatchObject({ file, backup: out, bytes: expect.any(Number) });
      const outBefore = fileHash(out);

      const [again, inspect] = await Promise.all([
        db('backup', out, '--db', file, '--json'),
        // The copy is not in WAL mode: status reads it without converting it.
        db('status', '--db', out, '--json'),
      ]);
      expectFailure(again, 1, /already exists/);
      expect(again.json.error?.code).toBe('AlreadyExists');
      expectSuccess(inspect);
      expect(inspect.json.data).toMatchObject({ schemaVersion: 4, counts: { rule_systems: 1, sources: 1 } });
      expect(fileHash(out)).toBe(outBefore);
      expect(sidecars(out)).toEqual([]);
      expect(versionOf(out)).toBe(4);
    });
  });

  describe('import-5etools', () => {
    it('a missing data directory is NotFound, and the catalog is not created', async () => {
      const file = join(tempDir(), 'catalog.sqlite');
      expectFailure(await db('import-5etools', join(tempDir(), 'nope'), '--db', file), 1, /data directory .* does not exist/);
      expect(existsSync(file)).toBe(false);
    });

    const dataDir = process.env.MIMIR_5ETOOLS_DIR;
    it.skipIf(!dataDir)(
      `imports the fixture folder and prints per-kind counts${dataDir ? '' : ' (skipped: MIMIR_5ETOOLS_DIR not set)'}`,
      async () => {
        const file = join(tempDir(), 'catalog.sqlite');
        const run = await db('import-5etools', dataDir as string, '--db', file, '--json');
        expectSuccess(run);
        const data = run.json.data as { status: string; counts: Record<string, { imported: number; skipped: number }> };
        expect(['success', 'partial']).toContain(data.status);
        expect(data.counts.spells?.imported).toBeGreaterThan(0);
        expect(data.counts.creatures?.imported).toBeGreaterThan(0);
        const human = await db('status', '--db', file);
        expectSuccess(human);
        expect(human.stdout).toMatch(/spells\s+[1-9]/);
        // status shows the last import's outcome.
        expect(human.stdout).toMatch(/last import\s+#1 (success|partial) at \d{4}-\d\d-\d\dT[\d:.]+Z from .*: \d+ of \d+ records imported, \d+ inserted, 0 updated/);

        // A dry run of the same folder: the report, and not one byte of the file changed.
        const hash = fileHash(file);
        const dry = await db('import-5etools', dataDir as string, '--db', file, '--dry-run');
        expectSuccess(dry);
        expect(dry.stdout).toMatch(/^Dry run: .* Nothing was written\./);
        expect(dry.stdout).toMatch(/spells\s+\d+\s+(\d+)\s+0\s+0\s+\1\s+0/); // read, imported, 0 inserted, 0 updated, all unchanged, 0 removed
        expect(fileHash(file)).toBe(hash);
        const json = await db('import-5etools', dataDir as string, '--db', file, '--dry-run', '--json');
        expect(json.json.data).toMatchObject({ dryRun: true, logId: null, migration: null });
        expect(fileHash(file)).toBe(hash);
        const status = await db('status', '--db', file, '--json');
        expect((status.json.data as { lastImport: { id: number; counts: unknown } }).lastImport).toMatchObject({ id: 1, counts: data.counts });
      },
    );

    it.skipIf(!dataDir)(
      `--dry-run never creates or migrates the file; skips and warnings grouped by reason, --verbose lists them all${dataDir ? '' : ' (skipped: MIMIR_5ETOOLS_DIR not set)'}`,
      async () => {
        const missing = join(tempDir(), 'catalog.sqlite');
        const fresh = await db('import-5etools', dataDir as string, '--db', missing, '--dry-run');
        expectSuccess(fresh);
        expect(existsSync(missing)).toBe(false);
        expect(fresh.stdout).toMatch(/^Skipped \d+ records?, \d+ reasons?:$/m);
        expect(fresh.stdout).toMatch(/^\s+\d+× \w+: /m);
        expect(fresh.stdout).toContain('Every record: --verbose');

        const old = catalogAt(11);
        const hash = fileHash(old);
        const verbose = await db('import-5etools', dataDir as string, '--db', old, '--dry-run', '--verbose');
        expectSuccess(verbose);
        expect(fileHash(old)).toBe(hash);
        expect(sidecars(old)).toEqual([]);
        expect(verbose.stdout).not.toContain('Every record: --verbose');
        expect(verbose.stdout.split('\n').length).toBeGreaterThan(fresh.stdout.split('\n').length);
      },
    );

    it('--dry-run and --verbose belong to import-5etools only', async () => {
      const file = catalogAt(3);
      expectFailure(await db('status', '--db', file, '--dry-run'), 2, /status does not take --dry-run/);
    });
  });
});
