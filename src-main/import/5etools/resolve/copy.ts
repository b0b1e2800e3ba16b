/**
 * `_copy` (5etools `DataUtil.generic._pMergeCopy` and `copyApplier.getCopy`): a record that is a
 * modified copy of another record.
 *
 * - The target is the record of the pool whose identity matches every identifying value `_copy`
 *   gives (`name`, `source`, and e.g. `className`, `classSource`, `raceName`, `level`; case-
 *   insensitive, as 5etools compares URL hashes); the first such record wins ("earlier = better").
 * - The target is resolved first when it is itself a copy (chains); a circular chain, a missing
 *   target or a target that cannot be resolved makes the copy a skip.
 * - The copy keeps its own properties; every property of the target it does not give is copied,
 *   except the per-printing facts (`PRESERVE_ONLY`, plus per-collection ones) unless `_preserve`
 *   names them (or `"*"`); a property the copy sets to `null` is removed.
 * - Then template roots (`_templates`, see templates.ts), then `<$variables$>` in the patches
 *   (variables.ts), then the `_mod` patches (mods.ts).
 */
import { copyJson as clone } from './walk';
import { isRecord, refKey } from '../raw';
import type { Raw } from '../types';
import { messageOf, SkipError } from './errors';
import { applyMods, normaliseMods } from './mods';
import { applyTemplates, type TemplateIndex } from './templates';
import { resolveVariables } from './variables';

/** Not copied from a target unless `_preserve`d (5etools `_MERGE_REQUIRES_PRESERVE_BASE`). */
export const PRESERVE_ONLY: ReadonlySet<string> = new Set([
  'page',
  'otherSources',
  'referenceSources',
  'srd',
  'srd52',
  'basicRules',
  'basicRules2024',
  'reprintedAs',
  'hasFluff',
  'hasFluffImages',
  'hasToken',
  'tokenCredit',
  'tokenCustom',
  'foundryTokenScale',
  'altArt',
  '_versions',
]);

/** Per-collection additions to PRESERVE_ONLY (each 5etools `DataUtil.<prop>._MERGE_REQUIRES_PRESERVE`). */
export const PRESERVE_ONLY_BY_COLLECTION: Readonly<Record<string, readonly string[]>> = {
  monster: ['legendaryGroup', 'environment', 'soundClip', 'altArt', 'variant', 'dragonCastingColor', 'familiar'],
  item: ['lootTables', 'tier'],
  itemGroup: ['lootTables', 'tier'],
  magicvariant: ['lootTables', 'tier'],
};

export interface CopyOptions {
  /** Properties not copied unless preserved, for this collection. */
  preserveOnly: ReadonlySet<string>;
  templates: TemplateIndex;
}

export function preserveOnlyFor(collection: string): ReadonlySet<string> {
  return new Set([...PRESERVE_ONLY, ...(PRESERVE_ONLY_BY_COLLECTION[collection] ?? [])]);
}

export function describe(record: Raw): string {
  const name = typeof record['name'] === 'string' ? record['name'] : '(unnamed)';
  const source = typeof record['source'] === 'string' ? record['source'] : '?';
  return `${name}|${source}`;
}

/**
 * `record` (whose own properties win) built on `base`, with `meta` as its `_copy` metadata
 * (`_mod`, `_templates`, `_preserve`). Neither `base`, `record` nor `meta` is modified; problems
 * that leave the record usable are reported through `warn`.
 */
export function buildCopy(base: Raw, record: Raw, meta: Raw, options: CopyOptions, warn: (message: string) => void): Raw {
  const preserve = isRecord(meta['_preserve']) ? meta['_preserve'] : {};
  const out: Raw = {};
  for (const [key, value] of Object.entries(record)) if (key !== '_copy') out[key] = clone(value);
  const own = new Set(Object.keys(out));
  for (const [key, value] of Object.entries(base)) {
    if (key === '_copy' || own.has(key)) continue;
    if (options.preserveOnly.has(key) && preserve['*'] !== true && preserve[key] !== true) continue;
    out[key] = clone(value);
  }

  let mods = normaliseMods(meta['_mod']) ?? {};
  if (meta['_mod'] !== undefined && !isRecord(meta['_mod'])) warn('its _mod is not an object; left unapplied');
  if (meta['_templates'] !== undefined) {
    const applied = applyTemplates(meta['_templates'], mods, options.templates);
    for (const missing of applied.missing) warn(`its template ${missing} is not in the data; built without it`);
    for (const root of applied.roots) {
      for (const [key, value] of Object.entries(root)) if (!own.has(key)) out[key] = clone(value);
    }
    mods = applied.mods;
  }

  const resolved: Record<string, unknown[]> = {};
  for (const [key, list] of Object.entries(mods)) {
    try {
      resolved[key] = resolveVariables(list, out) as unknown[];
    } catch (error) {
      warn(`its _mod of "${key}" uses a <$variable$> that cannot be filled (${messageOf(error)}); left unapplied`);
    }
  }
  applyMods(out, resolved, warn);

  // `null` means "absent" in 5etools data: a copy's own null removes what the target had, and
  // a patch that sets null (`setProp … value: null`) removes the property.
  for (const [key, value] of Object.entries(out)) if (value === null) delete out[key];
  return out;
}

/** `_copy` keys that say which record is meant (every other `_copy` key starts with `_`). */
function identity(copy: Raw): [string, string | number][] {
  return Object.entries(copy).filter((entry): entry is [string, string | number] => !entry[0].startsWith('_') && (typeof entry[1] === 'string' || typeof entry[1] === 'number'));
}

function sameValue(a: unknown, b: string | number): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.trim().toLowerCase() === b.trim().toLowerCase();
  return a === b;
}

/**
 * Resolves the `_copy` records of one collection against a pool (the collection itself, and for
 * items also base items and item groups), memoising every record it resolves.
 */
export class CopyResolver {
  private readonly byKey = new Map<string, Raw[]>();
  private readonly done = new Map<Raw, Raw | SkipError>();

  constructor(
    pool: readonly Raw[],
    private readonly options: CopyOptions,
    private readonly warn: (record: Raw, message: string) => void,
  ) {
    for (const record of pool) {
      let key: string;
      try {
        key = refKey(String(record['name'] ?? '').trim(), String(record['source'] ?? '').trim());
      } catch {
        continue; // A record whose name cannot be read is no copy target; resolving it reports it.
      }
      const list = this.byKey.get(key);
      if (list) list.push(record);
      else this.byKey.set(key, [record]);
    }
  }

  /** The record with its `_copy` resolved (the record itself when it has none); throws SkipError. */
  resolve(record: Raw): Raw {
    return this.resolveIn(record, []);
  }

  private target(copy: Raw, self: Raw): Raw | undefined {
    const keys = identity(copy);
    const name = copy['name'];
    const candidates =
      typeof name === 'string'
        ? (this.byKey.get(refKey(name.trim(), String(copy['source'] ?? '').trim())) ?? [])
        : [...this.byKey.values()].flat();
    return candidates.find((candidate) => candidate !== self && keys.every(([key, value]) => sameValue(candidate[key], value)));
  }

  private resolveIn(record: Raw, stack: Raw[]): Raw {
    const known = this.done.get(record);
    if (known instanceof SkipError) throw known;
    if (known) return known;
    const copy = record['_copy'];
    if (copy === undefined) return record;
    try {
      if (!isRecord(copy)) throw new SkipError(`its _copy is not an object (${JSON.stringify(copy)?.slice(0, 60)})`);
      if (stack.includes(record)) throw new SkipError(`its _copy chain is circular (${[...stack, record].map(describe).join(' → ')})`);
      const target = this.target(copy, record);
      if (!target) throw new SkipError(`it copies ${describe(copy)}, which is not in the data`);
      let base: Raw;
      try {
        base = this.resolveIn(target, [...stack, record]);
      } catch (error) {
        if (!(error instanceof SkipError) || stack.includes(target)) throw error;
        throw new SkipError(`it copies ${describe(copy)}, which could not be resolved: ${error.message}`);
      }
      const built = buildCopy(base, record, copy, this.options, (message) => this.warn(record, message));
      this.done.set(record, built);
      return built;
    } catch (error) {
      const skip = error instanceof SkipError ? error : new SkipError(`its _copy could not be resolved: ${messageOf(error)}`);
      this.done.set(record, skip);
      throw skip;
    }
  }
}
