/** Small readers for untrusted 5etools JSON (values are checked by zod before they are written). */
import type { Raw } from './types';

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function list(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function records(value: unknown): Raw[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A present value as the JSON column gets it, absent/undefined as NULL. */
export function orNull<T>(value: unknown): T | null {
  return value === undefined || value === null ? null : (value as T);
}

/** A deep copy of plain JSON. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Case-insensitive lookup key of `name|source` (5etools references are case-insensitive). */
export function refKey(...parts: (string | number | undefined)[]): string {
  return parts.map((p) => String(p ?? '')).join('|').toLowerCase();
}

/** `"longsword|phb"` → `{name: "longsword", source: "phb"}` (source defaulting as 5etools does). */
export function parseRef(ref: string, defaultSource: string): { name: string; source: string } {
  const [name = '', source] = ref.split('|');
  return { name: name.trim(), source: source?.trim() || defaultSource };
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}
