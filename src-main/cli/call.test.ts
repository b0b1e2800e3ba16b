/**
 * `npm run db -- call <channel> [json-input] --db <file>`, run as a child process: a read channel
 * answers with the envelope the renderer would get; a write channel, bad JSON and bad input are
 * refused with typed errors; the file is never changed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src-shared/errors';
import { runDb } from '../../test/cli-run';
import { fileHash, openMigrated, seedRuleSystemAndSource } from '../../test/helpers';
import { sampleRow } from '../../test/sample-rows';

let file: string;
beforeAll(() => {
  const migrated = openMigrated();
  seedRuleSystemAndSource(migrated.catalog);
  migrated.catalog.spells.create(sampleRow('spells', 1) as never);
  migrated.catalog.spells.create(sampleRow('spells', 2) as never);
  migrated.connection.close();
  file = migrated.file;
});

async function call(...args: string[]) {
  const before = fileHash(file);
  const run = await runDb('call', ...args, '--db', file);
  expect(fileHash(file), 'call changed the catalog file').toBe(before);
  return { ...run, envelope: JSON.parse(run.stdout) as Result<unknown> };
}

describe('db call', () => {
  it('runs a read channel through the router and dispatcher and prints its envelope', async () => {
    const run = await call('spells:list', '{"filter":{"nameStartsWith":"fireball"},"sort":{"by":"name"},"limit":1}');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.envelope).toMatchObject({ ok: true, data: { total: 2, limit: 1, offset: 0, items: [{ id: 'fireball-1-phb', name: 'Fireball 1' }] } });
    const status = await call('db:status');
    expect(status.envelope).toMatchObject({ ok: true, data: { counts: { spells: 2 } } });
  });

  it('refuses a write channel (exit 2) without touching the file', async () => {
    const run = await call('spells:delete', '{"id":"fireball-1-phb"}');
    expect(run.status).toBe(2);
    expect(run.envelope).toMatchObject({ ok: false, error: { code: 'ValidationFailed', message: expect.stringContaining('spells:delete runs on the writer') } });
    expect(run.stderr).toMatch(/^error: call runs read channels only/);
    const main = await call('dialog:chooseFolder');
    expect(main.envelope).toMatchObject({ ok: false, error: { message: expect.stringContaining('runs on the main process') } });
  });

  it('answers backups:list (a main-process channel that only reads files) as the app does; refuses backups:restore', async () => {
    const list = await call('backups:list');
    expect(list.status).toBe(0);
    expect(list.envelope).toEqual({ ok: true, data: { folder: expect.stringMatching(/backups$/), backups: [], unusable: [] } });
    const bad = await call('backups:list', '{"dir":"/etc"}');
    expect(bad.status).toBe(1);
    expect(bad.envelope).toMatchObject({ ok: false, error: { code: 'ValidationFailed', details: { issues: [{ path: ['dir'] }] } } });
    const restore = await call('backups:restore');
    expect(restore.status).toBe(2);
    expect(restore.envelope).toMatchObject({ ok: false, error: { message: expect.stringContaining('backups:restore runs on the main process') } });
  }, 120_000); // three CLI runs through vite-node

  it('refuses input that is not JSON (exit 2)', async () => {
    const run = await call('spells:list', '{filter:');
    expect(run.status).toBe(2);
    expect(run.envelope).toMatchObject({ ok: false, error: { code: 'ValidationFailed', details: { issues: [{ path: ['json-input'] }] } } });
  });

  it('reports input the channel refuses exactly as the app would (exit 1)', async () => {
    const run = await call('spells:list', '{"filter":{"klass":"wizard"},"limit":10000}');
    expect(run.status).toBe(1);
    expect(run.envelope).toMatchObject({ ok: false, error: { code: 'ValidationFailed' } });
    const paths = (run.envelope as { error: { details: { issues: { path: unknown[] }[] } } }).error.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining([['filter', 'klass'], ['limit']]));
    const missing = await call('spells:get', '{"id":"wish-phb"}');
    expect(missing.status).toBe(1);
    expect(missing.envelope).toMatchObject({ ok: false, error: { code: 'NotFound', details: { id: 'wish-phb' } } });
  });
});
