/**
 * Validation runs once per call, off the main thread: the router (main process) only checks the
 * sender, the channel and the payload's structure, and hands database channels on unparsed; the
 * database dispatcher (in the worker) parses once, through the repository, before it acts.
 * Counted by wrapping the one zod entry point every layer uses, `validate` (src-shared/validation).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, channelsByName, MAX_BATCH_ROWS, type ChannelName } from '../../src-shared/contract';
import { createTestTransport, TRUSTED_SENDER, type TestTransport } from '../../test/ipc-transport';
import { testServices } from '../../test/main-services';
import { sampleRow, SEED_RULE_SYSTEMS, SEED_SOURCES } from '../../test/sample-rows';
import * as validation from '../../src-shared/validation';
import { createMainHandlers } from './main-handlers';
import { createRouter } from './router';

vi.mock('../../src-shared/validation', async (importOriginal) => {
  const actual = await importOriginal<typeof validation>();
  return { ...actual, validate: vi.fn(actual.validate) };
});

const parses = vi.mocked(validation.validate);

let t: TestTransport;
beforeEach(() => {
  t = createTestTransport();
  for (const row of SEED_RULE_SYSTEMS) t.catalog.ruleSystems.create(row);
  for (const row of SEED_SOURCES) t.catalog.sources.create(row);
  t.catalog.spells.create(sampleRow('spells', 1) as never);
  parses.mockClear();
});
afterEach(() => t.close());

describe('the main thread parses no database call', () => {
  it('every reader and writer channel reaches the database host without a zod parse, whatever its size', async () => {
    const handedOn: unknown[] = [];
    const router = createRouter({
      database: async (_channel, input) => handedOn.push(input),
      main: createMainHandlers(testServices(t.dir)),
      isTrustedSender: () => true,
    });
    const rows = Array.from({ length: MAX_BATCH_ROWS }, (_, i) => sampleRow('spells', i + 2));
    const database = CHANNEL_NAMES.filter((name) => channelsByName.get(name)?.runs !== 'main');
    for (const channel of database) {
      const input = channel === 'spells:batchUpsert' ? { rows } : { probe: channel };
      parses.mockClear();
      expect((await router.handle(channel, input, TRUSTED_SENDER)).ok, channel).toBe(true);
      expect(parses, channel).not.toHaveBeenCalled();
      expect(handedOn.at(-1)).toBe(input); // as given: not a parsed copy
    }
    expect(handedOn).toHaveLength(database.length);
  });

  it('a main-process channel is parsed once, in the main process (it runs there)', async () => {
    expect((await t.client.app.info()).ok).toBe(true);
    expect(parses).toHaveBeenCalledTimes(1);
  });
});

describe('the database dispatcher parses each call once', () => {
  const row = (n: number) => sampleRow('spells', n);
  // [channel, input, parses]: update checks its id and its patch, each once.
  const cases: [ChannelName, () => unknown, number][] = [
    ['spells:create', () => row(2), 1],
    ['spells:get', () => ({ id: row(1)['id'] }), 1],
    ['spells:update', () => ({ id: row(1)['id'], patch: { page: 3 } }), 2],
    ['spells:list', () => ({ filter: { level: 3, class: 'wizard' }, limit: 10 }), 1],
    ['spells:count', () => ({ filter: { school: 'V' } }), 1],
    ['spells:batchUpsert', () => ({ rows: Array.from({ length: MAX_BATCH_ROWS }, (_, i) => row(i + 2)) }), 1],
    ['spells:delete', () => ({ id: row(1)['id'] }), 1],
    ['db:check', () => undefined, 1],
    ['import:5etools', () => ({ dataDir: '/no/such/folder' }), 1],
  ];
  it.each(cases)('%s: each part of the input parsed once', async (channel, input, expected) => {
    const reply = await t.send(channel, input());
    if (channel !== 'import:5etools') expect(reply.ok, JSON.stringify(reply).slice(0, 200)).toBe(true);
    // An import parses its request once; the importer's own row checks come after (none here:
    // the folder does not exist).
    const inputs = parses.mock.calls.map((call) => call[1]);
    expect(inputs.slice(0, expected)).toHaveLength(expected);
    expect(new Set(inputs.slice(0, expected)).size).toBe(expected);
    if (channel !== 'import:5etools') expect(parses).toHaveBeenCalledTimes(expected);
  });

  it('a refused call is parsed once too, and reports every issue', async () => {
    const reply = await t.send('spells:batchUpsert', { rows: [{ ...row(2), level: 12 }, { ...row(3), school: 'Q' }] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'ValidationFailed' } });
    expect(parses).toHaveBeenCalledTimes(1);
    const paths = (reply as { error: { details: { issues: { path: unknown[] }[] } } }).error.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining([['rows', 0, 'level'], ['rows', 1, 'school']]));
  });
});
