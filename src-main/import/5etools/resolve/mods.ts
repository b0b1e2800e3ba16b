/**
 * Applying a `_mod` object (5etools `DataUtil.generic.copyApplier.getCopy`, "apply mods", and
 * `_doMod` / `_doMod_handleProp`):
 *
 * - each key is a property path (`"trait"`, `"hp"`), `"_"` (modes on the whole record) or `"*"`
 *   (the patches apply to each entry-like property, `COPY_ENTRY_PROPS`); property keys first in
 *   their order, then `"_"`, then `"*"`;
 * - a value is one patch, a list of them, or the string `"remove"` (deletes the property);
 * - a patch 5etools would refuse (its target item is missing …) or whose mode is unknown is left
 *   unapplied and reported through `warn`; the other patches still apply.
 */
import { isRecord } from '../raw';
import type { Raw } from '../types';
import { ARRAY_MODES } from './array-modes';
import { CREATURE_MODES } from './creature-modes';
import { messageOf } from './errors';
import type { ModeHandler } from './mode-types';
import { PROP_MODES } from './prop-modes';
import { SPELL_MODES } from './spell-modes';
import { TEXT_MODES } from './text-modes';

/** The properties `"*"` means (5etools `DataUtil.generic.COPY_ENTRY_PROPS`). */
export const COPY_ENTRY_PROPS = [
  'action',
  'bonus',
  'reaction',
  'trait',
  'legendary',
  'mythic',
  'variant',
  'spellcasting',
  'actionHeader',
  'bonusHeader',
  'reactionHeader',
  'legendaryHeader',
  'mythicHeader',
] as const;

export const MODES: Readonly<Record<string, ModeHandler>> = {
  ...ARRAY_MODES,
  ...TEXT_MODES,
  ...PROP_MODES,
  ...CREATURE_MODES,
  ...SPELL_MODES,
};

/**
 * Modes that name their own property path in `prop`. Older data (5etools ≤ v2.5) writes them
 * under `"*"` meaning the record root (`_doMod_setProp` skips a `["*"]` path); they are applied
 * once at the root there instead of once per entry property.
 */
const ROOT_UNDER_STAR = new Set(['setProp', 'prefixSuffixStringProp']);

/** `_mod` with every value a list (5etools `_normaliseMods`); not an object → undefined. */
export function normaliseMods(mods: unknown): Record<string, unknown[]> | undefined {
  if (!isRecord(mods)) return undefined;
  const out: Record<string, unknown[]> = {};
  for (const [key, value] of Object.entries(mods)) out[key] = Array.isArray(value) ? [...value] : [value];
  return out;
}

/** `b`'s patches after `a`'s, key by key (how a template's `_mod` joins the copy's own). */
export function concatMods(a: Record<string, unknown[]>, b: Record<string, unknown[]>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = [...(out[key] ?? []), ...value];
  return out;
}

const ORDER = (key: string) => (key === '_' ? 1 : key === '*' ? 2 : 0);

function applyOne(record: Raw, key: string, path: string[] | null, mod: unknown, warn: (message: string) => void): void {
  const where = key === '_' ? 'the whole record' : key === '*' ? `the entry properties (${path?.join('.') ?? 'root'})` : `"${key}"`;
  if (mod === 'remove') {
    if (path) delete record[path.join('.')];
    return;
  }
  if (!isRecord(mod) || typeof mod['mode'] !== 'string') {
    warn(`its _mod of ${where} is not a patch (${JSON.stringify(mod)?.slice(0, 80) ?? String(mod)}); left unapplied`);
    return;
  }
  const mode = mod['mode'];
  const handler = Object.hasOwn(MODES, mode) ? MODES[mode] : undefined;
  if (!handler) {
    warn(`its _mod uses mode "${mode}" on ${where}, which is unknown; left unapplied`);
    return;
  }
  try {
    handler({ record, path, mod });
  } catch (error) {
    warn(`its _mod ${mode} on ${where} was not applied: ${messageOf(error)}`);
  }
}

/** Applies `mods` (already normalised) to `record` in place. */
export function applyMods(record: Raw, mods: Record<string, unknown[]>, warn: (message: string) => void): void {
  const keys = Object.keys(mods).sort((a, b) => ORDER(a) - ORDER(b));
  for (const key of keys) {
    const list = mods[key] ?? [];
    if (key === '_') {
      for (const mod of list) applyOne(record, key, null, mod, warn);
    } else if (key === '*') {
      const rooted = list.filter((mod) => isRecord(mod) && ROOT_UNDER_STAR.has(String(mod['mode'])));
      for (const mod of rooted) applyOne(record, key, null, mod, warn);
      const rest = list.filter((mod) => !rooted.includes(mod));
      for (const prop of COPY_ENTRY_PROPS) for (const mod of rest) applyOne(record, key, [prop], mod, warn);
    } else {
      for (const mod of list) applyOne(record, key, key.split('.'), mod, warn);
    }
  }
}
