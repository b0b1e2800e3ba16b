/** Spells: `spell[]` plus the class lists of the spell-source lookup. */
import type { InsertOf } from '../../../src-shared/catalog/define';
import type { spellEntity } from '../../../src-shared/catalog/entities';
import type { ImportContext } from './context';
import { recordId } from './ids';
import { int, isRecord, list, orNull, refKey, str } from './raw';
import { mapEach } from './map-records';
import type { Mapped, Raw } from './types';

export type SpellInsert = InsertOf<typeof spellEntity>;

/** Lower-cased class names by `spell name|spell source` (lower-cased). */
export type SpellClassLookup = Map<string, string[]>;

/**
 * Reads the spell-source lookup. Two layouts exist and both are accepted:
 * - `{PHB: {Fireball: {class: [{name: "Wizard", source: "PHB"}, …], classVariant: […]}}}`
 *   (`spells/sources.json`, and the fixture's `spell-sources.json`);
 * - `{phb: {fireball: {class: {PHB: {Wizard: true, …}}, classVariant: {PHB: {Bard: {definedInSources: ["XGE"]}}}}}}`
 *   (`generated/gendata-spell-source-lookup.json`).
 *
 * A spell's classes are its `class` list plus the `classVariant` entries its own book defines
 * (`definedInSource` = the spell's source): XGE, TCE, FTD and BMT give their new spells' class
 * lists only there, and 5etools shows them as the spell's classes. `classVariant` entries of
 * another book (TCE's optional expanded lists for PHB spells) and `subclass` lists are not the
 * class's own spell list and stay out.
 */
export function buildSpellClassLookup(lookups: unknown[]): SpellClassLookup {
  const out: SpellClassLookup = new Map();
  for (const lookup of lookups) {
    if (!isRecord(lookup)) continue;
    for (const [source, spells] of Object.entries(lookup)) {
      if (!isRecord(spells) || source.startsWith('_')) continue;
      const own = source.toLowerCase();
      for (const [name, info] of Object.entries(spells)) {
        if (!isRecord(info)) continue;
        const names: string[] = [];
        const classes = info['class'];
        if (Array.isArray(classes)) {
          for (const entry of classes) if (isRecord(entry) && typeof entry['name'] === 'string') names.push(entry['name']);
        } else if (isRecord(classes)) {
          for (const byName of Object.values(classes)) if (isRecord(byName)) names.push(...Object.keys(byName));
        }
        const variants = info['classVariant'];
        if (Array.isArray(variants)) {
          for (const entry of variants) {
            if (isRecord(entry) && typeof entry['name'] === 'string' && str(entry['definedInSource'])?.toLowerCase() === own) names.push(entry['name']);
          }
        } else if (isRecord(variants)) {
          for (const byName of Object.values(variants)) {
            if (!isRecord(byName)) continue;
            for (const [className, detail] of Object.entries(byName)) {
              const defined = isRecord(detail) ? list(detail['definedInSources']) : undefined;
              if (defined?.some((d) => typeof d === 'string' && d.toLowerCase() === own)) names.push(className);
            }
          }
        }
        const key = refKey(name, source);
        const merged = [...(out.get(key) ?? [])];
        for (const className of names.map((n) => n.toLowerCase())) if (!merged.includes(className)) merged.push(className);
        out.set(key, merged);
      }
    }
  }
  return out;
}

export function mapSpells(spells: Raw[], classes: SpellClassLookup, ctx: ImportContext): Mapped<SpellInsert> {
  return mapEach('spells', spells, ctx, (spell) => mapSpell(spell, classes, ctx));
}

export function mapSpell(spell: Raw, classes: SpellClassLookup, ctx: ImportContext): SpellInsert | undefined {
  const name = str(spell['name']);
  const placement = ctx.placement('spells', spell);
  if (!placement) return undefined;
  if (name === undefined) {
    ctx.skip('spells', spell, 'the spell has no name');
    return undefined;
  }
  const level = int(spell['level']);
  if (level === undefined) {
    ctx.skip('spells', spell, 'the spell has no level');
    return undefined;
  }
  const id = ctx.id('spells', spell, () => recordId(name, placement.sourceId));
  if (id === undefined) return undefined;
  const duration = list(spell['duration']);
  const meta = isRecord(spell['meta']) ? spell['meta'] : {};
  return {
    id,
    name,
    ...placement,
    page: orNull(int(spell['page'])),
    entries: (list(spell['entries']) ?? []) as SpellInsert['entries'],
    level,
    school: orNull(str(spell['school'])),
    castingTime: orNull(spell['time']),
    range: orNull(spell['range']),
    components: orNull(spell['components']),
    duration: orNull(duration),
    isRitual: meta['ritual'] === true,
    isConcentration: (duration ?? []).some((d) => isRecord(d) && d['concentration'] === true),
    savingThrow: orNull(spell['savingThrow']),
    damageType: orNull(spell['damageInflict']),
    upcastInfo: orNull(spell['entriesHigherLevel']),
    classes: classes.get(refKey(name, str(spell['source']))) ?? [],
    ...ctx.editions('spells', spell),
  };
}
