/**
 * Events through window.mimir.on (the preload's client over the structured-cloning transport):
 * subscribe, typed payloads in order, unsubscribe; catalog:changed after every kind of write and
 * after an import, never after a read or a refused write; every payload matches its contract
 * schema.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, EVENT_NAMES, type CatalogChanged } from '../../src-shared/contract';
import type { ImportProgress } from '../../src-shared/import-types';
import { tempDir } from '../../test/helpers';
import { createTestTransport, type TestTransport } from '../../test/ipc-transport';
import { sampleRow, SEED_RULE_SYSTEMS, SEED_SOURCES } from '../../test/sample-rows';
import { writeSyntheticSpellData } from '../../test/synthetic-5etools';

let t: TestTransport;
beforeEach(() => {
  t = createTestTransport();
  for (const row of SEED_RULE_SYSTEMS) t.catalog.ruleSystems.create(row);
  for (const row of SEED_SOURCES) t.catalog.sources.create(row);
});
afterEach(() => {
  // Whatever a test sent, every payload matched its declared schema.
  for (const { event, payload } of t.events) expect(events[event].safeParse(payload).success, `${event} ${JSON.stringify(payload)}`).toBe(true);
  t.close();
});

function changes(): CatalogChanged[] {
  const received: CatalogChanged[] = [];
  t.client.on('catalog:changed', (change) => received.push(change));
  return received;
}

describe('catalog:changed', () => {
  it('after create, update, delete and batchUpsert, naming the table and the channel', async () => {
    const received = changes();
    const spell = sampleRow('spells', 1);
    expect((await t.client.spells.create(spell as never)).ok).toBe(true);
    expect((await t.client.spells.update({ id: spell['id'] as string, patch: { page: 12 } })).ok).toBe(true);
    expect((await t.client.spells.batchUpsert({ rows: [sampleRow('spells', 2), sampleRow('spells', 3)] as never })).ok).toBe(true);
    expect((await t.client.spells.delete({ id: spell['id'] as string })).ok).toBe(true);
    expect((await t.client.ruleSystems.create(sampleRow('ruleSystems', 1) as never)).ok).toBe(true);
    expect(received).toEqual([
      { tables: ['spells'], cause: 'spells:create' },
      { tables: ['spells'], cause: 'spells:update' },
      { tables: ['spells'], cause: 'spells:batchUpsert' },
      { tables: ['spells'], cause: 'spells:delete' },
      { tables: ['ruleSystems'], cause: 'ruleSystems:create' },
    ]);
  });

  it('never after a read or a refused write', async () => {
    const received = changes();
    await t.client.spells.list({});
    await t.client.spells.count({});
    await t.client.db.status();
    expect((await t.client.spells.create({ id: 'Not A Slug' } as never)).ok).toBe(false);
    expect((await t.client.spells.delete({ id: 'no-such-spell-phb' })).ok).toBe(false);
    expect(received).toEqual([]);
  });

  it('after an import: every table it writes, after its last progress event', async () => {
    const dataDir = join(tempDir(), 'data');
    writeSyntheticSpellData(dataDir, 120);
    const received = changes();
    const reply = await t.client.import.fiveEtools({ dataDir });
    expect(reply.ok).toBe(true);
    expect(received).toHaveLength(1);
    expect(received[0]?.cause).toBe('import:5etools');
    expect(received[0]?.tables).toEqual(expect.arrayContaining(['ruleSystems', 'sources', 'spells', 'importLog']));
    const names = t.events.map((e) => e.event);
    expect(names.lastIndexOf('import:progress')).toBeLessThan(names.indexOf('catalog:changed'));
  });

  it('after a failed import: importLog (its failure row)', async () => {
    const received = changes();
    const reply = await t.client.import.fiveEtools({ dataDir: join(tempDir(), 'missing') });
    expect(reply.ok).toBe(false);
    expect(received).toEqual([{ tables: ['importLog'], cause: 'import:5etools' }]);
  });
});

describe('on(event, listener)', () => {
  it('delivers typed payloads in order to each subscriber until it unsubscribes', async () => {
    const dataDir = join(tempDir(), 'data');
    writeSyntheticSpellData(dataDir, 250);
    const kept: ImportProgress[] = [];
    const dropped: ImportProgress[] = [];
    t.client.on('import:progress', (p) => kept.push(p));
    const stop = t.client.on('import:progress', (p) => dropped.push(p));
    await t.client.import.fiveEtools({ dataDir });
    expect(kept.length).toBeGreaterThan(1);
    expect(dropped).toEqual(kept);
    const writing = kept.filter((p) => p.stage === 'writing').map((p) => p.done);
    expect(writing).toEqual([...writing].sort((a, b) => a - b));
    expect(kept.at(-1)).toMatchObject({ stage: 'writing', done: 251, total: 251 });
    stop();
    kept.length = 0;
    const before = dropped.length;
    await t.client.import.fiveEtools({ dataDir });
    expect(kept.length).toBeGreaterThan(1);
    expect(dropped).toHaveLength(before);
  });

  it('declares exactly three events', () => {
    expect([...EVENT_NAMES].sort()).toEqual(['catalog:changed', 'db:failed', 'import:progress']);
    expect(Object.keys(events).sort()).toEqual([...EVENT_NAMES].sort());
  });
});
