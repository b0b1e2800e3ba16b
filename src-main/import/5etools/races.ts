/**
 * Races: `race[]` and `subrace[]`. A named subrace becomes its own row, merged with its race
 * ("Elf (High)"); a subrace without a name is the race's standard form in 5etools (it is shown
 * under the race's own name), so it is merged into the race's row. `_versions` of either become
 * rows of their own (the ten "Dragonborn (Black)" … colours).
 */
import type { InsertOf } from '../../../src-shared/catalog/define';
import type { raceEntity } from '../../../src-shared/catalog/entities';
import type { ImportContext } from './context';
import { childId, recordId } from './ids';
import { clone, int, isRecord, list, orNull, refKey, str } from './raw';
import type { Mapped, Raw } from './types';

export type RaceInsert = InsertOf<typeof raceEntity>;

/** Merged index by index, child keys winning: `[{con: 2}]` + `[{wis: 1}]` → `[{con: 2, wis: 1}]`. */
function mergeByIndex(parent: unknown, child: unknown[]): unknown[] {
  const base = list(parent);
  if (!base || base.length === 0) return clone(child);
  if (base.length === 1) return child.map((c) => (isRecord(c) && isRecord(base[0]) ? { ...clone(base[0]), ...clone(c) } : clone(c)));
  if (base.length === child.length) return child.map((c, i) => (isRecord(c) && isRecord(base[i]) ? { ...clone(base[i]), ...clone(c) } : clone(c)));
  return clone(child);
}

/** Keys a subrace record has that are about the record, not the merged race. */
const SUBRACE_OWN = new Set(['name', 'source', 'page', 'raceName', 'raceSource', 'overwrite', '_versions', '_copy', '_versionOf']);
/** Array properties merged index by index unless the subrace `overwrite`s them. */
const INDEX_MERGED = new Set(['ability', 'languageProficiencies', 'skillProficiencies', 'toolProficiencies', 'weaponProficiencies', 'armorProficiencies']);

/**
 * A subrace merged with its race, as 5etools merges them: the subrace's values win; ability
 * bonuses and proficiency lists are merged index by index (unless `overwrite` says replace);
 * entries are appended, except one marked `data.overwrite: "<name>"`, which replaces the race's
 * entry of that name; trait tags are combined.
 */
export function mergeSubrace(race: Raw, subrace: Raw): Raw {
  const out = clone(race);
  delete out['_versions'];
  const overwrite = isRecord(subrace['overwrite']) ? subrace['overwrite'] : {};
  for (const [key, value] of Object.entries(subrace)) {
    if (SUBRACE_OWN.has(key) || value === undefined) continue;
    if (INDEX_MERGED.has(key) && Array.isArray(value) && overwrite[key] !== true) out[key] = mergeByIndex(out[key], value);
    else if (key === 'entries' && Array.isArray(value)) {
      const entries = [...(list(out['entries']) ?? [])];
      for (const entry of value) {
        const data = isRecord(entry) && isRecord(entry['data']) ? entry['data'] : undefined;
        const replaces = typeof data?.['overwrite'] === 'string' ? data['overwrite'].toLowerCase() : undefined;
        const at = replaces === undefined ? -1 : entries.findIndex((e) => isRecord(e) && str(e['name'])?.toLowerCase() === replaces);
        if (at >= 0) entries[at] = clone(entry);
        else entries.push(clone(entry));
      }
      out['entries'] = entries;
    } else if (key === 'traitTags' && Array.isArray(value)) {
      const tags = [...(list(out['traitTags']) ?? [])];
      for (const tag of value) if (!tags.includes(tag)) tags.push(tag);
      out['traitTags'] = tags;
    } else out[key] = clone(value);
  }
  const subName = str(subrace['name']);
  out['name'] = subName ? `${str(race['name']) ?? ''} (${subName})` : race['name'];
  out['source'] = subrace['source'] ?? race['source'];
  out['page'] = subrace['page'] ?? race['page'];
  if (subrace['_versions'] !== undefined) out['_versions'] = clone(subrace['_versions']);
  return out;
}

interface RaceRowLink {
  raceType: 'race' | 'subrace';
  parentRaceId: string | null;
}

/**
 * The versions of a merged subrace, each carrying `_versionOf`: a subrace's `_versions` patch
 * the race merged with the subrace, as 5etools applies them, so the resolve stage leaves them
 * to this merge (resolve/index.ts `versionsOf`, which the pipeline passes in).
 */
export type SubraceVersions = (merged: Raw) => Raw[];

function withVersions(merged: Raw, subrace: Raw): Raw | undefined {
  return subrace['_versions'] === undefined ? undefined : merged;
}

export function mapRaces(races: Raw[], subraces: Raw[], ctx: ImportContext, versionsOf: SubraceVersions = () => []): Mapped<RaceInsert> {
  const skip = (record: Raw, reason: string) => ctx.skip('races', record, reason);
  const byKey = new Map<string, Raw>();
  for (const race of races) if (race['_versionOf'] === undefined) byKey.set(refKey(str(race['name']), str(race['source'])), race);

  // Subraces by their race; nameless ones fold into the race's own row.
  const folded = new Map<Raw, Raw>();
  const named: { race: Raw; subrace: Raw }[] = [];
  const foldedVersions: { race: Raw; merged: Raw }[] = [];
  ctx.each('races', subraces, (subrace) => {
    const raceName = str(subrace['raceName']);
    const raceSource = str(subrace['raceSource']) ?? str(subrace['source']);
    const race = byKey.get(refKey(raceName, raceSource));
    if (!race) {
      skip(
        { name: str(subrace['name']) ?? raceName ?? '(unnamed)', source: str(subrace['source']) ?? '?' },
        `its race ${raceName ?? '?'}|${raceSource ?? '?'} is not in the data`,
      );
      return;
    }
    if (str(subrace['name'])) named.push({ race, subrace });
    else if (refKey(str(subrace['source'])) !== refKey(str(race['source']))) {
      // Folding it would move the race to another book; 5etools has no such case today.
      skip(
        { name: raceName ?? '(unnamed)', source: str(subrace['source']) ?? '?' },
        `it is a subrace without a name from another book than its race ${raceName ?? '?'}|${raceSource ?? '?'}`,
      );
    } else {
      const merged = mergeSubrace(folded.get(race) ?? race, subrace);
      const { _versions: _ignored, ...withoutVersions } = merged;
      folded.set(race, withoutVersions);
      const versioned = withVersions(merged, subrace);
      if (versioned) foldedVersions.push({ race, merged: versioned });
    }
  });

  const rows: RaceInsert[] = [];
  let generated = 0;
  const ids = new Map<Raw, string>();
  ctx.each('races', races, (race) => {
    if (race['_versionOf'] !== undefined) generated += 1;
    const row = mapRace(folded.get(race) ?? race, { raceType: 'race', parentRaceId: null }, ctx, recordId);
    if (!row) return;
    ids.set(race, row.id);
    rows.push(row);
  });

  const asSubrace = (race: Raw): RaceRowLink | undefined => {
    const parentRaceId = ids.get(race);
    return parentRaceId === undefined ? undefined : { raceType: 'subrace', parentRaceId };
  };
  const mapVersions = (race: Raw, merged: Raw, link: RaceRowLink | undefined) => {
    for (const version of versionsOf(merged)) {
      generated += 1;
      ctx.guard('races', version, () => {
        // A version of a race that was not imported is reported, never silently lost.
        if (!link) skip(version, `it is a version of ${str(merged['name']) ?? '?'}, whose race ${str(race['name']) ?? '?'}|${str(race['source']) ?? '?'} was not imported`);
        else {
          const row = mapRace(version, link, ctx, recordId);
          if (row) rows.push(row);
        }
      });
    }
  };
  for (const { race, merged } of foldedVersions) ctx.guard('races', merged, () => mapVersions(race, merged, asSubrace(race)));
  for (const { race, subrace } of named) {
    ctx.guard('races', subrace, () => {
      const link = asSubrace(race);
      const merged = mergeSubrace(race, subrace);
      const { _versions: _held, ...plain } = merged;
      if (!link) skip(plain, `its race ${str(race['name']) ?? '?'}|${str(race['source']) ?? '?'} was not imported`);
      else {
        const parent = { name: str(race['name']) ?? '', source: str(race['source']) ?? '' };
        const row = mapRace(plain, link, ctx, (_name, source) => childId(parent, str(subrace['name']) ?? '', source));
        if (row) rows.push(row);
      }
      const versioned = withVersions(merged, subrace);
      if (versioned) mapVersions(race, versioned, link);
    });
  }
  const versionsRead = races.filter((r) => r['_versionOf'] !== undefined).length;
  return { rows, read: races.length - versionsRead + subraces.length, generated };
}

function mapRace(
  race: Raw,
  link: RaceRowLink,
  ctx: ImportContext,
  makeId: (name: string, source: string) => string,
): RaceInsert | undefined {
  const name = str(race['name']);
  const placement = ctx.placement('races', race);
  if (!placement) return undefined;
  if (name === undefined) {
    ctx.skip('races', race, 'the race has no name');
    return undefined;
  }
  const id = ctx.id('races', race, () => makeId(name, placement.sourceId));
  if (id === undefined) return undefined;
  const size = list(race['size'])?.[0] ?? race['size'];
  return {
    id,
    name,
    ...placement,
    page: orNull(int(race['page'])),
    entries: (list(race['entries']) ?? []) as RaceInsert['entries'],
    ...link,
    size: orNull(str(size)),
    speed: orNull(race['speed']),
    abilityScores: orNull(race['ability']),
    age: orNull(race['age']),
    alignmentTendency: null,
    languageProficiencies: orNull(race['languageProficiencies']),
    traitTags: orNull(race['traitTags']),
    ...ctx.editions('races', race),
  };
}
