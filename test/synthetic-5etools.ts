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
