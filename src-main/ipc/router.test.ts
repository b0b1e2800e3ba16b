/**
 * The router's own rules, before any handler runs: only the app's own window and main frame may
 * call, unknown channels are refused, and structurally hostile payloads (huge strings, deep
 * nesting, prototype-pollution keys, non-plain objects) are turned away uniformly. In every
 * refused case the database service is not called and nothing is written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAYLOAD_LIMITS } from '../../src-shared/payload-limits';
import { isAppError, type ErrorOf, type Result } from '../../src-shared/errors';
import { createTestTransport, dumpDatabase, TRUSTED_SENDER, type TestTransport } from '../../test/ipc-transport';
import type { Sender } from './router';

let t: TestTransport;
beforeEach(() => {
  t = createTestTransport();
  t.catalog.ruleSystems.create({ id: 'dnd5e-2014', name: 'D&D 5th Edition (2014)' });
  t.catalog.sources.create({ id: 'PHB', ruleSystemId: 'dnd5e-2014', fullName: "Player's Handbook (2014)" });
});
afterEach(() => t.close());

const fireball = {
  id: 'fireball-phb',
  name: 'Fireball',
  ruleSystemId: 'dnd5e-2014',
  sourceId: 'PHB',
  level: 3,
  school: 'V' as const,
  classes: ['sorcerer', 'wizard'],
};

/** Sends, expects ValidationFailed, and checks that nothing reached the handlers or the file. */
async function refused(channel: string, input: unknown, sender: Sender = TRUSTED_SENDER): Promise<ErrorOf<'ValidationFailed'>> {
  const before = dumpDatabase(t.connection.sqlite);
  const reply: Result<unknown> = await t.send(channel, input, sender);
  expect(reply.ok, JSON.stringify(reply).slice(0, 300)).toBe(false);
  const error = (reply as { ok: false; error: ErrorOf<'ValidationFailed'> }).error;
  expect(isAppError(error)).toBe(true);
  expect(error.code).toBe('ValidationFailed');
  expect(t.executed).toEqual([]);
  expect(dumpDatabase(t.connection.sqlite)).toEqual(before);
  return error;
}

describe('sender validation', () => {
  const untrusted: [string, Sender][] = [
    ['another web contents', { ...TRUSTED_SENDER, webContentsId: 2 }],
    ['a subframe of the app window', { ...TRUSTED_SENDER, isMainFrame: false }],
    ['a foreign page in the app window', { ...TRUSTED_SENDER, frameUrl: 'https://evil.example/index.html' }],
    ['another local file', { ...TRUSTED_SENDER, frameUrl: 'file:///tmp/index.html' }],
    ['a frame that navigated away or was destroyed', { frameUrl: '', isMainFrame: false, webContentsId: 1 }],
    ['an opaque data: URL', { ...TRUSTED_SENDER, frameUrl: 'data:text/html,<script>mimir</script>' }],
    ['an unparsable URL', { ...TRUSTED_SENDER, frameUrl: 'not a url' }],
  ];

  it.each(untrusted)('refuses %s without calling the database service', async (_label, sender) => {
    const error = await refused('spells:create', fireball, sender);
    expect(error.message).toMatch(/not allowed/);
    expect(error.details.issues).toEqual([{ path: [], message: 'untrusted sender' }]);
  });

  it('refuses an untrusted sender before looking at the channel or the payload', async () => {
    const sender = { ...TRUSTED_SENDER, isMainFrame: false };
    expect((await refused('spells:drop', { __proto__: null }, sender)).message).toMatch(/not allowed/);
    expect((await refused('db:status', undefined, sender)).message).toMatch(/not allowed/);
  });

  it('accepts the renderer page with a route in its fragment', async () => {
    const reply = await t.send('db:status', undefined, { ...TRUSTED_SENDER, frameUrl: `${TRUSTED_SENDER.frameUrl}#/spells?level=3` });
    expect(reply.ok).toBe(true);
  });

  it('accepts the same call from the app window (control)', async () => {
    const reply = await t.send('spells:create', fireball, TRUSTED_SENDER);
    expect(reply).toMatchObject({ ok: true, data: { id: 'fireball-phb', classes: ['sorcerer', 'wizard'] } });
    expect(t.executed).toEqual(['spells:create']);
  });

  it('a sender policy that throws becomes Internal, logged, and nothing runs', async () => {
    t.close();
    t = createTestTransport({
      isTrustedSender: () => {
        throw new Error('frame destroyed');
      },
    });
    const reply = await t.send('db:status', undefined);
    expect(reply).toMatchObject({ ok: false, error: { code: 'Internal', details: {} } });
    expect(t.executed).toEqual([]);
    expect(t.logged).toHaveLength(1);
  });
});

describe('channel names', () => {
  it.each(['spells:drop', 'spells', '', 'db:vacuum', '__proto__', 'constructor', 'spells:list '])(
    'refuses the unknown channel %j',
    async (channel) => {
      const error = await refused(channel, {});
      expect(error.details.issues).toEqual([{ path: [], message: 'unknown channel' }]);
    },
  );

  it('does not echo a long channel name in full', async () => {
    const error = await refused(`x:${'y'.repeat(10_000)}`, {});
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('payload limits (checked before the schema)', () => {
  const deep = (levels: number): unknown => {
    let value: unknown = 'bottom';
    for (let i = 0; i < levels; i++) value = { entries: [value] };
    return value;
  };

  it(`refuses a string longer than ${PAYLOAD_LIMITS.maxStringLength} characters anywhere`, async () => {
    const entries = ['x'.repeat(PAYLOAD_LIMITS.maxStringLength + 1)];
    const error = await refused('spells:create', { ...fireball, entries });
    expect(error.details.issues).toEqual([{ path: ['entries', 0], message: expect.stringMatching(/string longer than/) }]);
  });

  it(`refuses nesting deeper than ${PAYLOAD_LIMITS.maxDepth} levels`, async () => {
    const error = await refused('spells:create', { ...fireball, entries: [deep(40)] });
    expect(error.message).toMatch(/nested deeper than/);
  });

  it(`refuses arrays longer than ${PAYLOAD_LIMITS.maxArrayLength} items`, async () => {
    const classes = new Array<string>(PAYLOAD_LIMITS.maxArrayLength + 1).fill('wizard');
    const error = await refused('spells:create', { ...fireball, classes });
    expect(error.details.issues[0]?.path).toEqual(['classes']);
  });

  it(`refuses keys longer than ${PAYLOAD_LIMITS.maxKeyLength} characters (they would be echoed)`, async () => {
    const error = await refused('spells:list', { filter: { ['k'.repeat(PAYLOAD_LIMITS.maxKeyLength + 1)]: 1 } });
    expect(JSON.stringify(error).length).toBeLessThan(1000);
  });

  it.each([
    ['__proto__ (JSON.parse)', () => JSON.parse('{"id":"fireball-phb","__proto__":{"polluted":true}}') as unknown, '__proto__'],
    ['constructor', () => ({ id: 'fireball-phb', constructor: { prototype: { polluted: true } } }), 'constructor'],
    ['prototype', () => ({ id: 'fireball-phb', prototype: { polluted: true } }), 'prototype'],
    [
      '__proto__ (defineProperty, nested)',
      () => {
        const filter = {};
        Object.defineProperty(filter, '__proto__', { value: { polluted: true }, enumerable: true });
        return { filter };
      },
      '__proto__',
    ],
  ])('refuses a %s key anywhere, and nothing is polluted', async (_label, build, key) => {
    const channel = key === '__proto__' && _label.includes('nested') ? 'spells:list' : 'spells:get';
    const error = await refused(channel, build());
    expect(error.details.issues[0]?.path.at(-1)).toBe(key);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses named properties on arrays (structured clone keeps them)', async () => {
    const classes = ['wizard'];
    Object.defineProperty(classes, '__proto__', { value: { polluted: true }, enumerable: true });
    const error = await refused('spells:create', { ...fireball, classes });
    expect(error.details.issues[0]).toEqual({ path: ['classes', '__proto__'], message: 'arrays may not carry named properties' });
  });

  it.each([
    ['a Map', new Map([['id', 'fireball-phb']])],
    ['a Date', new Date(0)],
    ['a boxed string', Object('fireball-phb') as unknown],
    ['a typed array', new Uint8Array([1, 2, 3])],
  ])('refuses %s where a plain object is expected', async (_label, value) => {
    const error = await refused('spells:get', { id: value });
    expect(error.message).toMatch(/only plain objects, arrays and primitive values/);
  });

  it('accepts a null-prototype object like a plain one (after cloning it is plain)', async () => {
    t.catalog.spells.create(fireball);
    const input = Object.assign(Object.create(null) as Record<string, unknown>, { id: 'fireball-phb' });
    expect(await t.send('spells:get', input)).toMatchObject({ ok: true, data: { id: 'fireball-phb' } });
  });

  it('lists every unknown key with its own path (the schema check, in the database dispatcher)', async () => {
    const before = dumpDatabase(t.connection.sqlite);
    const reply = await t.send('spells:list', { filter: { klass: 'wizard', lvl: 3 }, pageSize: 10 });
    expect(dumpDatabase(t.connection.sqlite)).toEqual(before);
    const error = (reply as { ok: false; error: ErrorOf<'ValidationFailed'> }).error;
    expect(error.code).toBe('ValidationFailed');
    expect(error.details.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([
        ['filter', 'klass'],
        ['filter', 'lvl'],
        ['pageSize'],
      ]),
    );
  });
});
