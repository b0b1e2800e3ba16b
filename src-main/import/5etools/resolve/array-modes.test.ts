/**
 * The array modes, each against the behaviour of 5etools' `DataUtil.generic.copyApplier`
 * (js/utils.js) named in the test.
 */
import { describe, expect, it } from 'vitest';
import type { Raw } from '../types';
import { patch } from '../../../../test/resolve-5etools';

const goblin = (): Raw => ({
  name: 'Goblin',
  source: 'MM',
  action: [
    { name: 'Scimitar', entries: ['slash'] },
    { name: 'Shortbow', entries: ['shoot'] },
  ],
  languages: ['Common', 'Goblin'],
});

const names = (r: Raw, prop = 'action') => (r[prop] as Raw[]).map((a) => (typeof a === 'string' ? a : a['name']));

describe('appendArr / prependArr (_doMod_appendArr, _doMod_prependArr)', () => {
  it('adds one item or a list after / before the existing ones', () => {
    expect(names(patch(goblin(), { action: { mode: 'appendArr', items: { name: 'Bite' } } }).record)).toEqual(['Scimitar', 'Shortbow', 'Bite']);
    expect(names(patch(goblin(), { action: { mode: 'prependArr', items: [{ name: 'A' }, { name: 'B' }] } }).record)).toEqual(['A', 'B', 'Scimitar', 'Shortbow']);
  });

  it('creates the array when the property is absent, and nests by a dotted key', () => {
    expect(patch(goblin(), { trait: { mode: 'appendArr', items: { name: 'Nimble Escape' } } }).record['trait']).toEqual([{ name: 'Nimble Escape' }]);
    expect(patch(goblin(), { 'speed.alternate.fly': { mode: 'appendArr', items: 30 } }).record['speed']).toEqual({ alternate: { fly: [30] } });
  });

  it('never shares the patch items with the record (a template patches many creatures)', () => {
    const item = { name: 'Bite', entries: ['bite'] };
    const { record } = patch(goblin(), { action: { mode: 'appendArr', items: item } });
    (record['action'] as Raw[])[2]!['name'] = 'Changed';
    expect(item.name).toBe('Bite');
  });
});

describe('appendIfNotExistsArr (_doMod_appendIfNotExistsArr)', () => {
  it('adds only the items not deep-equal to one already there', () => {
    const { record } = patch(goblin(), { languages: { mode: 'appendIfNotExistsArr', items: ['Goblin', 'Orc'] } });
    expect(record['languages']).toEqual(['Common', 'Goblin', 'Orc']);
    const objects = patch({ x: [{ a: 1, b: [2] }] }, { x: { mode: 'appendIfNotExistsArr', items: [{ b: [2], a: 1 }, { a: 2 }] } }).record;
    expect(objects['x']).toEqual([{ a: 1, b: [2] }, { a: 2 }]);
  });
});

describe('insertArr (_doMod_insertArr)', () => {
  it('inserts at index; -1 is the end', () => {
    expect(names(patch(goblin(), { action: { mode: 'insertArr', index: 1, items: { name: 'Bite' } } }).record)).toEqual(['Scimitar', 'Bite', 'Shortbow']);
    expect(names(patch(goblin(), { action: { mode: 'insertArr', index: -1, items: { name: 'Bite' } } }).record)).toEqual(['Scimitar', 'Shortbow', 'Bite']);
  });

  it('refuses a missing array (5etools throws): warning, record unchanged', () => {
    const { record, warnings } = patch(goblin(), { trait: { mode: 'insertArr', index: 0, items: { name: 'X' } } });
    expect(record).toEqual(goblin());
    expect(warnings).toEqual(['its _mod insertArr on "trait" was not applied: there is no "trait" array']);
  });
});

describe('replaceArr / replaceOrAppendArr (_doMod_replaceArr, _doMod_replaceOrAppendArr)', () => {
  it('replaces the item of that exact name by the items', () => {
    const { record } = patch(goblin(), { action: { mode: 'replaceArr', replace: 'Scimitar', items: [{ name: '+1 Scimitar' }, { name: 'Dagger' }] } });
    expect(names(record)).toEqual(['+1 Scimitar', 'Dagger', 'Shortbow']);
  });

  it('selects by {regex, flags} (first match) and by {index}; strings by value', () => {
    expect(names(patch(goblin(), { action: { mode: 'replaceArr', replace: { regex: '^short', flags: 'i' }, items: { name: 'Longbow' } } }).record)).toEqual(['Scimitar', 'Longbow']);
    expect(names(patch(goblin(), { action: { mode: 'replaceArr', replace: { index: 0 }, items: { name: 'Club' } } }).record)).toEqual(['Club', 'Shortbow']);
    expect(patch(goblin(), { languages: { mode: 'replaceArr', replace: 'Goblin', items: 'Orc' } }).record['languages']).toEqual(['Common', 'Orc']);
  });

  it('names match case-sensitively, as 5etools compares them; no match is a warning, nothing changed', () => {
    const { record, warnings } = patch(goblin(), { action: { mode: 'replaceArr', replace: 'scimitar', items: { name: 'X' } } });
    expect(names(record)).toEqual(['Scimitar', 'Shortbow']);
    expect(warnings).toEqual(['its _mod replaceArr on "action" was not applied: no "action" item "scimitar" to replace']);
  });

  it('replaceOrAppendArr appends when nothing matches (and creates the array)', () => {
    expect(names(patch(goblin(), { action: { mode: 'replaceOrAppendArr', replace: 'Claw', items: { name: 'Claw' } } }).record)).toEqual(['Scimitar', 'Shortbow', 'Claw']);
    expect(names(patch(goblin(), { action: { mode: 'replaceOrAppendArr', replace: 'Shortbow', items: { name: 'Longbow' } } }).record)).toEqual(['Scimitar', 'Longbow']);
    expect(patch(goblin(), { trait: { mode: 'replaceOrAppendArr', replace: 'X', items: { name: 'X' } } }).record['trait']).toEqual([{ name: 'X' }]);
  });
});

describe('removeArr (_doMod_removeArr)', () => {
  it('removes by names, or string items by value', () => {
    expect(names(patch(goblin(), { action: { mode: 'removeArr', names: 'Shortbow' } }).record)).toEqual(['Scimitar']);
    expect(patch(goblin(), { languages: { mode: 'removeArr', items: ['Goblin'] } }).record['languages']).toEqual(['Common']);
  });

  it('a name that is not there is a warning (the others are removed); with force it is not', () => {
    const { record, warnings } = patch(goblin(), { action: { mode: 'removeArr', names: ['Scimitar', 'Claw'] } });
    expect(names(record)).toEqual(['Shortbow']);
    expect(warnings).toEqual(['its _mod removeArr on "action" was not applied: no "action" item "Claw" to remove (the others were removed)']);
    expect(patch(goblin(), { action: { mode: 'removeArr', names: ['Claw'], force: true } }).warnings).toEqual([]);
  });

  it('needs names or items', () => {
    expect(patch(goblin(), { action: { mode: 'removeArr' } }).warnings).toEqual(['its _mod removeArr on "action" was not applied: it gives neither "names" nor "items"']);
  });
});

describe('renameArr (_doMod_renameArr)', () => {
  it('renames items by name; a missing one is a warning, the others are renamed', () => {
    const { record, warnings } = patch(goblin(), {
      action: { mode: 'renameArr', renames: [{ rename: 'Shortbow', with: 'Sling' }, { rename: 'Bite', with: 'Claw' }] },
    });
    expect(record['action']).toEqual([
      { name: 'Scimitar', entries: ['slash'] },
      { name: 'Sling', entries: ['shoot'] },
    ]);
    expect(warnings).toEqual(['its _mod renameArr on "action" was not applied: no "action" item "Bite" to rename (the others were renamed)']);
  });
});
