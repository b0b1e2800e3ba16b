/**
 * window.mimir end to end: the preload's surface, and calls through it to the real router and
 * database (see fixtures.ts for how each project provides them). Page code runs in the browser;
 * e2e/ is type-checked without the DOM library, so it reaches the API through `globalThis`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MimirApi } from '../src-shared/client';
import { contract } from '../src-shared/contract';
import { writeSyntheticSpellData } from '../test/synthetic-5etools';
import { emitHarnessEvent, expect, repoRoot, requireHarness, test } from './fixtures';
import { ListPage } from './pages';

type PageGlobals = { mimir: MimirApi };

/** Schema version of a fresh catalog: one per migration folder. */
const latestVersion = readdirSync(join(repoRoot, 'migrations'), { withFileTypes: true }).filter(
  (entry) => entry.isDirectory() && /^\d{4}_/.test(entry.name),
).length;

test('window.mimir has exactly the contract: its namespaces and their methods, nothing else', async ({ appPage }) => {
  const surface = await appPage.evaluate(() => {
    const api = (globalThis as unknown as { mimir: Record<string, Record<string, unknown>> }).mimir;
    return Object.fromEntries(Object.keys(api).map((namespace) => [namespace, Object.keys(api[namespace] ?? {}).sort()]));
  });
  const expected = Object.fromEntries(
    Object.entries(contract).map(([namespace, methods]) => [
      namespace,
      Object.keys(methods).sort(),
    ]),
  );
  expected['on'] = [];
  expect(Object.keys(surface).sort()).toEqual(Object.keys(expected).sort());
  expect(surface).toEqual(expected);
});

test('the page cannot reach Node, Electron or raw IPC', async ({ appPage }) => {
  const reachable = await appPage.evaluate(() => {
    const page = globalThis as unknown as Record<string, unknown>;
    return {
      require: typeof page['require'],
      process: typeof page['process'],
      module: typeof page['module'],
      ipcRenderer: typeof page['ipcRenderer'],
      electron: typeof page['electron'],
      // No generic invoke on the API object either.
      invoke: typeof (page['mimir'] as Record<string, unknown>)['invoke'],
    };
  });
  expect(reachable).toEqual({
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    ipcRenderer: 'undefined',
    electron: 'undefined',
    invoke: 'undefined',
  });
});

test('the page shows the schema version from db:status', async ({ appPage }) => {
  const status = await appPage.evaluate(() => (globalThis as unknown as PageGlobals).mimir.db.status());
  expect(status).toMatchObject({ ok: true, data: { schemaVersion: latestVersion, latestVersion } });
  await expect(appPage.getByRole('status')).toContainText(`Schema version ${latestVersion} of ${latestVersion}`);
});

test('creates a rule system, a source and a spell through window.mimir, and finds the spell by name', async ({ appPage }) => {
  const found = await appPage.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).mimir;
    const steps = [
      await api.ruleSystems.create({ id: 'dnd5e-2014', name: 'D&D 5th Edition (2014)' }),
      await api.sources.create({ id: 'PHB', ruleSystemId: 'dnd5e-2014', fullName: "Player's Handbook (2014)" }),
      await api.spells.create({ id: 'fireball-phb', name: 'Fireball', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', level: 3, school: 'V', classes: ['wizard', 'sorcerer'] }),
    ];
    const failed = steps.find((step) => !step.ok);
    if (failed) return failed;
    return api.spells.list({ filter: { nameStartsWith: 'fire' } });
  });
  expect(found).toMatchObject({
    ok: true,
    data: { total: 1, items: [{ id: 'fireball-phb', name: 'Fireball', level: 3, classes: ['wizard', 'sorcerer'] }] },
  });

  // And the page's spell list shows it (refreshed by catalog:changed).
  await expect(new ListPage(appPage, 'spells').row('Fireball')).toBeVisible();
});

test('a call with bad input resolves to a ValidationFailed envelope naming the field', async ({ appPage }) => {
  const result = await appPage.evaluate(() =>
    // Deliberately outside the typed API: what a buggy or hostile caller could send.
    (globalThis as unknown as PageGlobals).mimir.spells.list({ limit: 100_000, sort: { by: 'nope' } } as never),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'ValidationFailed', details: { issues: expect.any(Array) as unknown } } });
  const issues = (result as { error: { details: { issues: { path: unknown[] }[] } } }).error.details.issues;
  expect(issues.map((issue) => issue.path)).toEqual(expect.arrayContaining([['limit'], ['sort', 'by']]));
  // Nothing was thrown in the page, and the API still works afterwards.
  expect(await appPage.evaluate(() => (globalThis as unknown as PageGlobals).mimir.spells.count({}))).toEqual({ ok: true, data: 0 });
});

test('import progress reaches on(import:progress) listeners until they unsubscribe', async ({ appPage, userDataDir }) => {
  const dataDir = join(userDataDir, 'import-data');
  writeSyntheticSpellData(dataDir, 250);

  const outcome = await appPage.evaluate(async (dir) => {
    const api = (globalThis as unknown as PageGlobals).mimir;
    type Seen = { done: number; total: number }[];
    const kept: Seen = [];
    const dropped: Seen = [];
    // Events travel separately from the call's answer: wait for the last one.
    const finished = (seen: Seen) =>
      new Promise<void>((resolve) => {
        const poll = () => (seen.some((p) => p.done === p.total) ? resolve() : setTimeout(poll, 10));
        poll();
      });
    api.on('import:progress', (p) => kept.push(p));
    const unsubscribe = api.on('import:progress', (p) => dropped.push(p));

    const first = await api.import.fiveEtools({ dataDir: dir });
    await finished(dropped);
    const droppedBefore = dropped.length;
    unsubscribe();
    kept.length = 0;
    const second = await api.import.fiveEtools({ dataDir: dir });
    await finished(kept);
    return { first, second, droppedBefore, droppedAfter: dropped.length - droppedBefore, kept: kept.length, last: kept.at(-1) };
  }, dataDir);

  expect(outcome.first).toMatchObject({ ok: true, data: { counts: { spells: { imported: 250 } } } });
  expect(outcome.second).toMatchObject({ ok: true });
  expect(outcome.droppedBefore).toBeGreaterThan(1);
  expect(outcome.kept).toBeGreaterThan(1);
  expect(outcome.last).toMatchObject({ done: 251, total: 251 }); // the book and its 250 spells
  expect(outcome.droppedAfter).toBe(0);
  await expect(appPage.getByRole('status')).toBeVisible();
});

test('catalog:changed follows a write', async ({ appPage }) => {
  const changes = await appPage.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).mimir;
    const seen: unknown[] = [];
    api.on('catalog:changed', (change) => seen.push(change));
    api.on('db:failed', (failure) => seen.push(failure));
    await api.ruleSystems.create({ id: 'dnd5e-2014', name: 'D&D 5th Edition (2014)' });
    const arrived = () => new Promise<void>((resolve) => {
      const poll = () => (seen.length > 0 ? resolve() : setTimeout(poll, 10));
      poll();
    });
    await arrived();
    return seen;
  });
  expect(changes).toEqual([{ tables: ['ruleSystems'], cause: 'ruleSystems:create' }]);
});

test('undeclared events never reach the page', async ({ appPage, target }) => {
  test.skip(target === 'electron', 'the harness stands in for webContents.send; Electron has no such hook');
  await appPage.evaluate(() => {
    const api = (globalThis as unknown as PageGlobals).mimir;
    api.on('catalog:changed', () => undefined);
    api.on('db:failed', () => undefined);
  });
  // The main process sends an event the contract does not declare: the preload never listens to it.
  await emitHarnessEvent(appPage, 'evil:event', { steal: true });
  const listening = await appPage.evaluate(() => (globalThis as unknown as { __mimirHarnessListening(): string[] }).__mimirHarnessListening());
  expect(listening.sort()).toEqual(['catalog:changed', 'db:failed']);
  const refused = await appPage.evaluate(() => {
    try {
      (globalThis as unknown as { mimir: { on(event: string, listener: () => void): void } }).mimir.on('evil:event', () => undefined);
      return 'subscribed';
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(refused).toBe('TypeError');
});

test('main-process channels answer in the page: app:info, dialog:chooseFolder (cancelled)', async ({ appPage, userDataDir, target }) => {
  test.skip(target === 'electron', 'the real folder dialog would wait for a person');
  const answers = await appPage.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).mimir;
    return { info: await api.app.info(), folder: await api.dialog.chooseFolder(), cancel: await api.import.cancel() };
  });
  expect(answers.info).toMatchObject({ ok: true, data: { catalogFile: join(userDataDir, 'catalog.sqlite') } });
  expect(answers.folder).toEqual({ ok: true, data: null });
  expect(answers.cancel).toEqual({ ok: true, data: { cancelled: false } });
});

test('the folder dialog answers what the test chose, and a reopened catalog keeps its rows', async ({ appPage, harness: maybeHarness }) => {
  const harness = requireHarness(maybeHarness, 'the folder dialog is answered and the host restarted by the test');
  harness.services.chosenFolder = '/srv/5etools/data';
  const created = await appPage.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).mimir;
    await api.ruleSystems.create({ id: 'dnd5e-2014', name: 'D&D 5th Edition (2014)' });
    await api.sources.create({ id: 'PHB', ruleSystemId: 'dnd5e-2014', fullName: "Player's Handbook (2014)" });
    await api.spells.create({ id: 'fireball-phb', name: 'Fireball', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', level: 3, school: 'V' });
    return api.dialog.chooseFolder();
  });
  expect(created).toEqual({ ok: true, data: '/srv/5etools/data' });
  const before = harness.host();
  await harness.reopen();
  expect(harness.host()).not.toBe(before);
  await expect(new ListPage(appPage, 'spells').row('Fireball')).toBeVisible();
  expect(await appPage.evaluate(() => (globalThis as unknown as PageGlobals).mimir.spells.count({}))).toEqual({ ok: true, data: 1 });
});
