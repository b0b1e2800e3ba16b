/**
 * Property-based fuzzing of the IPC surface: every channel of the contract (and unknown channel
 * names) with arbitrary payloads — random values of every cloneable kind, the channel's own valid
 * example bent out of shape (wrong types, extra and missing keys at any depth), huge strings,
 * deep nesting, over-long arrays and prototype-pollution keys — and arbitrary senders.
 *
 * Main-process channels (dialogs, shell, app facts, import:cancel) are fuzzed like the others,
 * over the transport's stand-in services.
 *
 * Properties, for every call: the router answers (never throws or rejects) with a well-formed
 * envelope that survives structured cloning; errors carry a known code and no raw SQLite text;
 * no input makes a handler fail unexpectedly (Internal); an untrusted sender never reaches the
 * handlers; and a rejected call leaves every table exactly as it was. After the run the database
 * passes integrity_check and Object.prototype is untouched.
 *
 * Deterministic: the seed is fixed (override with MIMIR_FUZZ_SEED, runs with MIMIR_FUZZ_RUNS)
 * and printed; fast-check prints the failing seed and path of any counterexample.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogEntities, ENTITY_KEYS, type EntityKey } from '../../src-shared/catalog/entities';
import { CHANNEL_NAMES, channelsByName, ENTITY_API, MAX_BATCH_ROWS, type ChannelName } from '../../src-shared/contract';
import { ERROR_CODES, type Result } from '../../src-shared/errors';
import { PAYLOAD_LIMITS } from '../../src-shared/payload-limits';
import { checkIntegrity } from '../db/integrity';
import type { Sender } from './router';
import { sampleRow, SEED_RULE_SYSTEMS, SEED_SOURCES } from '../../test/sample-rows';
import {
  createTestTransport,
  dumpDatabase,
  isTrustedTestSender,
  RAW_SQLITE_TEXT,
  TRUSTED_SENDER,
  type TestTransport,
} from '../../test/ipc-transport';

const SEED = Number(process.env['MIMIR_FUZZ_SEED'] ?? 0x6d696d72);
const RUNS = Number(process.env['MIMIR_FUZZ_RUNS'] ?? 100);

type Dump = ReturnType<typeof dumpDatabase>;

let t: TestTransport;
/** Ids of the stored sample rows, per table (get/update/delete examples point at them). */
const storedIds = {} as Record<EntityKey, string | number>;
let initial: Dump;
/** The expected database: the initial dump, moved forward only by calls that were accepted. */
let expected: Dump;
/** Calls that legitimately wrote (a fuzzed payload that happened to be valid). */
const acceptedWrites: string[] = [];
let calls = 0;
const codes = new Map<string, number>();
let prototypeBefore: { object: string[]; array: string[]; fn: string[] };

const ownNames = (value: object) => Reflect.ownKeys(value).map(String).sort();

beforeAll(() => {
  console.log(`IPC fuzz: seed ${SEED}, ${RUNS} runs per property (MIMIR_FUZZ_SEED / MIMIR_FUZZ_RUNS to change)`);
  prototypeBefore = { object: ownNames(Object.prototype), array: ownNames(Array.prototype), fn: ownNames(Function.prototype) };
  t = createTestTransport();
  for (const row of SEED_RULE_SYSTEMS) t.catalog.ruleSystems.create(row);
  for (const row of SEED_SOURCES) t.catalog.sources.create(row);
  for (const key of ENTITY_KEYS) {
    const repo = t.catalog[key] as unknown as { create(input: unknown): { id: string | number } };
    storedIds[key] = repo.create(sampleRow(key, 1)).id;
  }
  initial = dumpDatabase(t.connection.sqlite);
  expected = initial;
});

afterAll(() => {
  const tally = (values: Iterable<[string, number]>) => [...values].sort().map(([k, n]) => `${k} ${n}`).join(', ');
  const writes = new Map<string, number>();
  for (const channel of acceptedWrites) writes.set(channel, (writes.get(channel) ?? 0) + 1);
  console.log(
    `IPC fuzz: ${calls} calls (${tally(codes)}); valid writes among the fuzzed payloads: ${writes.size ? tally(writes) : 'none'}`,
  );
  t?.close();
});

// ---------------------------------------------------------------------------------------------
// One call, and everything every call must satisfy.

const totalChanges = () => t.connection.sqlite.prepare('SELECT total_changes()').pluck().get() as number;

function checkEnvelope(reply: Result<unknown>, input: unknown): void {
  expect(typeof reply).toBe('object');
  expect(typeof reply.ok).toBe('boolean');
  if (reply.ok) {
    expect(Object.keys(reply).sort()).toEqual(['data', 'ok']);
    return;
  }
  expect(Object.keys(reply).sort()).toEqual(['error', 'ok']);
  const { error } = reply;
  expect(ERROR_CODES).toContain(error.code);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(typeof error.details).toBe('object');
  expect(error.details).not.toBeNull();
  if (error.code === 'ValidationFailed') {
    expect(Array.isArray(error.details.issues)).toBe(true);
    for (const issue of error.details.issues) {
      expect(typeof issue.message).toBe('string');
      for (const key of issue.path) expect(['string', 'number']).toContain(typeof key);
    }
  }
  // Raw SQLite text may only appear when the caller sent it (a validation message echoing a key).
  if (RAW_SQLITE_TEXT.test(JSON.stringify(error))) {
    expect(RAW_SQLITE_TEXT.test(safeJson(input)), `raw SQLite text in ${error.message}`).toBe(true);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? '';
  } catch {
    return '';
  }
}

/** Tables a failed import may write to: the run's own import_log row. */
const IMPORT_LOG_TABLES = ['import_log', 'sqlite_sequence'];
const without = (dump: Dump, tables: string[]) => Object.fromEntries(Object.entries(dump).filter(([name]) => !tables.includes(name)));

async function call(channel: string, input: unknown, sender: Sender = TRUSTED_SENDER): Promise<Result<unknown>> {
  calls += 1;
  const changesBefore = totalChanges();
  const executedBefore = t.executed.length;
  // t.send clones the request and the reply: a reply that cannot be cloned rejects here.
  const reply = await t.send(channel, input, sender);
  checkEnvelope(reply, input);
  const code = reply.ok ? 'ok' : reply.error.code;
  codes.set(code, (codes.get(code) ?? 0) + 1);
  const reachedHandlers = t.executed.length > executedBefore;

  // No input may make a handler fail in a way nobody anticipated.
  expect(code, reply.ok ? '' : reply.error.message).not.toBe('Internal');
  // Only the app's own window gets past the sender check.
  if (!isTrustedTestSender(sender)) {
    expect(reachedHandlers).toBe(false);
    expect(code).toBe('ValidationFailed');
  }
  // Unknown channels never reach the handlers.
  if (!channelsByName.has(channel)) expect(reachedHandlers).toBe(false);

  if (totalChanges() !== changesBefore) {
    const now = dumpDatabase(t.connection.sqlite);
    if (reply.ok) {
      acceptedWrites.push(channel);
      expected = now;
    } else if (channel === 'import:5etools' && reachedHandlers) {
      // A failed import is logged (import_log) after rolling back; nothing else may change.
      expect(without(now, IMPORT_LOG_TABLES)).toEqual(without(expected, IMPORT_LOG_TABLES));
      acceptedWrites.push(`${channel} (failed run logged)`);
      expected = now;
    } else {
      expect(now, `rejected ${channel} (${code}) changed the database`).toEqual(expected);
    }
  }
  return reply;
}

// ---------------------------------------------------------------------------------------------
// Payloads.

/** A valid input of each channel, over the stored sample rows (the seed of the mutations). */
function validExample(channel: ChannelName): unknown {
  const [namespace, verb] = channel.split(':') as [string, string];
  if ((ENTITY_KEYS as readonly string[]).includes(namespace)) {
    const key = namespace as EntityKey;
    const row = sampleRow(key, 1);
    const id = storedIds[key];
    const patchKey = Object.keys(row).find((k) => k !== 'id' && typeof row[k] !== 'object') ?? 'id';
    switch (verb) {
      case 'create':
        return row;
      case 'get':
      case 'delete':
        return { id };
      case 'update':
        return { id, patch: { [patchKey]: row[patchKey] } };
      case 'list':
        return { filter: {}, sort: { by: 'id', direction: 'asc' }, limit: 10, offset: 0 };
      case 'count':
        return { filter: {} };
      case 'batchUpsert':
        return { rows: [row, sampleRow(key, 2)] };
    }
  }
  switch (channel) {
    case 'import:5etools':
      return { dataDir: join(t.dir, 'no-such-folder') };
    case 'dialog:chooseFolder':
      return { title: 'Choose a folder' };
    case 'shell:showItemInFolder':
      return { target: 'backups' };
    case 'search:query':
      return { text: 'fire ball -undead', kinds: ['spells'], limit: 5 };
    case 'references:of':
      return { entity: 'spells', id: storedIds.spells };
    case 'settings:update':
      return { preferredRuleSystem: 'dnd5e-2024' };
    default:
      return {};
  }
}

const anything = fc.anything({
  maxDepth: 4,
  maxKeys: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});

const wrongPrimitive = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', '0', 'true', 'null', '[]', '{}', 'NaN', '-1', 'SELECT 1; DROP TABLE spells;--', "' OR 1=1 --"),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, 10_000, -1, 1e308),
);

const { maxStringLength, maxDepth, maxArrayLength, maxKeyLength } = PAYLOAD_LIMITS;

const hugeString = fc.oneof(
  fc
    .tuple(fc.constantFrom('x', 'é', '🐉', '\u0000', '{@spell fireball}'), fc.nat({ max: 2_000 }))
    .map(([unit, extra]) => unit.repeat(Math.ceil((maxStringLength + 1) / unit.length) + extra)),
  // At and around the limit: the structural check passes, the schema decides.
  fc.constantFrom(maxStringLength - 1, maxStringLength, maxStringLength + 1).map((n) => 'a'.repeat(n)),
);

const deepValue = fc
  .tuple(fc.integer({ min: maxDepth - 2, max: maxDepth * 3 }), fc.constantFrom('object', 'array', 'entries'))
  .map(([levels, kind]) => {
    let value: unknown = 'bottom';
    for (let i = 0; i < levels; i++) {
      value = kind === 'array' ? [value] : kind === 'object' ? { a: value } : { type: 'entries', entries: [value] };
    }
    return value;
  });

const longArray = fc.oneof(
  fc.integer({ min: maxArrayLength - 1, max: maxArrayLength + 3 }).map((n) => new Array<number>(n).fill(1)),
  fc.integer({ min: MAX_BATCH_ROWS - 1, max: MAX_BATCH_ROWS + 2 }).map((n) => new Array<string>(n).fill('wizard')),
);

const POLLUTION_JSON = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"filter":{"__proto__":{"isAdmin":true}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
  '{"a":{"b":{"__proto__":{"polluted":"yes"}}}}',
];
const pollution = fc.constantFrom(...POLLUTION_JSON).map((json) => JSON.parse(json) as unknown);

const hostileKey = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('toString', 'valueOf', 'hasOwnProperty', 'then', 'id', 'filter', 'limit', 'rows', 'patch', 'length'),
  },
  { weight: 1, arbitrary: fc.nat({ max: 50 }).map((n) => 'k'.repeat(maxKeyLength - 25 + n)) },
);

const value = fc.oneof(
  { weight: 5, arbitrary: anything },
  { weight: 3, arbitrary: wrongPrimitive },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: longArray },
  { weight: 1, arbitrary: pollution },
);

type Path = (string | number)[];

/** Paths of every object and array inside `value` (the root included). */
function containerPaths(node: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (typeof node !== 'object' || node === null) return out;
  out.push(path);
  for (const [key, child] of Object.entries(node)) containerPaths(child, [...path, Array.isArray(node) ? Number(key) : key], out);
  return out;
}

function at(root: unknown, path: Path): Record<string | number, unknown> {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node as Record<string | number, unknown>;
}

function setOwn(target: object, key: string | number, v: unknown): void {
  // An array's length is not a payload key (and only takes valid lengths): append instead.
  if (Array.isArray(target) && key === 'length') {
    target.push(v);
    return;
  }
  // defineProperty, so that `__proto__` becomes an own key (as JSON.parse makes it), not a prototype.
  Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });
}

/** The channel's valid example with one change somewhere: a key added, replaced or removed. */
function mutated(example: unknown): fc.Arbitrary<unknown> {
  const base = example ?? {};
  const paths = containerPaths(base);
  if (paths.length === 0) return value;
  return fc
    .tuple(fc.nat(), fc.nat(), fc.constantFrom('add', 'replace', 'remove', 'add-replace'), hostileKey, value)
    .map(([pathIndex, keyIndex, op, key, v]) => {
      const copy = structuredClone(base);
      const target = at(copy, paths[pathIndex % paths.length] as Path);
      const keys = Object.keys(target);
      const existing = keys.length > 0 ? (keys[keyIndex % keys.length] as string) : undefined;
      if (op === 'remove' && existing !== undefined) {
        if (Array.isArray(target)) target.splice(Number(existing), 1);
        else delete target[existing];
      } else if ((op === 'replace' || op === 'add-replace') && existing !== undefined) {
        setOwn(target, Array.isArray(target) ? Number(existing) : existing, v);
        if (op === 'add-replace') setOwn(target, key, v);
      } else if (Array.isArray(target) && keyIndex % 2 === 0) {
        target.push(v);
      } else {
        setOwn(target, key, v);
      }
      return copy;
    });
}

/**
 * Well-formed import requests for folders that do not exist (inside the test's own directory, so
 * the importer never reads anything else): they reach the importer, which must fail cleanly.
 */
const missingDataDir = fc
  .stringMatching(/^[a-z0-9 _-]{0,20}$/)
  .map((name) => ({ dataDir: join(t.dir, 'missing', name) }));

function payloadFor(channel: ChannelName): fc.Arbitrary<unknown> {
  const example = validExample(channel);
  return fc.oneof(
    { weight: channel === 'import:5etools' ? 2 : 0, arbitrary: missingDataDir },
    { weight: 6, arbitrary: mutated(example) },
    { weight: 3, arbitrary: anything },
    { weight: 1, arbitrary: value },
    { weight: 1, arbitrary: fc.constant(example).map((e) => [e]) },
    { weight: 1, arbitrary: fc.constant(example).map((e) => JSON.stringify(e) ?? 'undefined') },
    { weight: 1, arbitrary: fc.constant(example).map((e) => ({ input: e, ...(e as object) })) },
  );
}

const unknownChannel = fc
  .oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom(
      'spells:drop',
      'Spells:list',
      'spells:list ',
      'spells:list\u0000',
      'spells:',
      ':list',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'import:5etools:extra',
      'db:vacuum',
      'import:progress',
    ),
  )
  .filter((name) => !channelsByName.has(name));

const sender: fc.Arbitrary<Sender> = fc.record({
  frameUrl: fc.oneof(
    fc.constant(TRUSTED_SENDER.frameUrl),
    fc.constant(`${TRUSTED_SENDER.frameUrl}#/spells`),
    fc.webUrl(),
    fc.constantFrom('', 'file:///tmp/index.html', 'about:blank', 'data:text/html,x', 'devtools://devtools/bundled/inspector.html'),
    fc.string({ maxLength: 40 }),
  ),
  isMainFrame: fc.boolean(),
  webContentsId: fc.oneof(fc.constant(TRUSTED_SENDER.webContentsId), fc.integer({ min: -1, max: 5 })),
});

// ---------------------------------------------------------------------------------------------
// Properties.

const params = (offset: number) => ({ seed: SEED + offset, numRuns: RUNS, endOnFailure: true });

describe('fuzzing every channel', () => {
  it.each(CHANNEL_NAMES.map((channel, index) => [channel, index] as const))(
    '%s: arbitrary payloads always get a valid envelope and change nothing when rejected',
    async (channel, index) => {
      await fc.assert(
        fc.asyncProperty(payloadFor(channel), async (payload) => {
          await call(channel, payload);
        }),
        params(index),
      );
    },
  );

  it('unknown channel names are refused without reaching the handlers', async () => {
    await fc.assert(
      fc.asyncProperty(unknownChannel, fc.oneof(anything, pollution), async (channel, payload) => {
        const reply = await call(channel, payload);
        expect(reply).toMatchObject({ ok: false, error: { code: 'ValidationFailed' } });
      }),
      params(1_000),
    );
  });

  it('arbitrary senders: only the app window gets through', async () => {
    const readChannels = CHANNEL_NAMES.filter((name) => /:(get|list|count|status|check|history)$/.test(name));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...readChannels), sender, async (channel, from) => {
        const reply = await call(channel, validExample(channel), from);
        if (isTrustedTestSender(from)) expect(reply.ok).toBe(true);
        else expect(reply).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not allowed/) } });
      }),
      params(2_000),
    );
  });

  it('arbitrary senders on write channels: nothing untrusted is written', async () => {
    const writeChannels = CHANNEL_NAMES.filter((name) => /:(create|update|delete|batchUpsert)$/.test(name));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writeChannels),
        sender.filter((s) => !isTrustedTestSender(s)),
        async (channel, from) => {
          await call(channel, validExample(channel), from);
        },
      ),
      params(3_000),
    );
  });
});

describe('after the run', () => {
  it('every channel was fuzzed', () => {
    expect(calls).toBeGreaterThanOrEqual(CHANNEL_NAMES.length * RUNS);
    expect(new Set(CHANNEL_NAMES)).toEqual(new Set(channelsByName.keys()));
    const entityChannels = Object.values(ENTITY_API).reduce((sum, verbs) => sum + verbs.length, 0);
    expect(entityChannels + 14).toBe(CHANNEL_NAMES.length);
    expect(Object.keys(ENTITY_API).sort()).toEqual(Object.keys(catalogEntities).sort());
  });

  it('the database passes integrity_check and foreign key checks', () => {
    const report = checkIntegrity(t.connection.sqlite, 'full');
    expect(report).toEqual({ ok: true, pages: ['ok'], foreignKeys: [], drift: [] });
    expect(t.connection.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('the stored data is exactly what accepted calls made it (rejected calls changed nothing)', () => {
    const now = dumpDatabase(t.connection.sqlite);
    expect(now).toEqual(expected);
    if (acceptedWrites.length === 0) expect(now).toEqual(initial);
  });

  it('Object.prototype, Array.prototype and Function.prototype were not polluted', () => {
    expect({
      object: ownNames(Object.prototype),
      array: ownNames(Array.prototype),
      fn: ownNames(Function.prototype),
    }).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });
});
