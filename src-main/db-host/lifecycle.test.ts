/**
 * The database host's threads and their life: every channel answered where the contract says it
 * runs (main process, reader, writer: by thread id), events, cancelling an import at several
 * points of a 25,000-record run, closing during an import, and a worker that dies mid-call.
 * Real worker threads (the built out/main/db-worker.js) on real SQLite files.
 */
import { join } from 'node:path';
import { isMainThread, threadId, type Worker } from 'node:worker_threads';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { IMPORT_STATUSES } from '../../src-shared/catalog/tables';
import { channelsByName, events, type ChannelName } from '../../src-shared/contract';
import type { EventName } from '../../src-shared/channels';
import { CatalogError } from '../../src-shared/errors';
import type { ImportProgress } from '../../src-shared/import-types';
import { tempDir } from '../../test/helpers';
import { testServices } from '../../test/main-services';
import { writeSyntheticSpellData } from '../../test/synthetic-5etools';
import { createMainHandlers } from '../ipc/main-handlers';
import { createRouter, type Router } from '../ipc/router';
import type { WorkerRole } from './protocol';
import { startDatabaseHost, type DatabaseHost, type DatabaseHostOptions } from './host';

const BUILT_WORKER = inject('dbWorkerPath');
const SPELLS = 25_000;

interface Started {
  host: DatabaseHost;
  router: Router;
  /** The live Worker of each role (the latest after a restart). */
  workers: Partial<Record<WorkerRole, Worker>>;
  /** Every thread started, per role, in order. */
  started: { role: WorkerRole; threadId: number }[];
  answered: { channel: string; role: WorkerRole; threadId: number }[];
  events: { event: EventName; payload: unknown }[];
  /** Thread ids the main-process handlers ran on. */
  mainThreads: number[];
}

const running: DatabaseHost[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((host) => host.close().catch(() => undefined)));
});

async function start(options: Partial<DatabaseHostOptions> = {}): Promise<Started> {
  const workers: Started['workers'] = {};
  const started: Started['started'] = [];
  const answered: Started['answered'] = [];
  const received: Started['events'] = [];
  const mainThreads: number[] = [];
  const host = await startDatabaseHost({
    file: join(tempDir(), 'catalog.sqlite'),
    workerPath: BUILT_WORKER,
    restartBackoffMs: 50,
    onWorkerStarted: (role, worker) => {
      workers[role] = worker;
      started.push({ role, threadId: worker.threadId });
    },
    onCallAnswered: ({ channel, role, threadId: answeredOn }) => answered.push({ channel, role, threadId: answeredOn }),
    ...options,
  });
  running.push(host);
  host.onEvent((event, payload) => received.push({ event, payload }));
  const services = testServices(tempDir(), () => host.cancelImports());
  const main = createMainHandlers(services) as unknown as Record<string, (input: unknown) => unknown>;
  const recorded = Object.fromEntries(
    Object.entries(main).map(([channel, handler]) => [
      channel,
      (input: unknown) => {
        mainThreads.push(isMainThread ? 0 : threadId);
        return handler(input);
      },
    ]),
  );
  const router = createRouter({
    database: (channel, input) => host.execute(channel, input),
    main: recorded as unknown as Parameters<typeof createRouter>[0]['main'],
    isTrustedSender: () => true,
  });
  return { host, router, workers, started, answered, events: received, mainThreads };
}

const sender = { frameUrl: 'file:///app/index.html', isMainFrame: true, webContentsId: 1 };

async function rejection(promise: Promise<unknown>): Promise<CatalogError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value).slice(0, 200)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CatalogError);
  return error as CatalogError;
}

const spellCount = (s: Started) => s.host.execute('spells:count', {}) as Promise<number>;

function progressEvents(s: Started): ImportProgress[] {
  return s.events.filter((e) => e.event === 'import:progress').map((e) => e.payload as ImportProgress);
}

/** Resolves once an import:progress event satisfying `when` arrives. */
function progressWhere(host: DatabaseHost, when: (p: ImportProgress) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const stop = host.onEvent((event, payload) => {
      if (event === 'import:progress' && when(payload as ImportProgress)) {
        stop();
        resolve();
      }
    });
  });
}

describe('every channel is answered where the contract declares it', () => {
  it('main-process channels on the main thread, reader channels on the reader, writer channels on the writer', async () => {
    const s = await start();
    const reader = s.started.find((w) => w.role === 'reader')!.threadId;
    const writer = s.started.find((w) => w.role === 'writer')!.threadId;
    expect(new Set([reader, writer, 0]).size).toBe(3);
    for (const { channel, runs } of channelsByName.values()) {
      if (channel === 'dialog:chooseFolder' || channel === 'import:5etools') continue; // below
      const before = { answered: s.answered.length, main: s.mainThreads.length };
      // An empty input is refused by most channels: refused where it runs, which is the point.
      const input = channel.endsWith(':batchUpsert') ? { rows: [] } : channel === 'shell:showItemInFolder' ? { target: 'backups' } : {};
      const reply = await s.router.handle(channel, input, sender);
      expect(reply.ok || reply.error.code !== 'Internal', `${channel}: ${JSON.stringify(reply)}`).toBe(true);
      const answered = s.answered.slice(before.answered);
      if (runs === 'main') {
        expect(answered, channel).toEqual([]);
        expect(s.mainThreads.slice(before.main), channel).toEqual([0]);
      } else {
        expect(answered, channel).toEqual([{ channel, role: runs, threadId: runs === 'reader' ? reader : writer }]);
        expect(s.mainThreads.length, channel).toBe(before.main);
      }
    }
    const imported = await s.router.handle('import:5etools', { dataDir: join(tempDir(), 'missing') }, sender);
    expect(imported.ok).toBe(false);
    expect(s.answered.at(-1)).toEqual({ channel: 'import:5etools', role: 'writer', threadId: writer });
  });

  it('a reader channel is answered while an import holds the writer', async () => {
    const s = await start();
    const dataDir = join(tempDir(), 'data');
    writeSyntheticSpellData(dataDir, 5_000);
    const writing = progressWhere(s.host, (p) => p.stage === 'writing');
    const order: string[] = [];
    const imported = s.host.execute('import:5etools', { dataDir }).then(() => order.push('import'));
    await writing;
    await s.host.execute('spells:list', { limit: 1 }).then(() => order.push('read'));
    await imported;
    expect(order).toEqual(['read', 'import']);
  });
});

describe('events', () => {
  it('import:progress in order with schema-valid payloads, then catalog:changed naming the tables', async () => {
    const s = await start();
    const dataDir = join(tempDir(), 'data');
    writeSyntheticSpellData(dataDir, 300);
    await s.host.execute('import:5etools', { dataDir });
    for (const { event, payload } of s.events) expect(events[event].safeParse(payload).success, event).toBe(true);
    const progress = progressEvents(s).filter((p) => p.stage === 'writing');
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    const last = s.events.at(-1);
    expect(last?.event).toBe('catalog:changed');
    expect((last?.payload as { tables: string[] }).tables).toEqual(expect.arrayContaining(['spells', 'sources', 'importLog']));
  });
});

describe('cancelling an import of 25,000 records', () => {
  it(
    'at several points: Cancelled, nothing remains, the run is logged, and the next import succeeds',
    async () => {
      const s = await start();
      const dataDir = join(tempDir(), 'synthetic-5etools');
      writeSyntheticSpellData(dataDir, SPELLS);
      const cancel = () => s.router.handle('import:cancel', undefined, sender);
      const expectNothingImported = async () => {
        expect(await spellCount(s)).toBe(0);
        expect(await s.host.execute('sources:count', {})).toBe(0);
        const check = (await s.host.execute('db:check', undefined)) as { ok: boolean; pages: string[] };
        expect(check.pages).toEqual(['ok']);
        expect(check.ok).toBe(true);
      };
      // Until the run status "cancelled" exists the failed run is logged as failed.
      const cancelledStatus = (IMPORT_STATUSES as readonly string[]).includes('cancelled') ? 'cancelled' : 'failed';

      const points: [string, () => Promise<void>][] = [
        ['right after the request, before any row is written', async () => undefined],
        ['at the first batch written', () => progressWhere(s.host, (p) => p.stage === 'writing')],
        ['past half of the rows', () => progressWhere(s.host, (p) => p.stage === 'writing' && p.done > p.total / 2)],
      ];
      for (const [label, reached] of points) {
        const logBefore = (await s.host.execute('importLog:count', {})) as number;
        const at = reached();
        const imported = s.host.execute('import:5etools', { dataDir });
        await at;
        expect(await cancel(), label).toEqual({ ok: true, data: { cancelled: true } });
        const error = await rejection(imported);
        expect(error.code, label).toBe('Cancelled');
        await expectNothingImported();
        const log = (await s.host.execute('importLog:list', { sort: { by: 'id', direction: 'desc' }, limit: 1 })) as {
          items: { importStatus: string; errorMessage: string | null }[];
        };
        expect(await s.host.execute('importLog:count', {})).toBe(logBefore + 1);
        expect(log.items[0]?.importStatus, label).toBe(cancelledStatus);
      }
      // Nothing is left running, and the cancel does not reach the next import.
      expect(await cancel()).toEqual({ ok: true, data: { cancelled: false } });
      const result = (await s.host.execute('import:5etools', { dataDir })) as { counts: { spells: { imported: number } } };
      expect(result.counts.spells.imported).toBe(SPELLS);
      expect(await spellCount(s)).toBe(SPELLS);
    },
    300_000,
  );

  it('closing the host (quitting) during an import cancels it and closes the file cleanly', async () => {
    const s = await start();
    const dataDir = join(tempDir(), 'data');
    writeSyntheticSpellData(dataDir, SPELLS);
    const writing = progressWhere(s.host, (p) => p.stage === 'writing');
    const imported = s.host.execute('import:5etools', { dataDir });
    await writing;
    const started = performance.now();
    const failed = rejection(imported);
    await s.host.close();
    const error = await failed;
    expect(error.code).toBe('Cancelled');
    console.log(`quit during a ${SPELLS}-spell import: closed ${(performance.now() - started).toFixed(0)} ms after the request`);
    const reopened = await start();
    expect(await spellCount(reopened)).toBe(0);
  }, 120_000);
});

describe('a worker that dies', () => {
  it('fails its pending call with Unavailable, is restarted once, and then serves again', async () => {
    const s = await start();
    const dataDir = join(tempDir(), 'data');
    writeSyntheticSpellData(dataDir, 5_000);
    const writing = progressWhere(s.host, (p) => p.stage === 'writing');
    const imported = s.host.execute('import:5etools', { dataDir });
    await writing;
    await s.workers.writer!.terminate(); // mid-call: the import's transaction is open
    const error = await rejection(imported);
    expect(error.code).toBe('Unavailable');
    expect(error.message).toMatch(/stopped/);
    // The next call waits for the restart and is served by a new writer thread.
    const created = await s.host.execute('ruleSystems:create', { id: 'dnd5e-2014', name: 'D&D 5e (2014)' });
    expect(created).toMatchObject({ id: 'dnd5e-2014' });
    const writers = s.started.filter((w) => w.role === 'writer');
    expect(writers).toHaveLength(2);
    expect(s.answered.at(-1)).toMatchObject({ role: 'writer', threadId: writers[1]!.threadId });
    // The killed import left nothing (its transaction never committed).
    expect(await spellCount(s)).toBe(0);
    expect(s.host.failed).toBe(false);
    expect(s.events.filter((e) => e.event === 'db:failed')).toEqual([]);
  }, 120_000);

  it('a second death is final: db:failed once, and every call answers Unavailable', async () => {
    const s = await start();
    await s.workers.reader!.terminate();
    expect(await s.host.execute('spells:count', {})).toBe(0); // restarted reader
    const failed = new Promise<void>((resolve) => s.host.onEvent((event) => event === 'db:failed' && resolve()));
    await s.workers.reader!.terminate();
    await failed;
    expect(s.host.failed).toBe(true);
    expect(s.events.filter((e) => e.event === 'db:failed')).toEqual([
      { event: 'db:failed', payload: { code: 'Unavailable', message: expect.stringMatching(/stopped/) as unknown } },
    ]);
    for (const channel of ['spells:count', 'spells:create'] as ChannelName[]) {
      expect((await rejection(s.host.execute(channel, {}))).code, channel).toBe('Unavailable');
    }
    const reply = await s.router.handle('spells:list', {}, sender);
    expect(reply).toMatchObject({ ok: false, error: { code: 'Unavailable' } });
    // Main-process channels still answer (the UI can show app:info and the backups folder).
    expect(await s.router.handle('app:info', undefined, sender)).toMatchObject({ ok: true });
  });

  it('a worker that cannot be restarted is final too', async () => {
    const s = await start();
    // The restarted worker will not find its file.
    const { rmSync } = await import('node:fs');
    const file = ((await s.host.execute('db:status', undefined)) as { file: string }).file;
    await s.workers.reader!.terminate();
    const failed = new Promise<void>((resolve) => s.host.onEvent((event) => event === 'db:failed' && resolve()));
    rmSync(file, { force: true });
    await failed;
    expect(s.host.failed).toBe(true);
    expect((await rejection(s.host.execute('spells:count', {}))).code).toBe('Unavailable');
    expect(s.events.map((e) => e.event)).toContain('db:failed');
  });
});
