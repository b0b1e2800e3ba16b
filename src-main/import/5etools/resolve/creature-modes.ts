/**
 * Creature `_mod` modes on the whole record (5etools `copyApplier._doMod_addSenses`,
 * `_doMod_addSaves`, `_doMod_addSkills`, `_doMod_addAllSaves`, `_doMod_addAllSkills`,
 * `_doMod_maxSize`, `_doMod_scalarMultXp`).
 */
import { isRecord } from '../raw';
import type { Raw } from '../types';
import { ABILITIES, abilityMod, crToPb, crToXp, SIZES, SKILL_ABILITY, signed } from './creature-math';
import { ModError } from './errors';
import type { ModeHandler } from './mode-types';

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/**
 * Proficiency (1) or expertise (2) in each key: bonus = level × PB(CR) + ability modifier; an
 * existing bonus is raised to it, never lowered. 5etools writes a negative result as a number;
 * it is written `"-1"` here like every other bonus.
 */
function addProficiencies(record: Raw, prop: 'save' | 'skill', given: unknown, abilityOf: (key: string) => string | undefined): void {
  if (!isRecord(given)) throw new ModError(`it gives no ${prop === 'save' ? '"saves"' : '"skills"'} object`);
  const have: Raw = isRecord(record[prop]) ? { ...record[prop] } : {};
  const pb = crToPb(record['cr']) ?? 0;
  const unknown: string[] = [];
  for (const [key, level] of Object.entries(given)) {
    const abil = abilityOf(key);
    if (abil === undefined) {
      unknown.push(key);
      continue;
    }
    const total = Number(level) * pb + abilityMod(record[abil]);
    if (!Number.isFinite(total)) {
      unknown.push(key);
      continue;
    }
    if (have[key] === undefined || have[key] === null || have[key] === '' || Number(have[key]) < total) have[key] = signed(total);
  }
  record[prop] = have;
  if (unknown.length > 0) throw new ModError(`cannot compute ${unknown.map((k) => `"${k}"`).join(', ')} (the others were added)`);
}

const abilityOfSave = (key: string) => (ABILITIES as readonly string[]).includes(key) ? key : undefined;
const abilityOfSkill = (key: string) => SKILL_ABILITY[key];

export const CREATURE_MODES: Readonly<Record<string, ModeHandler>> = {
  /**
   * `_doMod_addSenses`: `senses: [{type, range}]`; a sense of that type already listed is raised
   * to the range when shorter, else `"<type> <range> ft."` is appended.
   */
  addSenses({ record, mod }) {
    const senses = asArray(record['senses']).slice();
    for (const sense of asArray(mod['senses'])) {
      if (!isRecord(sense) || typeof sense['type'] !== 'string') throw new ModError('a sense has no "type"');
      const type = sense['type'];
      const range = Number(sense['range']);
      const text = `${type} ${String(sense['range'])} ft.`;
      const pattern = new RegExp(`${type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)`, 'i');
      const at = senses.findIndex((s) => typeof s === 'string' && pattern.test(s));
      if (at < 0) senses.push(text);
      else if (Number(pattern.exec(senses[at] as string)?.[1]) < range) senses[at] = text;
    }
    record['senses'] = senses;
  },
  addSaves({ record, mod }) {
    addProficiencies(record, 'save', mod['saves'], abilityOfSave);
  },
  addSkills({ record, mod }) {
    addProficiencies(record, 'skill', mod['skills'], abilityOfSkill);
  },
  /** `_doMod_addAllSaves`: `saves` (1 or 2) for all six abilities. */
  addAllSaves({ record, mod }) {
    addProficiencies(record, 'save', Object.fromEntries(ABILITIES.map((a) => [a, mod['saves']])), abilityOfSave);
  },
  /** `_doMod_addAllSkills`: `skills` (1 or 2) for all eighteen skills. */
  addAllSkills({ record, mod }) {
    addProficiencies(record, 'skill', Object.fromEntries(Object.keys(SKILL_ABILITY).map((s) => [s, mod['skills']])), abilityOfSkill);
  },
  /** `_doMod_maxSize`: sizes above `max` dropped; none left → `[max]`. */
  maxSize({ record, mod }) {
    const max = SIZES.indexOf(mod['max'] as (typeof SIZES)[number]);
    const current = asArray(record['size']).map((s) => SIZES.indexOf(s as (typeof SIZES)[number]));
    if (max < 0 || current.some((i) => i < 0)) throw new ModError(`a size is not one of ${SIZES.join(', ')}`);
    const kept = [...current].sort((a, b) => a - b).filter((i) => i <= max);
    record['size'] = (kept.length > 0 ? kept : [max]).map((i) => SIZES[i]);
  },
  /** `_doMod_scalarMultXp`: the XP (own, else the CR's) × `scalar` (rounded down with `floor`), kept in `cr.xp`. */
  scalarMultXp({ record, mod }) {
    const scalar = Number(mod['scalar']);
    if (!Number.isFinite(scalar)) throw new ModError('its "scalar" is not a number');
    const xp = crToXp(record['cr']);
    if (xp === null) throw new ModError('the creature has no CR to take the XP from');
    const out = mod['floor'] === true ? Math.floor(xp * scalar) : xp * scalar;
    record['cr'] = isRecord(record['cr']) ? { ...record['cr'], xp: out } : { cr: record['cr'], xp: out };
  },
};
