/**
 * A catalog to read from, with the inputs the read scenarios cycle through. Inputs are taken from
 * the stored rows themselves (ids, class/level pairs, creature types, name prefixes), so the same
 * scenarios run on the synthetic rows and on an imported 5etools folder.
 */
import type Database from 'better-sqlite3';
import type { Catalog } from '../src-main/db/catalog';
import { random } from './seed';

export interface Dataset {
  label: string;
  catalog: Catalog;
  sqlite: Database.Database;
  spellIds: string[];
  spellsByClassLevel: { className: string; level: number }[];
  creaturesByCrType: { crMin: number; crMax: number; type: string }[];
  spellNamePrefixes: string[];
}

const CR_RANGES: [number, number][] = [
  [0, 1],
  [1, 4],
  [2, 8],
  [5, 10],
  [10, 20],
  [0, 30],
];

/** Fixed-seed shuffle, so consecutive calls do not walk the index in order. */
function shuffled<T>(items: T[], seed: number): T[] {
  const r = random(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function describeDataset(label: string, catalog: Catalog): Dataset {
  const sqlite = catalog.connection.sqlite;
  const spellIds = sqlite.prepare('SELECT id FROM spells').pluck().all() as string[];
  const spellsByClassLevel = sqlite
    .prepare(
      `SELECT c.class_name AS className, s.level AS level FROM spell_classes c JOIN spells s ON s.id = c.spell_id
       GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all() as Dataset['spellsByClassLevel'];
  const types = sqlite.prepare('SELECT DISTINCT type FROM creatures WHERE type IS NOT NULL ORDER BY 1').pluck().all() as string[];
  const spellNamePrefixes = sqlite
    .prepare('SELECT DISTINCT lower(substr(name, 1, 2)) FROM spells ORDER BY 1')
    .pluck()
    .all() as string[];
  return {
    label,
    catalog,
    sqlite,
    spellIds: shuffled(spellIds, 11),
    spellsByClassLevel: shuffled(spellsByClassLevel, 12),
    creaturesByCrType: shuffled(
      types.flatMap((type) => CR_RANGES.map(([crMin, crMax]) => ({ crMin, crMax, type }))),
      13,
    ),
    spellNamePrefixes: shuffled(spellNamePrefixes, 14),
  };
}

/** The i-th input, cycling. */
export function nth<T>(items: readonly T[], i: number): T {
  return items[i % items.length] as T;
}
