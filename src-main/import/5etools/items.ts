/**
 * Items: base items (`baseitem[]`), magic and specific items (`item[]`), item groups
 * (`itemGroup[]`), generic magic variants (`magicvariant[]`) and every variant expanded onto
 * each base item it applies to ("+1 Longsword", `base_item_id` → the longsword row), as 5etools
 * builds them: the base item's properties, then the variant's `inherits` (name prefix/suffix,
 * source, rarity, bonuses, entries with `{=…}` placeholders filled in).
 */
import type { InsertOf } from '../../../src-shared/catalog/define';
import type { itemEntity } from '../../../src-shared/catalog/entities';
import type { ImportContext } from './context';
import { childId, recordId } from './ids';
import { clone, int, isRecord, jsonEqual, list, num, orNull, parseRef, refKey, str } from './raw';
import type { Mapped, Raw } from './types';

export type ItemInsert = InsertOf<typeof itemEntity>;

export interface ItemData {
  baseItems: Raw[];
  items: Raw[];
  itemGroups: Raw[];
  magicVariants: Raw[];
  /** Shared entry templates (`itemEntry[]`) that items include with `{#itemEntry Name|Source}`. */
  itemEntries: Raw[];
}

/** "M|XPHB" → "M"; property `{uid: "V|XPHB"}` → "V". */
export function bareCode(code: unknown): string | undefined {
  const text = isRecord(code) ? str(code['uid']) : str(code);
  return text?.split('|')[0];
}

const DAMAGE_TYPE_NAMES: Record<string, string> = {
  A: 'acid',
  B: 'bludgeoning',
  C: 'cold',
  F: 'fire',
  I: 'poison',
  L: 'lightning',
  N: 'necrotic',
  O: 'force',
  P: 'piercing',
  R: 'radiant',
  S: 'slashing',
  T: 'thunder',
  Y: 'psychic',
};

/**
 * The 5etools item flags a DM filters by, each a boolean column (`wondrous` → isWondrous);
 * true when the record has the flag set (anything but absent, null or false). The flags stay in
 * additional_properties as well, where they always were.
 */
export const ITEM_FLAG_FIELDS = {
  isWondrous: 'wondrous',
  isTattoo: 'tattoo',
  isStaff: 'staff',
  isCursed: 'curse',
  isSentient: 'sentient',
  isPoison: 'poison',
} as const;

function itemFlags(item: Raw): Record<keyof typeof ITEM_FLAG_FIELDS, boolean> {
  return Object.fromEntries(
    Object.entries(ITEM_FLAG_FIELDS).map(([column, key]) => [column, item[key] !== undefined && item[key] !== null && item[key] !== false]),
  ) as Record<keyof typeof ITEM_FLAG_FIELDS, boolean>;
}

/** Properties with a column of their own, or that only describe the 5etools record. */
const CONSUMED = new Set([
  'name',
  'source',
  'page',
  'entries',
  'type',
  'weight',
  'value',
  'ac',
  'dmg1',
  'dmg2',
  'dmgType',
  'property',
  'rarity',
  'reqAttune',
  'baseItem',
  'srd',
  'srd52',
  'basicRules',
  'basicRules2024',
  'reprintedAs',
  'referenceSources',
  'hasFluff',
  'hasFluffImages',
  'hasRefs',
  'edition',
  '_copy',
  '_versions',
  '_versionOf',
]);

/** `"+1"` → 1. */
function bonusValue(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : str(value);
  return text !== undefined && /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Generic variants

/**
 * Whether a generic variant may apply to a base item of another edition: a 2014 ("classic")
 * variant does not apply to a 2024 ("one") base item and vice versa; an item without an edition
 * takes variants of either (5etools' own rule, so the two editions do not double every item).
 */
export function editionMatches(base: Raw, variant: Raw): boolean {
  const b = base['edition'];
  const v = variant['edition'];
  if (b === undefined || b === v) return true;
  if (b === 'classic') return false;
  if (b === 'one') return v !== 'classic';
  return true;
}

function propertyMatches(candidate: Raw, key: string, wanted: unknown, all: boolean): boolean {
  const have = candidate[key];
  if (have === undefined || have === null) return wanted === null || wanted === undefined;
  if (Array.isArray(wanted)) return Array.isArray(have) ? have.some((h) => wanted.some((w) => jsonEqual(w, h))) : wanted.some((w) => jsonEqual(w, have));
  if (isRecord(wanted)) return isRecord(have) && specMatches(have, wanted, all);
  return Array.isArray(have) ? have.some((h) => jsonEqual(h, wanted)) : jsonEqual(wanted, have);
}

function specMatches(candidate: Raw, spec: Raw, all: boolean): boolean {
  const tests = Object.entries(spec).map(([key, wanted]) => propertyMatches(candidate, key, wanted, all));
  return all ? tests.every(Boolean) : tests.some(Boolean);
}

/** `requires` (any alternative, all of its keys) and not `excludes` (any key), plus the edition rule. */
export function variantApplies(base: Raw, variant: Raw): boolean {
  if (base['packContents'] !== undefined || !editionMatches(base, variant)) return false;
  const requires = list(variant['requires']);
  if (requires && !requires.some((req) => isRecord(req) && specMatches(base, req, true))) return false;
  const excludes = variant['excludes'];
  return !(isRecord(excludes) && specMatches(base, excludes, false));
}

/** Fills `{=baseName/l}`, `{=bonusWeapon}`, `{=dmgType}` …; modifiers: a (article), l, t, u. */
function fillPlaceholders(value: unknown, props: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{=([a-zA-Z]+)(?:\/([a-z]+))?\}/g, (match, key: string, mods: string | undefined) => {
      let text = props[key];
      if (text === undefined) return match;
      const ops = mods ?? '';
      if (ops.includes('a')) text = /^[aeiou]/i.test(text) ? 'an' : 'a';
      if (ops.includes('l')) text = text.toLowerCase();
      if (ops.includes('t')) text = text.replace(/\b\w/g, (c) => c.toUpperCase());
      if (ops.includes('u')) text = text.toUpperCase();
      return text;
    });
  }
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, props));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, props)]));
  return value;
}

function injectableProps(base: Raw | undefined, inherits: Raw): Record<string, string | undefined> {
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  return {
    baseName: base ? str(base['name']) : undefined,
    dmgType: base ? DAMAGE_TYPE_NAMES[str(base['dmgType']) ?? ''] : undefined,
    bonusAc: text(inherits['bonusAc']),
    bonusWeapon: text(inherits['bonusWeapon']),
    bonusWeaponAttack: text(inherits['bonusWeaponAttack']),
    bonusWeaponDamage: text(inherits['bonusWeaponDamage']),
    bonusWeaponCritDamage: text(inherits['bonusWeaponCritDamage']),
    bonusSpellAttack: text(inherits['bonusSpellAttack']),
    bonusSpellSaveDc: text(inherits['bonusSpellSaveDc']),
    bonusSavingThrow: text(inherits['bonusSavingThrow']),
  };
}

/** `"[[baseItem.value]] * 4"` → base value × 4. Only "[[baseItem.x]] <op> <number>" is understood. */
function evaluateExpression(expression: string, base: Raw): number | undefined {
  const match = expression.match(/^\s*\[\[baseItem\.(\w+)\]\]\s*([*+/-])\s*(\d+(?:\.\d+)?)\s*$/);
  if (!match) return undefined;
  const value = num(base[match[1] as string]);
  const operand = Number(match[3]);
  if (value === undefined) return undefined;
  switch (match[2]) {
    case '*':
      return value * operand;
    case '/':
      return value / operand;
    case '+':
      return value + operand;
    default:
      return value - operand;
  }
}

/** The text the variant adds to the base item's name: "+1", "of Acid Resistance", "Barding". */
export function variantAffix(variant: Raw): string {
  const inherits = isRecord(variant['inherits']) ? variant['inherits'] : {};
  const affix = `${str(inherits['namePrefix']) ?? ''} ${str(inherits['nameSuffix']) ?? ''}`.trim();
  return affix || (str(variant['name']) ?? '').replace(/\s*\(\*\)$/, '');
}

/** Per-book facts of the base item that the variant replaces with its own. */
const NOT_INHERITED_FROM_BASE = ['srd', 'srd52', 'basicRules', 'basicRules2024', 'page', 'value', 'hasFluff', 'hasFluffImages', 'reprintedAs', 'referenceSources', 'additionalSources', 'otherSources', 'edition'];

/** A base item turned into a specific variant ("+1 Longsword"), as 5etools builds it. */
export function createSpecificVariant(base: Raw, variant: Raw, onProblem: (message: string) => void): Raw {
  const inherits = isRecord(variant['inherits']) ? variant['inherits'] : {};
  const out = clone(base);
  for (const key of NOT_INHERITED_FROM_BASE) delete out[key];
  if (variant['edition'] !== undefined) out['edition'] = variant['edition'];
  let name = str(base['name']) ?? '';
  const remove = str(inherits['nameRemove']);
  if (remove) name = name.split(remove).join('');
  out['name'] = `${str(inherits['namePrefix']) ?? ''}${name}${str(inherits['nameSuffix']) ?? ''}`;
  for (const [key, value] of Object.entries(inherits)) {
    switch (key) {
      case 'namePrefix':
      case 'nameSuffix':
      case 'nameRemove':
        break;
      case 'entries': {
        // The variant's text first, then the base item's own.
        const filled = fillPlaceholders(clone(value), injectableProps(base, inherits));
        out['entries'] = [...(list(filled) ?? []), ...(list(base['entries']) ?? [])];
        break;
      }
      case 'valueMult':
      case 'weightMult': {
        const target = key === 'valueMult' ? 'value' : 'weight';
        const baseValue = num(base[target]);
        if (baseValue !== undefined && typeof value === 'number') out[target] = baseValue * value;
        break;
      }
      case 'valueExpression':
      case 'weightExpression': {
        const target = key === 'valueExpression' ? 'value' : 'weight';
        if (out[target] !== undefined && inherits[key === 'valueExpression' ? 'valueMult' : 'weightMult'] !== undefined) break;
        const result = typeof value === 'string' ? evaluateExpression(value, base) : undefined;
        if (result === undefined) onProblem(`its ${key} "${String(value)}" could not be evaluated; ${target} left empty`);
        else out[target] = result;
        break;
      }
      case 'propertyAdd':
        out['property'] = [...(list(out['property']) ?? []), ...(list(value) ?? []).filter((p) => !(list(out['property']) ?? []).some((have) => jsonEqual(have, p)))];
        break;
      case 'propertyRemove':
        out['property'] = (list(out['property']) ?? []).filter((have) => !(list(value) ?? []).some((p) => jsonEqual(bareCode(have), bareCode(p))));
        break;
      default:
        if (value === null) delete out[key];
        else out[key] = clone(value);
    }
  }
  out['baseItem'] = `${str(base['name']) ?? ''}|${str(base['source']) ?? ''}`;
  return out;
}

/** The generic variant as an item of its own ("+1 Weapon"): itself with its `inherits` applied. */
export function genericVariantItem(variant: Raw): Raw {
  const inherits = isRecord(variant['inherits']) ? variant['inherits'] : {};
  const out: Raw = {};
  for (const [key, value] of Object.entries(variant)) if (key !== 'inherits') out[key] = clone(value);
  for (const [key, value] of Object.entries(inherits)) {
    if (['entries', 'namePrefix', 'nameSuffix', 'nameRemove'].includes(key)) continue;
    if (value === null) delete out[key];
    else if (Array.isArray(out[key]) && Array.isArray(value)) out[key] = [...(out[key] as unknown[]), ...clone(value)];
    else out[key] = clone(value);
  }
  if (out['entries'] === undefined && inherits['entries'] !== undefined) {
    out['entries'] = fillPlaceholders(clone(inherits['entries']), injectableProps(undefined, inherits));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rows

/** Replaces `"{#itemEntry Name|Source}"` strings by the template's entries, `{{item.prop}}` filled from the item. */
function expandItemEntries(item: Raw, templates: Map<string, Raw[]>, onMissing: (message: string) => void): unknown[] | undefined {
  const entries = list(item['entries']);
  if (!entries) return undefined;
  const out: unknown[] = [];
  for (const entry of entries) {
    const include = typeof entry === 'string' ? entry.match(/^\{#itemEntry ([^}|]+)(?:\|([^}]+))?\}$/) : null;
    if (!include) {
      out.push(entry);
      continue;
    }
    const candidates = templates.get((include[1] ?? '').toLowerCase()) ?? [];
    const wanted = include[2]?.toLowerCase();
    const template = candidates.find((t) => wanted === undefined || str(t['source'])?.toLowerCase() === wanted);
    if (!template) {
      onMissing(`its entries include item entry ${include[1]}${include[2] ? `|${include[2]}` : ''}, which is not in the data; kept as written`);
      out.push(entry);
      continue;
    }
    const fill = (value: unknown): unknown => {
      if (typeof value === 'string') {
        return value.replace(/\{\{item\.(\w+)\}\}/g, (match, key: string) => {
          const v = item[key];
          if (Array.isArray(v)) return v.map(String).join(', ');
          return v === undefined ? match : String(v);
        });
      }
      if (Array.isArray(value)) return value.map(fill);
      if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
      return value;
    };
    out.push(...(list(fill(clone(template['entriesTemplate']))) ?? []));
  }
  return out;
}

interface RowLinks {
  id: string;
  baseItemId: string | null;
}

function itemRow(
  item: Raw,
  links: RowLinks,
  placement: { sourceId: string; ruleSystemId: string },
  entries: unknown[],
  warn: (message: string) => void,
  editions: { reprintedAs: string[] | null; supersededBy: string | null },
): ItemInsert {
  const reqAttune = item['reqAttune'];
  const value = item['value'];
  let valueCp: number | null = null;
  const additional: Raw = {};
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0) valueCp = value;
    else {
      // Ball bearings cost 0.1 cp each: value_cp holds whole copper pieces only.
      additional['value'] = value;
      warn(`its value ${value} cp is not a whole number of copper pieces; value_cp left empty, the value kept in additional_properties.value`);
    }
  }
  const dice = str(item['dmg1']);
  for (const [key, v] of Object.entries(item)) if (!CONSUMED.has(key) && v !== undefined && v !== null) additional[key] = v;
  const properties = list(item['property'])?.map(bareCode).filter((p): p is string => p !== undefined);
  const rarity = str(item['rarity']);
  return {
    id: links.id,
    name: str(item['name']) ?? '',
    ...placement,
    page: orNull(int(item['page'])),
    entries: entries as ItemInsert['entries'],
    baseItemId: links.baseItemId,
    type: orNull(bareCode(item['type'])),
    weightLb: orNull(num(item['weight'])),
    valueCp,
    armorClass: orNull(int(item['ac'])),
    damage: dice
      ? {
          dice,
          ...(str(item['dmgType']) ? { type: str(item['dmgType']) as NonNullable<ItemInsert['damage']>['type'] } : {}),
          ...(str(item['dmg2']) ? { versatile: str(item['dmg2']) as string } : {}),
        }
      : null,
    properties: orNull(properties),
    rarity: rarity === undefined || rarity === 'none' ? null : (rarity as ItemInsert['rarity']),
    requiresAttunement: reqAttune === true || (typeof reqAttune === 'string' && reqAttune !== 'optional'),
    attunementPrereq: typeof reqAttune === 'string' && reqAttune.length > 0 ? reqAttune : null,
    magicBonus: bonusValue(item['bonusWeapon']) ?? bonusValue(item['bonusAc']) ?? bonusValue(item['bonusSpellAttack']) ?? null,
    additionalProperties: Object.keys(additional).length > 0 ? (additional as ItemInsert['additionalProperties']) : null,
    ...itemFlags(item),
    ...editions,
  };
}

function countVersions(...collections: Raw[][]): number {
  return collections.reduce((sum, records) => sum + records.filter((r) => r['_versionOf'] !== undefined).length, 0);
}

export function mapItems(data: ItemData, ctx: ImportContext): Mapped<ItemInsert> {
  const { baseItems, items, itemGroups: groups } = data;
  const templates = new Map<string, Raw[]>();
  for (const t of data.itemEntries) {
    const key = str(t['name'])?.toLowerCase();
    if (key) templates.set(key, [...(templates.get(key) ?? []), t]);
  }

  const rows: ItemInsert[] = [];
  let generated = 0;
  const baseIds = new Map<string, { id: string; raw: Raw }>();

  /**
   * Adds the row of `item`. `warn` defaults to a warning about the item itself; the rows made
   * from one generic variant report their shared problems once, as the variant's.
   */
  const add = (
    item: Raw,
    makeId: (name: string, source: string) => string,
    baseItemId: string | null = null,
    warn: (message: string) => void = (message) => ctx.warn('items', item, message),
  ): ItemInsert | undefined => {
    const name = str(item['name']);
    const placement = ctx.placement('items', item);
    if (!placement) return undefined;
    if (name === undefined) {
      ctx.skip('items', item, 'the item has no name');
      return undefined;
    }
    const id = ctx.id('items', item, () => makeId(name, placement.sourceId));
    if (id === undefined) return undefined;
    const entries = expandItemEntries(item, templates, warn) ?? [];
    const row = itemRow(item, { id, baseItemId }, placement, entries, warn, ctx.editions('items', item));
    rows.push(row);
    return row;
  };

  ctx.each('items', baseItems, (base) => {
    if (base['_versionOf'] !== undefined) generated += 1;
    const row = add(base, recordId);
    if (row) baseIds.set(refKey(str(base['name']), str(base['source'])), { id: row.id, raw: base });
  });

  // Specific items name their base item ("longsword|phb"); they already carry its properties.
  const baseIdOf = (item: Raw): string | null => {
    const ref = str(item['baseItem']);
    if (ref === undefined) return null;
    const { name, source } = parseRef(ref, 'PHB');
    const base = baseIds.get(refKey(name, source));
    if (!base) ctx.warn('items', item, `its base item ${ref} is not in the data; stored without base_item_id`);
    return base?.id ?? null;
  };
  ctx.each('items', items, (item) => {
    if (item['_versionOf'] !== undefined) generated += 1;
    add(item, recordId, baseIdOf(item));
  });
  ctx.each('items', groups, (group) => {
    if (group['_versionOf'] !== undefined) generated += 1;
    add(group, recordId);
  });

  ctx.each('items', data.magicVariants, (variant) => {
    const inherits = isRecord(variant['inherits']) ? variant['inherits'] : undefined;
    if (!inherits) {
      ctx.skip('items', variant, 'the magic variant has no inherits');
      return;
    }
    const variantName = str(variant['name']) ?? '';
    const reported = new Set<string>();
    const warnOnce = (message: string) => {
      if (reported.has(message)) return;
      reported.add(message);
      ctx.warn('items', { name: variantName, source: str(inherits['source']) ?? '?' }, `${message} (and so for every item made from this variant)`);
    };
    // "+1 Shield (*)": the generic entry shares its name with the specific items it makes;
    // 5etools lists only those, and so does the catalog.
    if (!variantName.endsWith('(*)')) add(genericVariantItem(variant), recordId, null, warnOnce);
    for (const { id: baseId, raw: base } of baseIds.values()) {
      if (!variantApplies(base, variant)) continue;
      generated += 1;
      // One base item the variant cannot be applied to is that row's skip, not the variant's.
      const label = { name: `${variantAffix(variant)} ${str(base['name']) ?? ''}`.trim(), source: str(inherits['source']) ?? '?' };
      ctx.guard('items', label, () => {
        const specific = createSpecificVariant(base, variant, warnOnce);
        const parent = { name: str(base['name']) ?? '', source: str(base['source']) ?? '' };
        add(specific, (_name, source) => childId(parent, variantAffix(variant), source), baseId, warnOnce);
      });
    }
  });
  return { rows, read: baseItems.length + items.length + groups.length + data.magicVariants.length - countVersions(baseItems, items, groups), generated };
}
