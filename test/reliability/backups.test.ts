/**
 * The backup channels as the renderer calls them: the real router, the main-process handlers over
 * the real catalog session (src-main/catalog-session.ts with catalogBackups()) and the real
 * database host (the built worker threads), on real files. A restore closes the host, puts the
 * backup in place and starts a host on it; every refusal comes back as the documented envelope
 * with the catalog still open and unchanged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ENTITY_KEYS } from '../../src-shared/catalog/entity-keys';
import type { BackupEntry, BackupList, RestoreOutcome } from '../../src-shared/contract';
import { fail, isAppError, type AppError, type Result } from '../../src-shared/errors';
import { catalogBackups } from '../../src-main/catalog-backups';
import { createCatalogSession, type CatalogSession } from '../../src-main/catalog-session';
import { listBackups } from '../../src-main/db/backup';
import { latestVersion as LATEST } from '../../src-main/db/migrations';
import { openCatalog } from '../../src-main/db/startup';
import { startDatabaseHost } from '../../src-main/db-host/host';
import { createMainHandlers } from '../../src-main/ipc/main-handlers';
import { createRouter, type Router } from '../../src-main/ipc/router';
import { tempDir } from '../helpers';
import { testServices } from '../main-services';
import { sampleRow } from '../sample-rows';
import { chattr, chattrUnsupported, contentOf, record, writeOutcomes } from './harness';
import { copyCatalog, foreignSqliteFile, populatedCatalog, rolledBackTo, spellData } from './fixtures';

writeOutcomes('backups');

const WORKER = inject('dbWorkerPath');
const data = spellData(join(tempDir(), 'data'), 300);
const bigData = spellData(join(tempDir(), 'big'), 3000);
const base = populatedCatalog(join(tempDir(), 'catalog.sqlite'), data);
const baseV6 = rolledBackTo(copyCatalog(base, tempDir()), 6);
const SENDER = { frameUrl: 'file:///app/index.html', isMainFrame: true, webContentsId: 1 };

interface Opened {
  file: string;
  dir: string;
  session: CatalogSession;
  router: Router;
  events: { event: string; payload: unknown }[];
  call<T = unknown>(channel: string, input?: unknown): Promise<Result<T>>;
}

const sessions: CatalogSession[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

/** A catalog migrated from version 6 (so it has one verified automatic backup), served like the app serves it. */
async function open(options: { failStarts?: () => boolean } = {}): Promise<Opened> {
  const dir = tempDir();
  const file = copyCatalog(baseV6, dir);
  openCatalog(file).connection.close(); // migrates 6 → latest, writing the backup
  const startHost = async (f: string) => {
    const host = await startDatabaseHost({ file: f, workerPath: WORKER });
    if (!options.failStarts?.()) return host;
    await host.close(); // opened (and migrated) the restored file, then "fails", as a startup refusal would
    throw fail('MigrationFailed', 'Step 7 failed (test).', { version: 7, name: 'test', reason: 'test' });
  };
  const session = createCatalogSession({ file, host: await startHost(file), startHost, backups: catalogBackups() });
  sessions.push(session);
  const events: Opened['events'] = [];
  session.onEvent((event, payload) => events.push({ event, payload }));
  const router = createRouter({
    database: (channel, input) => session.execute(channel, input),
    main: createMainHandlers(testServices(dir, () => session.cancelImports(), session)),
    isTrustedSender: () => true,
  });
  // Structured clones both ways, as Electron's IPC does.
  const call = async <T,>(channel: string, input?: unknown) =>
    structuredClone(await router.handle(channel, structuredClone(input), SENDER)) as Result<T>;
  return { file, dir, session, router, events, call };
}

function data_<T>(reply: Result<T>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.data;
}

function failure(reply: Result<unknown>): AppError {
  expect(reply.ok, JSON.stringify(reply).slice(0, 300)).toBe(false);
  const error = (reply as { ok: false; error: AppError }).error;
  expect(isAppError(error)).toBe(true);
  expect(Object.keys(error).sort()).toEqual(['code', 'details', 'message']);
  return error;
}

const spellCount = async (o: Opened) => data_(await o.call<number>('spells:count', {}));
const aside = (dir: string) => readdirSync(dir).filter((name) => name.includes('.replaced-'));

describe('backups:list and backups:create', () => {
  it('lists verified backups with time, version, size and row counts; unusable ones apart, with why', async () => {
    const o = await open();
    const [auto] = listBackups(o.file);
    // A truncated copy under a backup's name: listed as unusable, never offered.
    const truncated = join(o.dir, 'backups', 'catalog.sqlite.20000101T000000000Z.v0006.bak.sqlite');
    copyFileSync(auto as string, truncated);
    truncateSync(truncated, 8192);
    const list = data_(await o.call<BackupList>('backups:list'));
    expect(list.folder).toBe(join(o.dir, 'backups'));
    expect(list.backups).toEqual([
      {
        file: auto,
        name: basename(auto as string),
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        schemaVersion: 6,
        bytes: statSync(auto as string).size,
        counts: expect.objectContaining({ spells: 300 }),
      },
    ]);
    expect(list.unusable).toEqual([{ file: truncated, name: basename(truncated), problem: expect.stringMatching(/damaged|not a SQLite|malformed/) }]);

    const taken = data_(await o.call<BackupEntry>('backups:create'));
    expect(taken).toMatchObject({ schemaVersion: LATEST, counts: expect.objectContaining({ spells: 300 }) });
    expect(contentOf(taken.file).hash).toBe(contentOf(o.file).hash);
    expect(data_(await o.call<BackupList>('backups:list')).backups.map((b) => b.file)).toEqual([taken.file, auto]);
    record({
      case: 'backups:list / backups:create over IPC',
      done: 'catalog with one automatic backup (v6) and a truncated file under a backup name; backups:list; backups:create; backups:list',
      result: 'the v6 backup listed with time, size and 300 spells; the truncated file under unusable with its reason; the new backup (latest version, same content as the catalog) listed first',
    });
  });
});

describe('backups:restore', () => {
  it('restores the newest backup while reads and a write are in flight: each answered, nothing lost, the host restarted on the backup', async () => {
    const o = await open();
    // A row the backup does not have, so the restored catalog is told apart from the current one.
    data_(await o.call('spells:create', sampleRow('spells', 1)));
    const before = contentOf(o.file);
    const backup = listBackups(o.file)[0] as string;
    const firstHost = o.session.host;

    const reads = Array.from({ length: 8 }, () => o.call<{ total: number }>('spells:list', { limit: 500 }));
    const write = o.call('spells:create', sampleRow('spells', 2));
    const restore = o.call<RestoreOutcome>('backups:restore');
    const after = o.call<number>('spells:count', {}); // sent during the restore: waits for the restored catalog
    const readReplies = await Promise.all(reads);
    // From the old catalog (before or after the concurrent write), never Unavailable, never the backup.
    const totals = readReplies.map((r) => data_(r).total);
    expect(totals.every((n) => n === 301 || n === 302), String(totals)).toBe(true);
    data_(await write);
    const outcome = data_(await restore);
    expect(data_(await after)).toBe(300);

    expect(outcome).toMatchObject({ restoredFrom: backup, backupVersion: 6, schemaVersion: LATEST, warnings: [] });
    expect(o.session.host).not.toBe(firstHost);
    // The replaced catalog (with both new rows: the in-flight write was committed before the close) is kept.
    const kept = outcome.keptAside.find((k) => k.from === o.file)?.to as string;
    expect(existsSync(kept)).toBe(true);
    expect(contentOf(kept).counts.spells).toBe(302);
    expect(before.counts.spells).toBe(301);
    expect(contentOf(o.file).counts.spells).toBe(300);
    expect(o.events).toContainEqual({ event: 'catalog:changed', payload: { tables: [...ENTITY_KEYS], cause: 'backups:restore' } });
    // The restored catalog takes writes, and check is clean.
    data_(await o.call('spells:create', sampleRow('spells', 3)));
    expect(data_(await o.call<{ ok: boolean }>('db:check'))).toMatchObject({ ok: true });
    record({
      case: 'backups:restore (newest) over IPC with calls in flight',
      done: '8 reads and a write sent, then backups:restore, then a read, without waiting',
      result: `reads answered from the old catalog (301 or 302 spells, around the write), the write committed into it, restore ok (v6 backup migrated to ${LATEST}); the later read waited and saw the backup (300); old file kept aside with 302 spells; catalog:changed names every table; writes and check ok afterwards`,
    });
  });

  it('refuses a file that is not listed, a foreign or damaged one under a backup name, and "newest" with none: envelope, catalog untouched, host not restarted', async () => {
    const o = await open();
    const before = contentOf(o.file);
    const host = o.session.host;
    const [auto] = listBackups(o.file);
    const results: string[] = [];

    const elsewhere = copyCatalog(auto as string, tempDir(), 'my-backup.sqlite');
    const notListed = failure(await o.call('backups:restore', { file: elsewhere }));
    expect(notListed).toMatchObject({ code: 'NotFound', details: { entity: 'backup', id: elsewhere } });
    results.push(`a valid catalog outside backups/: NotFound "${notListed.message}"`);

    const named = (n: number) => join(o.dir, 'backups', `catalog.sqlite.20990101T00000${n}000Z.v0011.bak.sqlite`);
    foreignSqliteFile(named(1));
    const foreign = failure(await o.call('backups:restore', { file: named(1) }));
    expect(foreign).toMatchObject({ code: 'Corrupt', details: { file: named(1), reason: expect.stringMatching(/no Mimir migration history/) } });
    results.push(`another application's SQLite file under a backup name: Corrupt (${(foreign.details as { reason: string }).reason})`);

    copyFileSync(auto as string, named(2));
    truncateSync(named(2), 8192);
    const damaged = failure(await o.call('backups:restore', { file: named(2) }));
    expect(damaged.code).toBe('Corrupt');
    results.push('a truncated backup: Corrupt');

    writeFileSync(named(3), 'not a database at all');
    expect(failure(await o.call('backups:restore', { file: named(3) })).code).toBe('Corrupt');

    const invalid = failure(await o.call('backups:restore', { file: 'catalog.sqlite' }));
    expect(invalid).toMatchObject({ code: 'ValidationFailed', details: { issues: [{ path: ['file'] }] } });

    expect(o.session.host).toBe(host);
    expect(contentOf(o.file).hash).toBe(before.hash);
    expect(aside(o.dir)).toEqual([]);
    expect(await spellCount(o)).toBe(300);

    // With no verified backup at all, "newest" is NotFound.
    const lone = await open();
    for (const file of listBackups(lone.file)) writeFileSync(file, 'gone');
    const none = failure(await lone.call('backups:restore', {}));
    expect(none).toMatchObject({ code: 'NotFound', details: { entity: 'backup', id: 'newest' } });
    results.push('newest with no verified backup: NotFound');
    record({
      case: 'backups:restore refusals over IPC',
      done: 'a catalog copy outside backups/, a foreign SQLite file, a truncated file and text under backup names, a relative path, newest without backups',
      result: `${results.join('; ')}; ValidationFailed for the relative path; each time the same host kept serving, content hash unchanged, nothing kept aside`,
    });
  });

  it('Busy while an import runs, and while another process has the catalog open: the catalog stays open and unchanged', async () => {
    const o = await open();
    const before = contentOf(o.file);
    const host = o.session.host;
    const importing = o.call('import:5etools', { dataDir: bigData });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const duringImport = failure(await o.call('backups:restore'));
    expect(duringImport).toMatchObject({ code: 'Busy', message: expect.stringMatching(/import is running/) });
    expect((await importing).ok).toBe(true);
    const imported = contentOf(o.file);

    // Another process holding a connection (as a second Mimir or a SQLite browser would).
    const binding = createRequire(import.meta.url).resolve('better-sqlite3');
    const child = spawn(process.execPath, [
      '-e',
      `const D = require(${JSON.stringify(binding)}); const db = new D(${JSON.stringify(o.file)}, { readonly: true }); db.prepare('SELECT count(*) FROM spells').get(); console.log('open'); setInterval(() => {}, 1000);`,
    ]);
    children.push(child);
    await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
    const held = failure(await o.call('backups:restore'));
    expect(held).toMatchObject({ code: 'Busy', message: expect.stringMatching(new RegExp(`open in another process \\(pid ${child.pid}\\)`)) });
    expect(aside(o.dir)).toEqual([]);
    expect(o.session.host).toBe(host);
    expect(contentOf(o.file).hash).toBe(imported.hash);
    expect(imported.hash).not.toBe(before.hash);
    expect(await spellCount(o)).toBe(3000);
    child.kill('SIGKILL');
    record({
      case: 'backups:restore while busy',
      done: 'backups:restore during a 3,000-spell import; then while another process holds a read-only connection to the catalog',
      result: `Busy "${duringImport.message}" (the import then completed); Busy "${held.message.replace(String(child.pid), '<pid>')}"; refused before closing: the same host kept serving the unchanged file, nothing kept aside`,
    });
  });

  it('a restored file that cannot be opened is taken back: the previous catalog and its -wal return, the host restarts on them', async () => {
    let failNext = false;
    const o = await open({ failStarts: () => (failNext ? !(failNext = false) : false) });
    data_(await o.call('spells:create', sampleRow('spells', 1)));
    const before = contentOf(o.file);
    failNext = true;
    const error = failure(await o.call('backups:restore'));
    expect(error).toMatchObject({ code: 'Corrupt', message: expect.stringMatching(/previous catalog was put back. Nothing was lost/) });
    expect(contentOf(o.file).hash).toBe(before.hash);
    expect(await spellCount(o)).toBe(301);
    expect(aside(o.dir)).toEqual([]);
    data_(await o.call('spells:create', sampleRow('spells', 2)));
    expect(o.events.some((e) => e.event === 'catalog:changed' && (e.payload as { cause: string }).cause === 'backups:restore')).toBe(false);
    record({
      case: 'backups:restore of a backup that then fails to open',
      done: 'the host started on the restored file is made to fail (as a startup refusal would); backups:restore',
      result: `Corrupt "${error.message}"; the previous file (301 spells) back in place, nothing left under .replaced-, the host restarted on it and takes writes; no catalog:changed`,
    });
  });

  const noChattr = chattrUnsupported();
  it.skipIf(noChattr)(`ReadOnly when the catalog's folder cannot be written: refused before closing${noChattr ? `: skipped, ${noChattr}` : ''}`, async () => {
    const o = await open();
    const before = contentOf(o.file);
    const host = o.session.host;
    chattr('+i', o.dir);
    try {
      const error = failure(await o.call('backups:restore'));
      expect(error).toMatchObject({ code: 'ReadOnly', details: { reason: 'directory' } });
      expect(o.session.host).toBe(host);
      expect(await spellCount(o)).toBe(300);
      record({ case: 'backups:restore into a read-only folder', done: 'chattr +i on the catalog folder; backups:restore', result: `ReadOnly (reason directory): "${error.message}"; the same host kept serving, catalog unchanged` });
    } finally {
      chattr('-i', o.dir);
    }
    expect(contentOf(o.file).hash).toBe(before.hash);
  });
});
