/**
 * A synthetic 5etools data folder of any size: one book (PHB) and `spellCount` spells in the real
 * 5etools shapes (spells.json, spell-sources.json, sources.json), for load tests of the importer
 * and the database host. Generated into a temporary folder; the real fixtures are never copied.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SCHOOLS = ['A', 'C', 'D', 'E', 'I', 'N', 'T', 'V'];
const CLASSES = ['Bard', 'Cleric', 'Druid', 'Sorcerer', 'Warlock', 'Wizard'];

function spell(index: number) {
  const level = index % 10;
  return {
    name: `Synthetic Spell ${String(index).padStart(5, '0')}`,
    source: 'PHB',
    page: 200 + (index % 100),
    srd: true,
    level,
    school: SCHOOLS[index % SCHOOLS.length],
    time: [{ number: 1, unit: 'action' }],
    range: { type: 'point', distance: { type: 'feet', amount: 30 + (index % 5) * 30 } },
    components: { v: true, s: index % 2 === 0, m: index % 3 === 0 ? 'a pinch of powdered iron' : undefined },
    duration: [{ type: 'timed', duration: { type: 'minute', amount: 1 }, concentration: index % 4 === 0 }],
    meta: { ritual: index % 7 === 0 },
    entries: [
      `A synthetic spell for load tests. A target must succeed on a {@dc ${10 + (index % 10)}} Dexterity saving throw or take {@damage ${1 + (index % 8)}d6} fire damage.`,
      { type: 'entries', name: 'Detail', entries: ['On a success, the target takes half as much damage.'] },
    ],
    entriesHigherLevel:
      level > 0
        ? [{ type: 'entries', name: 'At Higher Levels', entries: ['The damage increases by {@scaledamage 1d6|1-9|1d6} for each slot level above the first.'] }]
        : undefined,
    damageInflict: ['fire'],
    savingThrow: ['dexterity'],
  };
}

/** Writes the folder and returns the spell names' common prefix. */
export function writeSyntheticSpellData(dir: string, spellCount: number): { prefix: string } {
  mkdirSync(dir, { recursive: true });
  const spells = Array.from({ length: spellCount }, (_, i) => spell(i));
  const lookup: Record<string, Record<string, { class: { name: string; source: string }[] }>> = { PHB: {} };
  for (const [i, { name }] of spells.entries()) {
    lookup['PHB']![name] = { class: [{ name: CLASSES[i % CLASSES.length]!, source: 'PHB' }] };
  }
  writeFileSync(
    join(dir, 'sources.json'),
    JSON.stringify({
      book: [{ name: "Player's Handbook (2014)", id: 'PHB', source: 'PHB', group: 'core', published: '2014-08-19', author: 'Wizards RPG Team' }],
    }),
  );
  writeFileSync(join(dir, 'spells.json'), JSON.stringify({ spell: spells }));
  writeFileSync(join(dir, 'spell-sources.json'), JSON.stringify(lookup));
  return { prefix: 'Synthetic Spell' };
}

/** A tiny 5etools data folder (real SRD shapes): one book, two spells and their class lists. Returns `dir`. */
export function writeTwoSpellFolder(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const json = (name: string, value: unknown) => writeFileSync(join(dir, name), JSON.stringify(value, null, '\t'));
  json('sources.json', {
    book: [
      {
        name: "Player's Handbook (2014)",
        id: 'PHB',
        source: 'PHB',
        group: 'core',
        published: '2014-08-19',
        author: 'Wizards RPG Team',
      },
    ],
  });
  json('spells.json', {
    spell: [
      {
        name: 'Acid Splash',
        source: 'PHB',
        page: 211,
        srd: true,
        level: 0,
        school: 'C',
        time: [{ number: 1, unit: 'action' }],
        range: { type: 'point', distance: { type: 'feet', amount: 60 } },
        components: { v: true, s: true },
        duration: [{ type: 'instant' }],
        entries: [
          'You hurl a bubble of acid. A target must succeed on a Dexterity saving throw or take {@damage 1d6} acid damage.',
        ],
        damageInflict: ['acid'],
        savingThrow: ['dexterity'],
      },
      {
        name: 'Aid',
        source: 'PHB',
        page: 211,
        srd: true,
        level: 2,
        school: 'A',
        time: [{ number: 1, unit: 'action' }],
        range: { type: 'point', distance: { type: 'feet', amount: 30 } },
        components: { v: true, s: true, m: 'a tiny strip of white cloth' },
        duration: [{ type: 'timed', duration: { type: 'hour', amount: 8 } }],
        entries: ["Each target's hit point maximum and current hit points increase by 5 for the duration."],
        entriesHigherLevel: [
          {
            type: 'entries',
            name: 'At Higher Levels',
            entries: ["A target's hit points increase by an additional 5 for each slot level above 2nd."],
          },
        ],
      },
    ],
  });
  json('spell-sources.json', {
    PHB: {
      'Acid Splash': {
        class: [
          { name: 'Sorcerer', source: 'PHB' },
          { name: 'Wizard', source: 'PHB' },
        ],
      },
      Aid: {
        class: [
          { name: 'Cleric', source: 'PHB' },
          { name: 'Paladin', source: 'PHB' },
        ],
      },
    },
  });
  return dir;
}
