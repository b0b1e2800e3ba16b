/** Creatures: `monster[]` (with `_copy` and `_versions` resolved) and their legendary groups. */
import type { InsertOf } from '../../../src-shared/catalog/define';
import { challengeRating, challengeRatingValue, type creatureEntity } from '../../../src-shared/catalog/entities/creatures';
import type { ImportContext } from './context';
import { recordId } from './ids';
import { mapEach } from './map-records';
import { int, isRecord, list, orNull, refKey, str } from './raw';
import type { Mapped, Raw } from './types';

export type CreatureInsert = InsertOf<typeof creatureEntity>;

/** Proficiency bonus by challenge rating (DMG): +2 up to CR 4, +1 per 4 CR after, +9 at CR 29-30. */
export function proficiencyBonusForCr(cr: string): number {
  const value = challengeRatingValue(cr);
  return value < 1 ? 2 : 2 + Math.floor((value - 1) / 4);
}

type GroupLookup = Map<string, Raw | { unresolved: string }>;

/**
 * Legendary groups by `name|source` (their `_copy` resolved by the resolve stage), and those the
 * resolve stage could not resolve, with its reason.
 */
export function indexLegendaryGroups(groups: Raw[], unresolved: { record: Raw; reason: string }[] = []): GroupLookup {
  const out: GroupLookup = new Map();
  for (const group of groups) out.set(refKey(str(group['name']), str(group['source'])), group);
  for (const { record, reason } of unresolved) out.set(refKey(str(record['name']), str(record['source'])), { unresolved: reason });
  return out;
}

export function mapCreatures(monsters: Raw[], groups: Raw[], ctx: ImportContext, unresolvedGroups: { record: Raw; reason: string }[] = []): Mapped<CreatureInsert> {
  const lookup = indexLegendaryGroups(groups, unresolvedGroups);
  return mapEach('creatures', monsters, ctx, (monster) => mapCreature(monster, lookup, ctx));
}

/** `"1/4"`, `{cr: "17", lair: "18"}` → the rating, plus what the object adds in words. */
function readCr(cr: unknown): { rating?: string; notes: string[] } {
  if (typeof cr === 'string') return { rating: cr, notes: [] };
  if (!isRecord(cr)) return { notes: [] };
  const notes: string[] = [];
  if (typeof cr['lair'] === 'string') notes.push(`Challenge ${cr['lair']} when encountered in its lair.`);
  if (typeof cr['coven'] === 'string') notes.push(`Challenge ${cr['coven']} when part of a coven.`);
  return { rating: str(cr['cr']), notes };
}

/** `["fire", {vulnerable: ["piercing"], note: "from magic weapons"}]` → "fire; piercing from magic weapons". */
function damageListText(items: unknown[], key: string): string {
  return items
    .map((item) => {
      if (typeof item === 'string') return item;
      if (!isRecord(item)) return '';
      if (typeof item['special'] === 'string') return item['special'];
      const inner = damageListText(list(item[key]) ?? [], key);
      return [str(item['preNote']), inner, str(item['note'])].filter(Boolean).join(' ');
    })
    .filter(Boolean)
    .join('; ');
}

function creatureTypeOf(type: unknown): { type?: string; tags?: unknown[]; choices?: string[] } {
  if (typeof type === 'string') return { type };
  if (!isRecord(type)) return {};
  const tags = list(type['tags']);
  const inner = type['type'];
  if (typeof inner === 'string') return { type: inner, ...(tags ? { tags } : {}) };
  const choose = isRecord(inner) ? list(inner['choose'])?.filter((c): c is string => typeof c === 'string') : undefined;
  return { type: choose?.[0], ...(tags ? { tags } : {}), ...(choose ? { choices: choose } : {}) };
}

type Placement = 'trait' | 'action' | 'bonus' | 'reaction' | 'legendary';

export function mapCreature(monster: Raw, groups: GroupLookup, ctx: ImportContext): CreatureInsert | undefined {
  const name = str(monster['name']);
  const placement = ctx.placement('creatures', monster);
  if (!placement) return undefined;
  if (name === undefined) {
    ctx.skip('creatures', monster, 'the creature has no name');
    return undefined;
  }
  const id = ctx.id('creatures', monster, () => recordId(name, placement.sourceId));
  if (id === undefined) return undefined;

  const { type, tags, choices } = creatureTypeOf(monster['type']);
  if (choices && choices.length > 1) ctx.warn('creatures', monster, `its type is one of ${choices.join(', ')}; stored as ${choices[0]}`);

  const cr = readCr(monster['cr']);
  let rating: string | undefined;
  if (cr.rating !== undefined) {
    if (challengeRating.safeParse(cr.rating).success) rating = cr.rating;
    else ctx.warn('creatures', monster, `its challenge rating "${cr.rating}" is not a rating; stored as none`);
  }
  const pbNote = str(monster['pbNote'])?.match(/^\+?(\d+)/)?.[1];
  const proficiencyBonus = pbNote !== undefined ? Number(pbNote) : rating !== undefined ? proficiencyBonusForCr(rating) : null;

  // Spellcasting blocks are shown among the traits unless they say otherwise.
  const casting: Record<Placement, unknown[]> = { trait: [], action: [], bonus: [], reaction: [], legendary: [] };
  for (const block of list(monster['spellcasting']) ?? []) {
    if (!isRecord(block)) continue;
    const where = (str(block['displayAs']) ?? 'trait') as Placement;
    (casting[where] ?? casting.trait).push({ type: 'spellcasting', ...block });
  }
  const section = (key: string, extra: unknown[]): unknown[] => [...(list(monster[key]) ?? []), ...extra];

  const actions = section('action', casting.action);
  const bonus = section('bonus', casting.bonus);
  if (bonus.length > 0) actions.push({ type: 'entries', name: 'Bonus Actions', entries: [...(list(monster['bonusHeader']) ?? []), ...bonus] });
  const legendary = [...(list(monster['legendaryHeader']) ?? []), ...section('legendary', casting.legendary)];
  const mythic = list(monster['mythic']);
  if (mythic) legendary.push({ type: 'entries', name: 'Mythic Actions', entries: [...(list(monster['mythicHeader']) ?? []), ...mythic] });

  // Stat block parts without a column of their own go into entries, ahead of the variant insets.
  const entries: unknown[] = [];
  const vulnerable = list(monster['vulnerable']);
  if (vulnerable) entries.push({ type: 'entries', name: 'Damage Vulnerabilities', entries: [damageListText(vulnerable, 'vulnerable')] });
  if (cr.notes.length > 0) entries.push({ type: 'entries', name: 'Challenge', entries: cr.notes });
  entries.push(...(list(monster['variant']) ?? []));

  let lairActions: unknown[] | null = null;
  let regionalEffects: unknown[] | null = null;
  const groupRef = monster['legendaryGroup'];
  if (isRecord(groupRef)) {
    const label = `${str(groupRef['name']) ?? '?'}|${str(groupRef['source']) ?? '?'}`;
    const group = groups.get(refKey(str(groupRef['name']), str(groupRef['source'])));
    if (!group) ctx.warn('creatures', monster, `its legendary group ${label} is not in the data; lair actions and regional effects left empty`);
    else if ('unresolved' in group && typeof group.unresolved === 'string') {
      ctx.warn('creatures', monster, `its legendary group ${label} could not be resolved (${group.unresolved}); lair actions and regional effects left empty`);
    } else {
      lairActions = list((group as Raw)['lairActions']) ?? null;
      regionalEffects = list((group as Raw)['regionalEffects']) ?? null;
    }
  }

  const senses = [...((list(monster['senses']) ?? []) as unknown[])];
  if (typeof monster['passive'] === 'number' || typeof monster['passive'] === 'string') senses.push(`passive Perception ${monster['passive']}`);
  const size = list(monster['size'])?.[0] ?? monster['size'];
  const nonEmpty = (items: unknown[]) => (items.length > 0 ? items : null);

  return {
    id,
    name,
    ...placement,
    page: orNull(int(monster['page'])),
    entries: entries as CreatureInsert['entries'],
    size: orNull(str(size)),
    type: orNull(type),
    typeTags: orNull(tags),
    alignment: orNull(monster['alignment']),
    armorClass: orNull(monster['ac']),
    hitPoints: orNull(monster['hp']),
    speed: orNull(monster['speed']),
    abilityScores: ['str', 'dex', 'con', 'int', 'wis', 'cha'].every((a) => monster[a] !== undefined)
      ? ({ str: monster['str'], dex: monster['dex'], con: monster['con'], int: monster['int'], wis: monster['wis'], cha: monster['cha'] } as CreatureInsert['abilityScores'])
      : null,
    savingThrows: orNull(monster['save']),
    skills: orNull(monster['skill']),
    damageResistances: orNull(monster['resist']),
    damageImmunities: orNull(monster['immune']),
    conditionImmunities: orNull(monster['conditionImmune']),
    senses: orNull(nonEmpty(senses)),
    languages: orNull(monster['languages']),
    challengeRating: orNull(rating),
    proficiencyBonus,
    traits: orNull(nonEmpty(section('trait', casting.trait))),
    actions: orNull(nonEmpty(actions)),
    reactions: orNull(nonEmpty(section('reaction', casting.reaction))),
    legendaryActions: orNull(nonEmpty(legendary)),
    lairActions: orNull(lairActions),
    regionalEffects: orNull(regionalEffects),
    environment: orNull(monster['environment']),
    isNpc: monster['isNpc'] === true,
    ...ctx.editions('creatures', monster),
  };
}
