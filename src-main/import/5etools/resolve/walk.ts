/** Walking every string of a JSON value, as 5etools' `MiscUtil.getWalker().walk` with a string handler does. */
import { isRecord } from '../raw';

/** A copy of `value` with every string (at any depth, not object keys) replaced by `map(string)`. */
export function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = mapStrings(item, map);
    return out;
  }
  return value;
}

/**
 * `text` cut into plain runs and `{@tag …}` / `{=var}` runs (nested tags stay inside their outer
 * run), as 5etools' `Renderer.splitByTags` cuts it: joined again they give `text`.
 */
export function splitByTags(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    const next = text[i + 1];
    if (char === '{' && (next === '@' || next === '=')) {
      if (depth === 0 && current) {
        parts.push(current);
        current = '';
      }
      depth += 1;
      current += char + next;
      i += 1;
      continue;
    }
    current += char;
    if (char === '}' && depth > 0) {
      depth -= 1;
      if (depth === 0) {
        parts.push(current);
        current = '';
      }
    }
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * `text` with `pattern` replaced outside `{@tag …}` runs (5etools'
 * `copyApplier._doReplaceStringHandler`); inside them too when `insideTags` is set.
 */
export function replaceOutsideTags(text: string, pattern: RegExp, replacement: string, insideTags = false): string {
  if (insideTags) return text.replace(pattern, replacement);
  return splitByTags(text)
    .map((part) => (part.startsWith('{@') ? part : part.replace(pattern, replacement)))
    .join('');
}

/**
 * A deep copy of parsed JSON (plain objects, arrays, primitives). Much cheaper than
 * `structuredClone` for the many small values a copy takes from its target.
 */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyJson((value as Record<string, unknown>)[key]);
  return out as T;
}
