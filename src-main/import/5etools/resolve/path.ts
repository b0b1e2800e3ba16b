/** Reading and writing nested properties of untrusted JSON by a path of keys (`["hp", "average"]`). */
import { isRecord } from '../raw';
import type { Raw } from '../types';
import { ModError } from './errors';

/** Keys that would reach an object's prototype instead of its own properties. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function checkPath(path: readonly string[]): void {
  const bad = path.find((key) => UNSAFE_KEYS.has(key));
  if (bad !== undefined) throw new ModError(`the property path "${path.join('.')}" uses the reserved key "${bad}"`);
}

/** The value at `path`, or undefined when any step is missing (5etools `MiscUtil.get`). */
export function getPath(target: unknown, path: readonly string[]): unknown {
  checkPath(path);
  let current = target;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Raw)[key];
  }
  return current;
}

/**
 * Sets the value at `path`, creating the objects on the way (5etools `MiscUtil.set`); a step that
 * holds something other than an object or array is replaced by an object.
 */
export function setPath(target: Raw, path: readonly string[], value: unknown): void {
  checkPath(path);
  if (path.length === 0) throw new ModError('it names no property to set');
  let current: Raw = target;
  path.forEach((key, index) => {
    if (index === path.length - 1) {
      current[key] = value;
      return;
    }
    const next = current[key];
    if (isRecord(next) || Array.isArray(next)) current = next as Raw;
    else current = current[key] = {};
  });
}

/** `"hp.average"` → `["hp", "average"]`; an absent or empty path is `[]`. */
export function splitPath(path: unknown): string[] {
  return typeof path === 'string' && path.length > 0 ? path.split('.') : [];
}
