/** `_mod` modes on single properties (5etools `copyApplier._doMod_setProp`, `_doMod_scalarAddProp`, `_doMod_scalarMultProp`, `_doMod_calculateProp`). */
import { copyJson as clone } from './walk';
import { isRecord } from '../raw';
import type { Raw } from '../types';
import { evaluateArithmetic } from './arithmetic';
import { abilityMod, crToPb, signed } from './creature-math';
import { ModError } from './errors';
import type { ModeHandler, ModTarget } from './mode-types';
import { getPath, setPath, splitPath } from './path';

/** The object the scalar modes change: the one at the path, or the record for `"_"`. */
function holder(target: ModTarget): Raw | undefined {
  const value = target.path ? getPath(target.record, target.path) : target.record;
  return isRecord(value) ? value : undefined;
}

/**
 * `scalar` applied to `prop` of the object at the path (`"*"`: to each of its properties); a
 * string keeps the bonus form (`"+4"`). A property that is absent stays absent (5etools would
 * write NaN); one that is not a number is refused.
 */
function scale(target: ModTarget, apply: (n: number, scalar: number) => number): void {
  const object = holder(target);
  if (!object) return;
  const scalar = Number(target.mod['scalar']);
  if (!Number.isFinite(scalar)) throw new ModError('its "scalar" is not a number');
  const prop = target.mod['prop'];
  const keys = prop === '*' ? Object.keys(object) : typeof prop === 'string' ? [prop] : [];
  if (keys.length === 0 && prop !== '*') throw new ModError('it names no "prop"');
  const refused: string[] = [];
  for (const key of keys) {
    const value = object[key];
    if (value === undefined) continue;
    const n = Number(value);
    if (typeof value === 'boolean' || value === null || value === '' || Number.isNaN(n)) {
      refused.push(key);
      continue;
    }
    const out = apply(n, scalar);
    object[key] = typeof value === 'string' ? signed(out) : out;
  }
  if (refused.length > 0) throw new ModError(`${refused.map((k) => `"${k}"`).join(', ')} is not a number`);
}

export const PROP_MODES: Readonly<Record<string, ModeHandler>> = {
  /** `_doMod_setProp`: `value` at the `_mod` key's path + `prop` (`"_"`: `prop` from the root). */
  setProp(target) {
    setPath(target.record, [...(target.path ?? []), ...splitPath(target.mod['prop'])], clone(target.mod['value']));
  },
  /** `_doMod_scalarAddProp`. */
  scalarAddProp(target) {
    scale(target, (n, scalar) => n + scalar);
  },
  /** `_doMod_scalarMultProp`: rounded down when `floor` is set. */
  scalarMultProp(target) {
    scale(target, (n, scalar) => (target.mod['floor'] === true ? Math.floor(n * scalar) : n * scalar));
  },
  /**
   * `_doMod_calculateProp`: `prop` of the object at the path ← `formula` with `<$prof_bonus$>`
   * (from the CR) and `<$dex_mod$>` filled in.
   */
  calculateProp(target) {
    const formula = target.mod['formula'];
    const prop = target.mod['prop'];
    if (typeof formula !== 'string' || typeof prop !== 'string') throw new ModError('it needs "formula" and "prop"');
    const filled = formula.replace(/<\$([^$]+)\$>/g, (_m, name: string) => {
      if (name === 'prof_bonus') return String(crToPb(target.record['cr']) ?? 0);
      if (name === 'dex_mod') return String(abilityMod(target.record['dex']));
      throw new ModError(`its formula uses the unknown variable "${name}"`);
    });
    const path = target.path ?? [];
    let object = path.length > 0 ? getPath(target.record, path) : target.record;
    if (!isRecord(object)) {
      object = {};
      setPath(target.record, path, object);
    }
    setPath(object as Raw, [prop], evaluateArithmetic(filled));
  },
};
