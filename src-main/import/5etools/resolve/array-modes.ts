/**
 * `_mod` modes on arrays (5etools `DataUtil.generic.copyApplier._doMod_*Arr`): items are matched by
 * their `name` (exact, case-sensitive) or, for strings, by value.
 */
import { copyJson as clone } from './walk';
import { isRecord, jsonEqual } from '../raw';
import { ModError } from './errors';
import type { ModeHandler, ModTarget } from './mode-types';
import { getPath, setPath } from './path';

function needPath(target: ModTarget): string[] {
  if (!target.path) throw new ModError(`mode ${String(target.mod['mode'])} needs a property; "_" names none`);
  return target.path;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** The array at the patch's path: undefined when absent, ModError when something else is there. */
function existingArray(target: ModTarget, path: string[]): unknown[] | undefined {
  const value = getPath(target.record, path);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new ModError(`"${path.join('.')}" is not an array`);
  return value;
}

function requireArray(target: ModTarget, path: string[]): unknown[] {
  const found = existingArray(target, path);
  if (!found) throw new ModError(`there is no "${path.join('.')}" array`);
  return found;
}

const items = (target: ModTarget): unknown[] => clone(asArray(target.mod['items']));

function nameOf(item: unknown): unknown {
  return isRecord(item) ? item['name'] : undefined;
}

/** Index an array item selector means: `"Name"`, `{regex, flags}` or `{index}` (`_doMod_replaceArr`). */
function findIndex(list: unknown[], selector: unknown): number {
  if (isRecord(selector) && typeof selector['regex'] === 'string') {
    const flags = typeof selector['flags'] === 'string' ? selector['flags'] : '';
    const pattern = new RegExp(selector['regex'], flags);
    return list.findIndex((item) => {
      const name = nameOf(item);
      if (name) return pattern.test(String(name));
      return typeof item === 'string' && pattern.test(item);
    });
  }
  if (isRecord(selector) && typeof selector['index'] === 'number') {
    return selector['index'] >= 0 && selector['index'] < list.length ? selector['index'] : -1;
  }
  return list.findIndex((item) => (nameOf(item) ? nameOf(item) === selector : item === selector));
}

const describeSelector = (selector: unknown): string => (typeof selector === 'string' ? `"${selector}"` : JSON.stringify(selector));

/** Replaces the selected item; false when none matches. */
function replaceIn(target: ModTarget, path: string[]): boolean {
  const list = [...requireArray(target, path)];
  const at = findIndex(list, target.mod['replace']);
  if (at < 0) return false;
  list.splice(at, 1, ...items(target));
  setPath(target.record, path, list);
  return true;
}

export const ARRAY_MODES: Readonly<Record<string, ModeHandler>> = {
  /** `_doMod_appendArr`: the items after the existing ones (the array is created if absent). */
  appendArr(target) {
    const path = needPath(target);
    setPath(target.record, path, [...(existingArray(target, path) ?? []), ...items(target)]);
  },
  /** `_doMod_prependArr`. */
  prependArr(target) {
    const path = needPath(target);
    setPath(target.record, path, [...items(target), ...(existingArray(target, path) ?? [])]);
  },
  /** `_doMod_appendIfNotExistsArr`: only items not deep-equal to an existing one. */
  appendIfNotExistsArr(target) {
    const path = needPath(target);
    const have = existingArray(target, path) ?? [];
    setPath(target.record, path, [...have, ...items(target).filter((item) => !have.some((x) => jsonEqual(x, item)))]);
  },
  /**
   * `_doMod_insertArr`: at `index` (-1 = the end; absent = the start, as `splice(undefined)`);
   * the array must exist.
   */
  insertArr(target) {
    const path = needPath(target);
    const list = [...requireArray(target, path)];
    const index = typeof target.mod['index'] === 'number' ? target.mod['index'] : 0;
    list.splice(index === -1 ? list.length : index, 0, ...items(target));
    setPath(target.record, path, list);
  },
  /** `_doMod_replaceArr`: the selected item replaced by the items; no match is an error. */
  replaceArr(target) {
    const path = needPath(target);
    if (!replaceIn(target, path)) throw new ModError(`no "${path.join('.')}" item ${describeSelector(target.mod['replace'])} to replace`);
  },
  /** `_doMod_replaceOrAppendArr`: replace, else append. */
  replaceOrAppendArr(target) {
    const path = needPath(target);
    const list = existingArray(target, path);
    if (list && replaceIn(target, path)) return;
    setPath(target.record, path, [...(list ?? []), ...items(target)]);
  },
  /**
   * `_doMod_removeArr`: by `names` (item names) or `items` (string values). A name that is not
   * there is an error unless `force`; the others are still removed.
   */
  removeArr(target) {
    const path = needPath(target);
    const list = [...requireArray(target, path)];
    const missing: string[] = [];
    if (target.mod['names'] !== undefined) {
      for (const name of asArray(target.mod['names'])) {
        const at = list.findIndex((item) => nameOf(item) === name);
        if (at >= 0) list.splice(at, 1);
        else if (target.mod['force'] !== true) missing.push(String(name));
      }
    } else if (target.mod['items'] !== undefined) {
      for (const value of asArray(target.mod['items'])) {
        const at = list.findIndex((item) => item === value);
        if (at >= 0) list.splice(at, 1);
        else missing.push(typeof value === 'string' ? value : JSON.stringify(value));
      }
    } else throw new ModError('it gives neither "names" nor "items"');
    setPath(target.record, path, list);
    if (missing.length > 0) throw new ModError(`no "${path.join('.')}" item ${missing.map((m) => `"${m}"`).join(', ')} to remove (the others were removed)`);
  },
  /** `_doMod_renameArr`: `renames: [{rename, with}]`, by item name. */
  renameArr(target) {
    const path = needPath(target);
    const list = clone(requireArray(target, path));
    const missing: string[] = [];
    for (const rename of asArray(target.mod['renames'])) {
      if (!isRecord(rename)) continue;
      const item = list.find((x) => isRecord(x) && x['name'] === rename['rename']);
      if (isRecord(item)) item['name'] = rename['with'];
      else missing.push(String(rename['rename']));
    }
    setPath(target.record, path, list);
    if (missing.length > 0) throw new ModError(`no "${path.join('.')}" item ${missing.map((m) => `"${m}"`).join(', ')} to rename (the others were renamed)`);
  },
};
