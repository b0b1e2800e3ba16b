/**
 * 5etools' copy machinery, resolved at import time (README.md, "_copy and _versions"):
 *
 * - `_copy: {name, source, _mod, _preserve}` makes a record a modified copy of another record of
 *   the same kind. The copy takes every property of its target that it does not set itself
 *   (except per-book facts such as page and SRD flags, unless `_preserve` keeps them), an
 *   explicit `null` deletes a property, then `_mod` patches are applied.
 * - `_versions` lists variants of a record (each a copy with overrides and `_mod` patches, or an
 *   `_abstract` template with `_implementations` filling `{{variables}}`); each becomes a record.
 *
 * Anything that cannot be resolved (a target outside the data set, a circular copy, a patch mode
 * this importer does not know) throws CopyError, and the caller skips the record with its message.
 */
import { clone, isRecord, jsonEqual, list, refKey, str } from '../raw';
import type { Raw } from '../types';

export class CopyError extends Error {}

/** Properties that describe the copied record's own printing: not copied unless `_preserve`d. */
const NOT_COPIED = new Set([
  'page',
  'otherSources',
  'additionalSources',
  'srd',
  'srd52',
  'basicRules',
  'basicRules2024',
  'reprintedAs',
  'hasFluff',
  'hasFluffImages',
  'hasToken',
  '_versions',
  // creatures: these describe the original creature, not its copies
  'legendaryGroup',
  'environment',
  'soundClip',
  'altArt',
  'variant',
  'dragonCastingColor',
  'familiar',
]);

const COPY_META_KEYS = new Set(['_mod', '_preserve', '_templates', '_trait']);

/**
 * Resolves every `_copy` among `records` (one kind; copy targets are looked up in `pool`, by
 * default the records themselves). Returns the records with copies resolved, in their original
 * order; records that cannot be resolved are passed to `onSkip` and left out.
 */
export function resolveCopies(records: Raw[], onSkip: (record: Raw, reason: string) => void, pool: Raw[] = records): Raw[] {
  const byKey = new Map<string, Raw[]>();
  for (const record of new Set([...records, ...pool])) {
    const key = refKey(str(record['name']), str(record['source']));
    byKey.set(key, [...(byKey.get(key) ?? []), record]);
  }
  const resolved = new Map<Raw, Raw | CopyError>();

  const resolve = (record: Raw, stack: Raw[]): Raw => {
    const done = resolved.get(record);
    if (done instanceof CopyError) throw done;
    if (done) return done;
    const copy = record['_copy'];
    if (!isRecord(copy)) return record;
    try {
      if (stack.includes(record)) throw new CopyError(`its _copy chain is circular (${[...stack, record].map(describe).join(' → ')})`);
      const target = findTarget(copy, byKey);
      if (!target) throw new CopyError(`it copies ${describe(copy)}, which is not in the data`);
      let base: Raw;
      try {
        base = resolve(target, [...stack, record]);
      } catch (error) {
        if (!(error instanceof CopyError) || stack.includes(target) || target === record) throw error;
        throw new CopyError(`it copies ${describe(copy)}, which could not be resolved: ${error.message}`);
      }
      const result = applyCopy(base, record, copy);
      resolved.set(record, result);
      return result;
    } catch (error) {
      if (error instanceof CopyError) resolved.set(record, error);
      throw error;
    }
  };

  const out: Raw[] = [];
  for (const record of records) {
    try {
      out.push(resolve(record, []));
    } catch (error) {
      if (!(error instanceof CopyError)) throw error;
      onSkip(record, error.message);
    }
  }
  return out;
}

function describe(record: Raw): string {
  return `${str(record['name']) ?? '(unnamed)'}|${str(record['source']) ?? '?'}`;
}

/**
 * The record `_copy` names: same name and source, and the same values for any other identifying
 * keys it gives (a subclass copy also names `className`, `classSource`; a feature its `level`).
 */
function findTarget(copy: Raw, byKey: Map<string, Raw[]>): Raw | undefined {
  const candidates = byKey.get(refKey(str(copy['name']), str(copy['source']))) ?? [];
  const same = (a: unknown, b: unknown) =>
    typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
  return candidates.find((candidate) =>
    Object.entries(copy).every(
      ([key, value]) => COPY_META_KEYS.has(key) || (typeof value !== 'string' && typeof value !== 'number') || same(candidate[key], value),
    ),
  );
}

function applyCopy(base: Raw, record: Raw, copy: Raw): Raw {
  if (copy['_templates'] !== undefined) throw new CopyError('it applies creature templates (_templates), which this importer does not resolve');
  const preserve = isRecord(copy['_preserve']) ? copy['_preserve'] : {};
  const out: Raw = {};
  for (const [key, value] of Object.entries(base)) {
    if (key === '_copy') continue;
    if (NOT_COPIED.has(key) && preserve[key] !== true && preserve['*'] !== true) continue;
    out[key] = clone(value);
  }
  for (const [key, value] of Object.entries(record)) {
    if (key === '_copy') continue;
    if (value === null) delete out[key];
    else out[key] = clone(value);
  }
  if (copy['_mod'] !== undefined) applyMods(out, copy['_mod']);
  return out;
}

// ---------------------------------------------------------------------------------------------
// _mod

/**
 * Applies `_mod` patches in place. Keys are property names (`"trait"`, `"entries"`), `"*"` (text
 * replacement in every property) or `"_"` (modes on the whole record: spells, skills, scalars).
 * A value is one mode object, a list of them, or `"remove"`.
 */
export function applyMods(target: Raw, mods: unknown): void {
  if (!isRecord(mods)) throw new CopyError('its _mod is not an object');
  for (const [prop, spec] of Object.entries(mods)) {
    if (spec === 'remove') {
      delete target[prop];
      continue;
    }
    for (const mod of Array.isArray(spec) ? spec : [spec]) {
      if (!isRecord(mod) || typeof mod['mode'] !== 'string') throw new CopyError(`its _mod for ${prop} has no mode`);
      if (prop === '_') applyRecordMod(target, mod);
      else if (prop === '*') {
        for (const key of Object.keys(target)) if (!key.startsWith('_') && key !== 'name' && key !== 'source') applyPropMod(target, key, mod);
      } else applyPropMod(target, prop, mod);
    }
  }
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function nameOf(item: unknown): string | undefined {
  return isRecord(item) ? str(item['name']) : undefined;
}

/** Index of the array item a `replace` / `names` selector means: by name (or string value), or `{index}`. */
function findIndex(items: unknown[], selector: unknown): number {
  if (isRecord(selector) && typeof selector['index'] === 'number') return selector['index'] < items.length ? selector['index'] : -1;
  if (isRecord(selector) && typeof selector['regex'] === 'string') {
    const re = new RegExp(selector['regex'], str(selector['flags']) ?? '');
    return items.findIndex((item) => re.test(typeof item === 'string' ? item : (nameOf(item) ?? '')));
  }
  if (typeof selector !== 'string') return -1;
  const wanted = selector.toLowerCase();
  return items.findIndex((item) => (typeof item === 'string' ? item : nameOf(item))?.toLowerCase() === wanted);
}

function applyPropMod(target: Raw, prop: string, mod: Raw): void {
  const mode = mod['mode'] as string;
  const current = Array.isArray(target[prop]) ? [...(target[prop] as unknown[])] : undefined;
  const items = asList(clone(mod['items']));
  switch (mode) {
    case 'appendArr':
      target[prop] = [...(current ?? []), ...items];
      return;
    case 'prependArr':
      target[prop] = [...items, ...(current ?? [])];
      return;
    case 'insertArr': {
      const at = typeof mod['index'] === 'number' ? mod['index'] : (current ?? []).length;
      const next = [...(current ?? [])];
      next.splice(at, 0, ...items);
      target[prop] = next;
      return;
    }
    case 'appendIfNotExistsArr':
      target[prop] = [...(current ?? []), ...items.filter((item) => !(current ?? []).some((have) => jsonEqual(have, item)))];
      return;
    case 'removeArr': {
      // A name that is not there is left alone: the copy simply lacks it already.
      let next = [...(current ?? [])];
      for (const name of asList(mod['names'])) {
        const at = findIndex(next, name);
        if (at >= 0) next.splice(at, 1);
      }
      next = next.filter((have) => !items.some((item) => jsonEqual(have, item)));
      target[prop] = next;
      return;
    }
    case 'replaceArr':
    case 'replaceOrAppendArr': {
      const next = [...(current ?? [])];
      const at = findIndex(next, mod['replace']);
      if (at >= 0) next.splice(at, 1, ...items);
      else if (mode === 'replaceOrAppendArr') next.push(...items);
      target[prop] = next;
      return;
    }
    case 'replaceTxt': {
      const pattern = str(mod['replace']);
      if (pattern === undefined) throw new CopyError(`its replaceTxt patch of ${prop} has no pattern`);
      const re = new RegExp(pattern, str(mod['flags']) ?? 'g');
      const replacement = typeof mod['with'] === 'string' ? mod['with'] : '';
      target[prop] = replaceText(target[prop], re, replacement);
      return;
    }
    case 'setProp': {
      const path = str(mod['prop']);
      if (path === undefined) throw new CopyError(`its setProp patch of ${prop} has no prop`);
      const holder = isRecord(target[prop]) ? (target[prop] as Raw) : (target[prop] = {} as Raw);
      setPath(holder as Raw, path.split('.'), clone(mod['value']));
      return;
    }
    case 'scalarAddProp':
    case 'scalarMultProp': {
      const holder = target[prop];
      if (!isRecord(holder)) return;
      const scalar = typeof mod['scalar'] === 'number' ? mod['scalar'] : 0;
      const keys = mod['prop'] === '*' || mod['prop'] === undefined ? Object.keys(holder) : [String(mod['prop'])];
      for (const key of keys) holder[key] = scaleValue(holder[key], scalar, mode === 'scalarMultProp');
      return;
    }
    default:
      throw new CopyError(`its _mod uses mode "${mode}" on ${prop}, which this importer does not apply`);
  }
}

function setPath(holder: Raw, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    holder[head] = value;
    return;
  }
  const next = isRecord(holder[head]) ? (holder[head] as Raw) : (holder[head] = {} as Raw);
  setPath(next as Raw, rest, value);
}

/** "+4" + 2 → "+6"; 13 * 2 → 26 (strings keep their sign prefix, as 5etools writes bonuses). */
function scaleValue(value: unknown, scalar: number, multiply: boolean): unknown {
  if (typeof value === 'number') return multiply ? Math.floor(value * scalar) : value + scalar;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) {
    const n = multiply ? Math.floor(Number(value) * scalar) : Number(value) + scalar;
    return n >= 0 ? `+${n}` : String(n);
  }
  return value;
}

function replaceText(value: unknown, re: RegExp, replacement: string): unknown {
  if (typeof value === 'string') return value.replace(re, replacement);
  if (Array.isArray(value)) return value.map((item) => replaceText(item, re, replacement));
  if (isRecord(value)) {
    const out: Raw = {};
    for (const [key, item] of Object.entries(value)) out[key] = key === 'type' ? item : replaceText(item, re, replacement);
    return out;
  }
  return value;
}

const SPELL_FREQUENCIES = ['daily', 'rest', 'restLong', 'weekly', 'monthly', 'yearly', 'recharge', 'charges'];

/** Modes that patch the record as a whole (`_mod._`). */
function applyRecordMod(target: Raw, mod: Raw): void {
  const mode = mod['mode'] as string;
  switch (mode) {
    case 'addSpells':
    case 'removeSpells':
    case 'replaceSpells': {
      const blocks = list(target['spellcasting']);
      const block = blocks?.find((b) => isRecord(b) && (mod['name'] === undefined || b['name'] === mod['name']));
      if (!isRecord(block)) throw new CopyError(`its _mod ${mode} needs a spellcasting block, and the record has none`);
      patchSpells(block, mod, mode);
      return;
    }
    case 'scalarAddProp':
    case 'scalarMultProp': {
      const prop = str(mod['prop']);
      if (prop === undefined) throw new CopyError(`its _mod ${mode} has no prop`);
      target[prop] = scaleValue(target[prop], typeof mod['scalar'] === 'number' ? mod['scalar'] : 0, mode === 'scalarMultProp');
      return;
    }
    case 'addSenses': {
      const senses = asList(target['senses']).filter((s): s is string => typeof s === 'string');
      for (const sense of asList(mod['senses'])) {
        if (isRecord(sense) && typeof sense['type'] === 'string') senses.push(`${sense['type']} ${String(sense['range'] ?? '')} ft.`.replace(/\s+/g, ' '));
      }
      target['senses'] = senses;
      return;
    }
    case 'addSkills':
    case 'addSaves': {
      const prop = mode === 'addSkills' ? 'skill' : 'save';
      const holder = isRecord(target[prop]) ? (target[prop] as Raw) : {};
      const given = isRecord(mod[mode === 'addSkills' ? 'skills' : 'saves']) ? (mod[mode === 'addSkills' ? 'skills' : 'saves'] as Raw) : {};
      for (const [key, value] of Object.entries(given)) if (holder[key] === undefined) holder[key] = typeof value === 'string' ? value : String(value);
      target[prop] = holder;
      return;
    }
    default:
      throw new CopyError(`its _mod uses mode "${mode}" on the whole record, which this importer does not apply`);
  }
}

function patchSpells(block: Raw, mod: Raw, mode: string): void {
  const add = mode === 'addSpells';
  if (isRecord(mod['spells'])) {
    const levels = isRecord(block['spells']) ? (block['spells'] as Raw) : (block['spells'] = {} as Raw);
    for (const [level, given] of Object.entries(mod['spells'] as Raw)) {
      if (!isRecord(given)) continue;
      const have = isRecord((levels as Raw)[level]) ? ((levels as Raw)[level] as Raw) : undefined;
      const names = asList(given['spells']);
      if (!have) {
        if (add || mode === 'replaceSpells') (levels as Raw)[level] = clone(given);
        continue;
      }
      if (given['slots'] !== undefined) have['slots'] = given['slots'];
      have['spells'] = mergeNames(asList(have['spells']), names, mode);
    }
  }
  for (const prop of ['constant', 'will', 'ritual']) {
    if (mod[prop] === undefined) continue;
    block[prop] = mergeNames(asList(block[prop]), asList(mod[prop]), mode);
  }
  for (const prop of SPELL_FREQUENCIES) {
    if (!isRecord(mod[prop])) continue;
    const uses = isRecord(block[prop]) ? (block[prop] as Raw) : (block[prop] = {} as Raw);
    for (const [times, names] of Object.entries(mod[prop] as Raw)) {
      (uses as Raw)[times] = mergeNames(asList((uses as Raw)[times]), asList(names), mode);
    }
  }
}

function mergeNames(have: unknown[], given: unknown[], mode: string): unknown[] {
  if (mode === 'addSpells') return [...have, ...clone(given)];
  if (mode === 'removeSpells') return have.filter((name) => !given.some((g) => jsonEqual(g, name)));
  // replaceSpells: [{replace: "x", with: "y"}]
  return have.map((name) => {
    const rule = given.find((g) => isRecord(g) && jsonEqual(g['replace'], name));
    return isRecord(rule) ? clone(rule['with']) : name;
  });
}

// ---------------------------------------------------------------------------------------------
// _versions

/**
 * The variants a record's `_versions` describe, each a complete record (the original with the
 * version's overrides and patches). Templates (`_abstract` + `_implementations`) are expanded with
 * their `{{variables}}` filled in. Returns [] when there are none.
 */
export function expandVersions(record: Raw): Raw[] {
  const versions = list(record['_versions']);
  if (!versions) return [];
  const base = clone(record);
  delete base['_versions'];
  const out: Raw[] = [];
  for (const version of versions) {
    if (!isRecord(version)) continue;
    if (isRecord(version['_abstract'])) {
      for (const implementation of list(version['_implementations']) ?? []) {
        if (!isRecord(implementation)) continue;
        const { _variables: variables, ...rest } = implementation;
        const filled = fillVariables({ ...clone(version['_abstract']), ...clone(rest) }, isRecord(variables) ? variables : {});
        out.push(applyVersion(base, filled as Raw));
      }
    } else out.push(applyVersion(base, version));
  }
  return out;
}

function applyVersion(base: Raw, version: Raw): Raw {
  const out = clone(base);
  for (const [key, value] of Object.entries(version)) {
    if (key === '_mod') continue;
    if (value === null) delete out[key];
    else out[key] = clone(value);
  }
  if (version['_mod'] !== undefined) applyMods(out, version['_mod']);
  return out;
}

function fillVariables(value: unknown, variables: Raw): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{(\w+)\}\}/g, (match, name: string) => (variables[name] === undefined ? match : String(variables[name])));
  }
  if (Array.isArray(value)) return value.map((item) => fillVariables(item, variables));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillVariables(v, variables)]));
  return value;
}
