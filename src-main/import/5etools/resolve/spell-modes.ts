/**
 * Creature spell list `_mod` modes on the whole record (5etools `copyApplier._doMod_addSpells`,
 * `_doMod_replaceSpells`, `_doMod_removeSpells`). Spell lists live in a `spellcasting` block:
 * `spells: {"1": {slots, spells: [...]}}`, `will`/`constant`/`ritual: [...]`, and per-frequency
 * maps such as `daily: {"1e": [...], "2": [...]}`.
 */
import { copyJson as clone } from './walk';
import { isRecord } from '../raw';
import type { Raw } from '../types';
import { ModError } from './errors';
import type { ModeHandler } from './mode-types';

const AT_WILL = ['constant', 'will', 'ritual'] as const;
const FREQUENCIES = ['recharge', 'legendary', 'charges', 'rest', 'restLong', 'daily', 'weekly', 'monthly', 'yearly'] as const;
/** The keys 5etools reads in a frequency map: "1" … "9" and "1e" … "9e" (each use). */
const USES = Array.from({ length: 9 }, (_v, i) => [String(i + 1), `${i + 1}e`]).flat();

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** Case-insensitive order of spell names (5etools `SortUtil.ascSortLower`); non-text keeps its place. */
function sortSpells(list: unknown[]): unknown[] {
  const key = (x: unknown) => (typeof x === 'string' ? x.toLowerCase() : undefined);
  return [...list].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined || kb === undefined || ka === kb) return 0;
    return ka < kb ? -1 : 1;
  });
}

/** The spellcasting block a mode changes: the one named `name`, else the first. */
function block(record: Raw, name?: unknown): Raw {
  const blocks = record['spellcasting'];
  if (!Array.isArray(blocks) || blocks.length === 0) throw new ModError('the creature has no spellcasting');
  const found = name === undefined ? blocks[0] : blocks.find((b) => isRecord(b) && b['name'] === name);
  if (!isRecord(found)) throw new ModError(name === undefined ? 'its first spellcasting entry is not an object' : `the creature has no spellcasting named "${String(name)}"`);
  return found;
}

function objectAt(holder: Raw, key: string): Raw {
  const value = holder[key];
  if (isRecord(value)) return value;
  const created: Raw = {};
  holder[key] = created;
  return created;
}

export const SPELL_MODES: Readonly<Record<string, ModeHandler>> = {
  /**
   * `_doMod_addSpells` (into the block named `name`, else the first): per spell level, a level
   * that is new is taken whole, else each of its keys is taken when new, lists are joined and
   * sorted, other values (slots) replaced; at-will lists and frequency lists are appended to.
   */
  addSpells({ record, mod }) {
    const target = block(record, mod['name']);
    if (isRecord(mod['spells'])) {
      const levels = objectAt(target, 'spells');
      for (const [level, given] of Object.entries(mod['spells'])) {
        const have = levels[level];
        if (!isRecord(have) || !isRecord(given)) {
          levels[level] = clone(given);
          continue;
        }
        for (const [key, value] of Object.entries(given)) {
          const old = have[key];
          if (old === undefined || old === null || old === false || old === 0 || old === '') have[key] = clone(value);
          else if (Array.isArray(old)) have[key] = sortSpells([...old, ...clone(asArray(value))]);
          else if (typeof old === 'object') throw new ModError(`spells at level ${level}: "${key}" is not a list`);
          else have[key] = clone(value);
        }
      }
    }
    for (const prop of AT_WILL) {
      if (mod[prop] === undefined) continue;
      target[prop] = [...asArray(target[prop]), ...clone(asArray(mod[prop]))];
    }
    for (const prop of FREQUENCIES) {
      const given = mod[prop];
      if (!isRecord(given)) continue;
      const uses = objectAt(target, prop);
      for (const use of USES) {
        if (given[use] === undefined) continue;
        uses[use] = [...asArray(uses[use]), ...clone(asArray(given[use]))];
      }
    }
  },
  /**
   * `_doMod_replaceSpells` (first block): `spells: {"3": [{replace, with}]}` and
   * `daily: {"1e": [{replace, with}]}`; the list is sorted after each replacement; a spell that
   * is not there is an error (the other replacements are made).
   */
  replaceSpells({ record, mod }) {
    const target = block(record);
    const missing: string[] = [];
    const replaceIn = (list: unknown[], rules: unknown): unknown[] => {
      let out = list;
      for (const rule of asArray(rules)) {
        if (!isRecord(rule)) continue;
        const at = out.indexOf(rule['replace']);
        if (at < 0) {
          missing.push(String(rule['replace']));
          continue;
        }
        out = [...out];
        out.splice(at, 1, ...clone(asArray(rule['with'])));
        out = sortSpells(out);
      }
      return out;
    };
    if (isRecord(mod['spells']) && isRecord(target['spells'])) {
      const levels = target['spells'];
      for (const [level, rules] of Object.entries(mod['spells'])) {
        const have = levels[level];
        if (!isRecord(have)) continue;
        have['spells'] = replaceIn(asArray(have['spells']), rules);
      }
    }
    if (isRecord(mod['daily'])) {
      const daily = isRecord(target['daily']) ? target['daily'] : {};
      for (const use of USES) {
        if (mod['daily'][use] === undefined) continue;
        daily[use] = replaceIn(asArray(daily[use]), mod['daily'][use]);
      }
    }
    if (missing.length > 0) throw new ModError(`no spell ${missing.map((m) => `"${m}"`).join(', ')} to replace (the others were replaced)`);
  },
  /**
   * `_doMod_removeSpells` (first block): the given spells taken out of each level's list, of the
   * at-will lists and of the frequency lists. (5etools' own code leaves the at-will lists as they
   * are, an oversight no data relies on.)
   */
  removeSpells({ record, mod }) {
    const target = block(record);
    const without = (list: unknown, gone: unknown) => asArray(list).filter((x) => !asArray(gone).includes(x));
    if (isRecord(mod['spells']) && isRecord(target['spells'])) {
      for (const [level, gone] of Object.entries(mod['spells'])) {
        const have = target['spells'][level];
        if (isRecord(have) && Array.isArray(have['spells'])) have['spells'] = without(have['spells'], gone);
      }
    }
    for (const prop of AT_WILL) if (mod[prop] !== undefined && target[prop] !== undefined) target[prop] = without(target[prop], mod[prop]);
    for (const prop of FREQUENCIES) {
      const given = mod[prop];
      const uses = target[prop];
      if (!isRecord(given) || !isRecord(uses)) continue;
      for (const use of USES) if (given[use] !== undefined && uses[use] !== undefined) uses[use] = without(uses[use], given[use]);
    }
  },
};
