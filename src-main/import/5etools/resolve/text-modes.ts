/**
 * `_mod` modes on text (5etools `copyApplier._doMod_replaceTxt`, `_doMod_replaceName`,
 * `_doMod_appendStr`, `_doMod_prefixSuffixStringProp`, `_doMod_scalarAddHit`, `_doMod_scalarAddDc`).
 */
import { isRecord } from '../raw';
import type { Raw } from '../types';
import { ModError } from './errors';
import type { ModeHandler, ModTarget } from './mode-types';
import { getPath, setPath, splitPath } from './path';
import { mapStrings, replaceOutsideTags } from './walk';

/** The regex of `{replace, flags}`: always global, plus the given flags. */
function patternOf(mod: Raw): RegExp {
  if (typeof mod['replace'] !== 'string') throw new ModError('it gives no "replace" pattern');
  const flags = typeof mod['flags'] === 'string' ? mod['flags'].replace(/g/g, '') : '';
  try {
    return new RegExp(mod['replace'], `g${flags}`);
  } catch (error) {
    throw new ModError(`its pattern is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`);
  }
}

function replacer(mod: Raw): (text: string) => string {
  const pattern = patternOf(mod);
  const replacement = typeof mod['with'] === 'string' ? mod['with'] : '';
  const insideTags = mod['tagInsensitive'] === true;
  return (text) => replaceOutsideTags(text, pattern, replacement, insideTags);
}

function needPath(target: ModTarget): string[] {
  if (!target.path) throw new ModError(`mode ${String(target.mod['mode'])} needs a property; "_" names none`);
  return target.path;
}

/** The path of modes that name a sub-property in `prop`: the `_mod` key's path, then `prop`. */
function propPath(target: ModTarget): string[] {
  return [...(target.path ?? []), ...splitPath(target.mod['prop'])];
}

/** Default scope of replaceTxt: strings of the array itself (`null`) and these properties of its objects. */
const REPLACE_TXT_PROPS: readonly (string | null)[] = [null, 'entries', 'headerEntries', 'footerEntries'];

/** `{@hit N}` / `{@dc N}` numbers shifted by `scalar` everywhere under the patch's path. */
function shiftTags(target: ModTarget, shift: (text: string, scalar: number) => string): void {
  const path = needPath(target);
  const value = getPath(target.record, path);
  if (value === undefined || value === null) return;
  const scalar = Number(target.mod['scalar']);
  if (!Number.isFinite(scalar)) throw new ModError('its "scalar" is not a number');
  setPath(target.record, path, mapStrings(value, (text) => shift(text, scalar)));
}

export const TEXT_MODES: Readonly<Record<string, ModeHandler>> = {
  /**
   * `_doMod_replaceTxt`: a regex replacement (outside `{@tags}` unless `tagInsensitive`) in every
   * string under the listed `props` of each item of the array (default: the item itself when a
   * string, and its `entries`, `headerEntries`, `footerEntries`); nothing there, nothing to do.
   */
  replaceTxt(target) {
    const path = needPath(target);
    const value = getPath(target.record, path);
    if (value === undefined || value === null) return;
    const replace = replacer(target.mod);
    const props = Array.isArray(target.mod['props']) ? (target.mod['props'] as unknown[]) : REPLACE_TXT_PROPS;
    const list = Array.isArray(value) ? value : [value];
    const out = list.map((item) => {
      if (typeof item === 'string') return props.includes(null) ? replace(item) : item;
      if (!isRecord(item)) return item;
      const copy: Raw = { ...item };
      for (const prop of props) {
        if (typeof prop === 'string' && copy[prop]) copy[prop] = mapStrings(copy[prop], replace);
      }
      return copy;
    });
    setPath(target.record, path, Array.isArray(value) ? out : out[0]);
  },
  /** `_doMod_replaceName`: the same replacement in the `name` of each item of the array. */
  replaceName(target) {
    const path = needPath(target);
    const value = getPath(target.record, path);
    if (!Array.isArray(value)) return;
    const replace = replacer(target.mod);
    setPath(
      target.record,
      path,
      value.map((item) => (isRecord(item) && typeof item['name'] === 'string' ? { ...item, name: replace(item['name']) } : item)),
    );
  },
  /** `_doMod_appendStr`: `str` appended to the string there (after `joiner`), or set. */
  appendStr(target) {
    const path = needPath(target);
    const have = getPath(target.record, path);
    const str = typeof target.mod['str'] === 'string' ? target.mod['str'] : '';
    const joiner = typeof target.mod['joiner'] === 'string' ? target.mod['joiner'] : '';
    setPath(target.record, path, have ? `${String(have)}${joiner}${str}` : str);
  },
  /** `_doMod_prefixSuffixStringProp`: `prefix` + the string at the path + `suffix`; no string, no change. */
  prefixSuffixStringProp(target) {
    const path = propPath(target);
    const have = getPath(target.record, path);
    if (typeof have !== 'string') return;
    const prefix = typeof target.mod['prefix'] === 'string' ? target.mod['prefix'] : '';
    const suffix = typeof target.mod['suffix'] === 'string' ? target.mod['suffix'] : '';
    setPath(target.record, path, `${prefix}${have}${suffix}`);
  },
  /** `_doMod_scalarAddHit`: every `{@hit N}` under the path becomes `{@hit N+scalar}`. */
  scalarAddHit(target) {
    shiftTags(target, (text, scalar) => text.replace(/\{@hit ([-+]?\d+)\}/g, (_m, n: string) => `{@hit ${Number(n) + scalar}}`));
  },
  /** `_doMod_scalarAddDc`: every `{@dc N…}` becomes `{@dc N+scalar}` (its display text dropped, as 5etools does). */
  scalarAddDc(target) {
    shiftTags(target, (text, scalar) => text.replace(/\{@dc (\d+)(?:\|[^}]+)?\}/g, (_m, n: string) => `{@dc ${Number(n) + scalar}}`));
  },
};
