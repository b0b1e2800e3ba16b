/** The entries renderer and inline markup on hand-written and hostile input (rendered to HTML with preact-render-to-string). */
import fc from 'fast-check';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Entries } from './Entries';
import type { LinkResolver } from './links';
import { referenceResolver } from './links';

const html = (entries: unknown, resolve?: LinkResolver): string => renderToString(<Entries entries={entries} resolve={resolve} />);
/** The text a reader sees: tags dropped, entities decoded. */
const text = (markup: string): string =>
  markup
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const fireball: LinkResolver = (reference) => (reference.catalogKind === 'spells' && reference.name.toLowerCase() === 'fireball' ? { kind: 'spells', id: 'fireball-phb' } : undefined);

describe('inline markup', () => {
  it('prints dice, attacks, hits, DCs and recharge as the book does', () => {
    const out = text(html(['{@atk mw} {@hit 14} to hit, reach 10 ft. {@h}19 ({@damage 2d10 + 8}) piercing damage. {@dc 19} Wisdom. {@recharge 5} {@dice 1d4;2d4}']));
    expect(out).toBe('Melee Weapon Attack: +14 to hit, reach 10 ft. Hit: 19 (2d10 + 8) piercing damage. DC 19 Wisdom. (Recharge 5\u20136) 1d4/2d4');
  });

  it('renders saving-throw labels, variant rules, filters and styling', () => {
    const out = html(['{@actSave dex} {@actSaveFail} 10 damage. {@actSaveSuccess} half. {@variantrule Hit Points|XPHB} {@filter martial weapons|items|type=martial} {@b bold {@i nested}} {@s struck}']);
    expect(text(out)).toBe('Dexterity Saving Throw: Failure: 10 damage. Success: half. Hit Points martial weapons bold nested struck');
    expect(out).toContain('<strong>bold <em>nested</em></strong>');
    expect(out).toContain('<s>struck</s>');
  });

  it('links entity tags the resolver finds, showing the display part, and marks the others', () => {
    const out = html(['{@spell fireball|PHB|a ball of fire} and {@spell Wish} and {@condition frightened}'], fireball);
    expect(out).toContain('<a class="entity-link" href="#/spells?sel=fireball-phb">a ball of fire</a>');
    expect(out).toMatch(/<span class="entity-unresolved" title="Spell \u201cWish\u201d: not in the catalog">Wish<\/span>/);
    expect(out).toMatch(/title="Condition \u201cfrightened\u201d: not in the catalog">frightened</);
    expect(text(out)).toBe('a ball of fire and Wish and frightened');
  });

  it('never nests a link inside a link', () => {
    const out = html(['{@spell fireball|PHB|see {@spell fireball}}'], fireball);
    expect(out.match(/<a /g)?.length).toBe(1);
    expect(text(out)).toBe('see fireball');
  });

  it('keeps malformed markup readable and never shows an unclosed tag as raw markup', () => {
    expect(text(html(['{@b never closed', 'a } stray brace', '{@} empty', '{@spell}']))).toBe('never closeda } stray brace{@} empty');
    expect(text(html(['{@unknownTag its text|extra}']))).toBe('its text');
  });

  it('bounds nesting: deep input renders without exhausting the stack', () => {
    const deep = `${'{@b '.repeat(5000)}core${'}'.repeat(5000)}`;
    expect(() => html([deep])).not.toThrow();
    const nest = (levels: number): unknown => Array.from({ length: levels }).reduce<unknown>((inner) => ({ type: 'entries', entries: [inner] }), 'bottom');
    expect(text(html(nest(90)))).toContain('bottom');
    expect(() => html(nest(5000))).not.toThrow();
  });
});

describe('entries', () => {
  it('renders named sections as headings, deeper names inline, lists, and items with names', () => {
    const out = html([
      { type: 'entries', name: 'Section', entries: ['Intro.', { type: 'entries', name: 'Sub', entries: [{ type: 'entries', name: 'Deep', entries: ['Deep text.'] }] }] },
      { type: 'list', items: ['one', { type: 'item', name: 'Named', entry: 'two' }, { type: 'itemSub', name: 'Sub item', entries: ['three'] }] },
    ]);
    expect(out).toContain('<h3 class="entry-heading">Section</h3>');
    expect(out).toContain('<h4 class="entry-heading">Sub</h4>');
    expect(out).toContain('<strong class="entry-title"><em>Deep.</em></strong> Deep text.');
    expect(out).toContain('<li>one</li>');
    expect(text(out)).toContain('Named. two');
    expect(text(out)).toContain('Sub item. three');
  });

  it('renders tables with caption, column labels, roll cells and markup in cells', () => {
    const out = html([
      { type: 'table', caption: 'Wild Magic', colLabels: ['{@dice d100}', 'Effect'], rows: [[{ type: 'cell', roll: { min: 1, max: 2 } }, 'Roll on {@b this} table'], [{ type: 'cell', roll: { exact: 3 } }, 'x']] },
    ]);
    expect(out).toContain('<caption>Wild Magic</caption>');
    expect(out).toContain('<th scope="col"><span class="markup-roll">d100</span></th>');
    expect(out).toContain('<td>1\u20132</td>');
    expect(out).toContain('<td>Roll on <strong>this</strong> table</td>');
  });

  it('renders insets, read-aloud boxes, quotes, options, inline entries and ability lines', () => {
    const out = html([
      { type: 'inset', name: 'Sidebar', entries: ['Aside.'] },
      { type: 'insetReadaloud', entries: ['Read this.'] },
      { type: 'quote', entries: ['To be.'], by: 'Someone', from: 'A Book' },
      { type: 'options', entries: [{ type: 'entries', name: 'Option A', entries: ['A.'] }] },
      { type: 'inline', entries: ['one ', { type: 'link', text: 'two' }, ' three'] },
      { type: 'abilityDc', name: 'Spell', attributes: ['int', 'wis'] },
      { type: 'abilityAttackMod', name: 'Spell', attributes: ['cha'] },
    ]);
    expect(out).toContain('<aside class="entry-inset" aria-label="Sidebar">');
    expect(out).toContain('<aside class="entry-read-aloud" aria-label="Read aloud">');
    expect(text(out)).toContain('\u2014 Someone, A Book');
    expect(text(out)).toContain('Option A. A.');
    expect(text(out)).toContain('one two three');
    expect(text(out)).toContain('Spell save DC = 8 + your proficiency bonus + your Intelligence or Wisdom modifier');
    expect(text(out)).toContain('Spell attack modifier = your proficiency bonus + your Charisma modifier');
  });

  it('shows the text of unknown entry types, never their JSON', () => {
    const out = html([{ type: 'flowchart', name: 'Steps', blocks: [{ type: 'flowBlock', name: 'One', entries: ['First {@b step}'] }], entries: ['Then.'] }, { weird: { nested: 1 } }]);
    expect(text(out)).toContain('Steps');
    expect(text(out)).toContain('Then.');
    expect(out).not.toContain('{&quot;');
    expect(out).not.toContain('weird');
  });

  it('accepts any value at all without throwing', () => {
    for (const value of [null, undefined, 42, true, 'plain', {}, [], [null, [undefined, 3]], { type: 42 }, { type: 'table', rows: 'x' }, { type: 'list', items: { a: 1 } }]) {
      expect(() => html(value)).not.toThrow();
    }
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        // Text may hold braces and quotes itself; what must never appear is an object's JSON.
        fc.pre(!hasBraceText(value));
        const out = html(value);
        expect(out).not.toContain('{&quot;');
      }),
      { numRuns: 300 },
    );
  });
});

/** Whether some string inside `value` holds `{` or `"` (such text may legitimately show them). */
function hasBraceText(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{') || value.includes('"');
  if (Array.isArray(value)) return value.some(hasBraceText);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasBraceText);
  return false;
}

describe('referenceResolver', () => {
  it('maps tags to stored targets by kind, name and source, then by name alone, and leaves broken ones unresolved', () => {
    const resolve = referenceResolver([
      { kind: 'spells', id: 'fireball-phb', name: 'Fireball', referenceType: 'grants', context: '{@spell fireball}', broken: false },
      { kind: 'creatures', id: 'goblin-mm', name: 'Goblin', referenceType: 'mentions', context: '{@creature Goblin|MM|goblins}', broken: false },
      { kind: 'spells', id: 'wish-phb', name: null, referenceType: 'mentions', context: '{@spell wish}', broken: true },
    ]);
    const ref = (raw: string) => html([raw], resolve);
    expect(ref('{@spell Fireball|PHB|boom}')).toContain('href="#/spells?sel=fireball-phb"');
    expect(ref('{@creature goblin}')).toContain('href="#/creatures?sel=goblin-mm"');
    expect(ref('{@spell wish}')).toContain('entity-unresolved');
    expect(ref('{@item fireball}')).toContain('entity-unresolved');
  });

  it('does not guess between two targets of the same name', () => {
    const resolve = referenceResolver([
      { kind: 'spells', id: 'fireball-phb', name: 'Fireball', referenceType: 'mentions', context: '{@spell fireball}', broken: false },
      { kind: 'spells', id: 'fireball-xphb', name: 'Fireball', referenceType: 'mentions', context: '{@spell fireball|XPHB}', broken: false },
    ]);
    expect(html(['{@spell fireball|XPHB}'], resolve)).toContain('fireball-xphb');
    expect(html(['{@spell fireball|PHB}'], resolve)).toContain('fireball-phb');
    expect(html(['{@spell fireball|XGE}'], resolve)).toContain('entity-unresolved');
  });
});
