/**
 * Files that are not what they seem, through the real CLI: a restored backup beside a stale
 * -wal (the data-loss defect), another application's SQLite file, a foreign -wal beside a good
 * catalog, every sidecar kind, two catalogs sharing a stem, two migrations at once.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { backupBeforeMigration, listBackups } from '../../src-main/db/backup';
import { openConnection } from '../../src-main/db/connection';
import { cli, contentOf, fileState, hashFile, listDir, record, useCli, writeOutcomes } from './harness';
import { latestVersion as LATEST } from '../../src-main/db/migrations';
import {
  copyCatalog,
  crashAfterCommit,
  crashMidRollbackWrite,
  foreignSqliteFile,
  foreignWal,
  populatedCatalog,
  rolledBackTo,
  spellData,
} from './fixtures';

useCli();
writeOutcomes('files');

const data = spellData(join(tempDir(), 'data'), 400);
const base = populatedCatalog(join(tempDir(), 'catalog.sqlite'), data);
const baseV6 = rolledBackTo(copyCatalog(base, tempDir()), 6);

function asideFiles(dir: string, label: string): string[] {
  return readdirSync(dir).filter((name) => name.includes(`.${label}-`));
}

describe('restoring a backup beside a stale -wal (defect 1)', () => {
  it('a backup copied by hand over a crashed catalog: the stale -wal is moved aside, never replayed', async () => {
    const dir = tempDir();
    const file = copyCatalog(baseV6, dir);
    const migrated = await cli(['migrate', '--db', file, '--json']);
    expect(migrated.status, migrated.stderr).toBe(0);
    const backup = listBackups(file)[0] as string;
    const backupContent = contentOf(backup);
    crashAfterCommit(file); // a crashed session: committed -wal and -shm beside the file
    const staleWal = hashFile(`${file}-wal`);
    copyFileSync(backup, file); // what the old README advised
    const run = await cli(['migrate', '--db', file, '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json?.warnings?.join(' ')).toMatch(/catalog\.sqlite-wal cannot belong .*rollback-journal mode.*moved aside to .*catalog\.sqlite-wal\.foreign-/);
    const moved = asideFiles(dir, 'foreign').filter((name) => name.startsWith('catalog.sqlite-wal.'));
    expect(moved).toHaveLength(1);
    expect(hashFile(join(dir, moved[0] as string))).toBe(staleWal);
    const now = contentOf(file);
    expect(now.version).toBe(LATEST);
    expect(now.counts.spells).toBe(backupContent.counts.spells);
    const check = await cli(['check', '--db', file, '--json']);
    expect(check.json?.ok).toBe(true);
    record({
      case: 'backup copied by hand over a crashed catalog (stale -wal beside it)',
      done: 'crash leaves a committed -wal; backup copied over the file; migrate',
      result: `the -wal (rollback-journal-mode file beside it) was moved aside byte-identical and named in a warning; catalog = the backup migrated to ${LATEST}; check ok`,
    });
  });

  it('npm run db -- restore newest: the backup is put in place, the crashed file and its sidecars are kept as a pair', async () => {
    const dir = tempDir();
    const file = copyCatalog(baseV6, dir);
    expect((await cli(['migrate', '--db', file])).status).toBe(0);
    const backup = listBackups(file)[0] as string;
    const backupContent = contentOf(backup);
    crashAfterCommit(file);
    const crashed = contentOf(file);
    const listed = await cli(['backups', '--db', file, '--json']);
    expect(listed.json?.data?.verified).toEqual([backup]);
    const run = await cli(['restore', 'newest', '--db', file, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const kept = (run.json?.data?.keptAside ?? []) as { from: string; to: string }[];
    expect(kept.map((k) => basename(k.from)).sort()).toEqual(['catalog.sqlite', 'catalog.sqlite-shm', 'catalog.sqlite-wal']);
    // The replaced file with its own -wal still opens to exactly what was committed before.
    const aside = kept.find((k) => basename(k.from) === 'catalog.sqlite')?.to as string;
    expect(contentOf(aside).hash).toBe(crashed.hash);
    const now = contentOf(file);
    expect(now.version).toBe(LATEST); // the v6 backup, migrated by the open after the restore
    expect(now.counts.spells).toBe(backupContent.counts.spells);
    expect(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0).toBe(false);
    const imported = await cli(['import-5etools', data, '--db', file, '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    expect((await cli(['check', '--db', file, '--json'])).json?.ok).toBe(true);
    record({
      case: 'restore newest over a crashed catalog',
      done: 'crash leaves a committed -wal; npm run db -- restore newest; import afterwards',
      result: `backup verified and renamed into place; old file + -wal + -shm kept as a pair that still opens to the crashed state; catalog migrated to ${LATEST}; import and check ok`,
    });
  });

  it('a backup that does not verify is refused and the catalog is not touched', async () => {
    const dir = tempDir();
    const file = copyCatalog(base, dir);
    const before = fileState(file);
    const bad = join(dir, 'broken.bak.sqlite');
    writeFileSync(bad, readFileSync(base).subarray(0, 8192));
    const run = await cli(['restore', bad, '--db', file, '--json']);
    expect(run.status).toBe(1);
    expect(run.json?.error?.code).toBe('Corrupt');
    expect(run.json?.error?.message).toMatch(/cannot be restored.*was not changed.*backups --db/);
    expect(fileState(file)).toEqual(before);
    record({ case: 'restore of a truncated backup', done: 'restore <8 KiB of a catalog>', result: 'Corrupt, "cannot be restored"; catalog byte-identical' });
  });
});

describe("another application's SQLite file", () => {
  it('migrate, import-5etools, rollback --to 0, status and check refuse it as NotACatalog and leave it byte-identical', async () => {
    const file = foreignSqliteFile(join(tempDir(), 'catalog.sqlite'));
    const before = fileState(file);
    const codes: string[] = [];
    for (const args of [['migrate'], ['import-5etools', data], ['rollback', '--to', '0'], ['status'], ['check'], ['redo']]) {
      const run = await cli([...args, '--db', file, '--json']);
      expect(run.status, `${args[0]}: ${run.stdout}`).toBe(1);
      expect(run.json?.error?.code, args[0]).toBe('NotACatalog');
      codes.push(`${args[0]}: ${run.json?.error?.code}`);
      expect(fileState(file), args[0]).toEqual(before);
    }
    expect(listDir(join(file, '..'))).toEqual(['catalog.sqlite']);
    record({
      case: "another application's SQLite file",
      done: 'migrate, import-5etools, rollback --to 0, status, check, redo',
      result: 'NotACatalog each time; file and folder byte-identical (no sidecar, no backups/)',
    });
  });
});

describe('sidecar files', () => {
  it('a stale -wal of another database beside a good catalog: status names it, migrate moves it aside', async () => {
    const dir = tempDir();
    const file = copyCatalog(base, dir);
    const good = contentOf(file);
    const wal = foreignWal(tempDir());
    copyFileSync(wal, `${file}-wal`);
    const walHash = hashFile(`${file}-wal`);
    const status = await cli(['status', '--db', file, '--json']);
    expect(status.status, status.stdout).toBe(0);
    expect(JSON.stringify(status.json?.data?.notes)).toMatch(/catalog\.sqlite-wal cannot belong/);
    expect(hashFile(`${file}-wal`)).toBe(walHash);
    const run = await cli(['migrate', '--db', file, '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json?.warnings?.join(' ')).toMatch(/replaying it into a copy of the catalog damaged the copy/);
    const moved = asideFiles(dir, 'foreign').filter((n) => n.startsWith('catalog.sqlite-wal.'));
    expect(hashFile(join(dir, moved[0] as string))).toBe(walHash);
    expect(contentOf(file).hash).toBe(good.hash);
    expect((await cli(['check', '--db', file, '--json'])).json?.ok).toBe(true);
    record({
      case: 'stale -wal of another database (same page size, valid header) beside a good catalog',
      done: 'status, then migrate',
      result: 'status ok and names the -wal without reading it; migrate replays it only into a temp copy, finds the copy damaged, moves it aside byte-identical; content unchanged; check ok',
    });
  });

  it('each kind: -wal beside a missing file, -wal beside a rollback-mode file, stale -shm, foreign and garbage -journal, a legitimate hot -journal', async () => {
    const results: string[] = [];

    // -wal with no catalog file: a new catalog is created, the -wal kept aside.
    {
      const dir = tempDir();
      const file = join(dir, 'catalog.sqlite');
      copyFileSync(foreignWal(tempDir()), `${file}-wal`);
      const run = await cli(['migrate', '--db', file, '--json']);
      expect(run.status, run.stderr).toBe(0);
      expect(run.json?.warnings?.join(' ')).toMatch(/no catalog file it could belong to/);
      expect(contentOf(file).version).toBe(LATEST);
      results.push('-wal without a file: moved aside, new catalog');
    }
    // stale -shm alone: harmless (SQLite rebuilds it), content unchanged.
    {
      const file = copyCatalog(base, tempDir());
      writeFileSync(`${file}-shm`, Buffer.alloc(32768, 7));
      const run = await cli(['migrate', '--db', file, '--json']);
      expect(run.status, run.stderr).toBe(0);
      expect(contentOf(file).hash).toBe(contentOf(base).hash);
      results.push('stale -shm: rebuilt by SQLite, content unchanged');
    }
    // -journal whose header has another page size: moved aside, never rolled back.
    {
      const dir = tempDir();
      const file = copyCatalog(base, dir);
      const header = Buffer.alloc(1536);
      Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]).copy(header, 0);
      header.writeUInt32BE(1, 8);
      header.writeUInt32BE(12345, 12);
      header.writeUInt32BE(10, 16);
      header.writeUInt32BE(512, 20);
      header.writeUInt32BE(1024, 24);
      writeFileSync(`${file}-journal`, header);
      const run = await cli(['migrate', '--db', file, '--json']);
      expect(run.status, run.stderr).toBe(0);
      expect(run.json?.warnings?.join(' ')).toMatch(/catalog\.sqlite-journal cannot belong .*page size \(1024\)/);
      expect(contentOf(file).hash).toBe(contentOf(base).hash);
      results.push('-journal with another page size: moved aside');
      writeFileSync(`${file}-journal`, 'not a journal at all, but not empty either');
      const again = await cli(['migrate', '--db', file, '--json']);
      expect(again.json?.warnings?.join(' ')).toMatch(/does not start with a rollback journal header/);
      expect(asideFiles(dir, 'foreign')).toHaveLength(2);
      results.push('garbage -journal: moved aside');
    }
    // A real hot -journal from a crashed rollback-mode write: replayed (rolled back), as it must be.
    {
      const file = copyCatalog(base, tempDir());
      const before = contentOf(file);
      expectAbsent(`${file}-wal`);
      crashMidRollbackWrite(file);
      const run = await cli(['migrate', '--db', file, '--json']);
      expect(run.status, run.stderr).toBe(0);
      expect(run.json?.warnings ?? []).toEqual([]);
      expect(contentOf(file).hash).toBe(before.hash);
      expect((await cli(['check', '--db', file, '--json'])).json?.ok).toBe(true);
      results.push('hot -journal of the file itself: rolled back, content = before the crashed write');
    }
    record({ case: 'each sidecar kind', done: 'five prepared folders, migrate on each', result: results.join('; ') });
  });
});

function expectAbsent(path: string): void {
  if (existsSync(path)) throw new Error(`${path} should not exist`);
}

describe('two catalogs with one stem', () => {
  it('catalog.sqlite and catalog.db in one folder keep, list and prune only their own backups', async () => {
    const dir = tempDir();
    const sqliteFile = copyCatalog(baseV6, dir, 'catalog.sqlite');
    const dbFile = copyCatalog(baseV6, dir, 'catalog.db');
    // Five backups of catalog.sqlite already exist.
    const connection = openConnection(sqliteFile, { readonly: true });
    for (let i = 0; i < 5; i++) backupBeforeMigration(connection.sqlite, sqliteFile, 6);
    connection.close();
    const own = listBackups(sqliteFile);
    expect(own).toHaveLength(5);
    const run = await cli(['migrate', '--db', dbFile, '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(listBackups(dbFile)).toHaveLength(1);
    expect(listBackups(sqliteFile)).toEqual(own);
    const second = await cli(['migrate', '--db', sqliteFile, '--json']);
    expect(second.status, second.stderr).toBe(0);
    expect(listBackups(sqliteFile)).toHaveLength(5); // pruned to 5 of its own
    expect(listBackups(dbFile)).toHaveLength(1); // the other's untouched
    const listed = await cli(['backups', '--db', dbFile, '--json']);
    expect((listed.json?.data?.backups as { file: string }[]).map((b) => basename(b.file))).toEqual(
      listBackups(dbFile).map((b) => basename(b)),
    );
    record({
      case: 'two catalogs with one stem (catalog.sqlite, catalog.db)',
      done: '5 backups of catalog.sqlite; migrate catalog.db; migrate catalog.sqlite',
      result: 'each lists only its own (names carry the whole file name); pruning catalog.sqlite to 5 left catalog.db\'s backup alone',
    });
  });
});

describe('two migrations at once', () => {
  it('of an old catalog and of a new file: both succeed, the second finds nothing to do', async () => {
    const outcomes: string[] = [];
    for (const label of ['old', 'new'] as const) {
      const dir = tempDir();
      const file = label === 'old' ? copyCatalog(baseV6, dir) : join(dir, 'catalog.sqlite');
      const runs = await Promise.all([cli(['migrate', '--db', file, '--json']), cli(['migrate', '--db', file, '--json'])]);
      for (const run of runs) expect(run.status, run.stdout + run.stderr).toBe(0);
      const steps = runs.map((run) => ((run.json?.data?.steps ?? []) as unknown[]).length).sort((a, b) => a - b);
      expect(steps[0]).toBe(0);
      expect(steps[1]).toBe(label === 'old' ? LATEST - 6 : LATEST);
      expect(contentOf(file).version).toBe(LATEST);
      expect((await cli(['check', '--db', file, '--json'])).json?.ok).toBe(true);
      if (label === 'old') expect(listBackups(file)).toHaveLength(1);
      outcomes.push(`${label} file: steps ${steps.join(' and ')}`);
    }
    record({
      case: 'two concurrent migrations',
      done: 'two migrate processes started together, on a version-6 catalog and on a missing file',
      result: `both exit 0 (${outcomes.join('; ')}), version ${LATEST}, one backup, check ok`,
    });
  });
});

