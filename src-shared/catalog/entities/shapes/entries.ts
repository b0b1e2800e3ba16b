/**
 * 5etools entries: rules text as nested arrays of strings (with inline `{@tag …}` markup) and
 * typed objects (`{type: "entries"|"list"|"table"|"inset"|…}`), stored exactly as published.
 */
import { z } from 'zod';

/**
 * Deepest nesting of arrays and objects the JSON columns accept. Real 5etools records reach
 * about 20 (a book chapter); far deeper values are pathological, and zod's recursive shapes
 * (and every recursive walk after them) would exhaust the stack on them.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * Whether `value` nests arrays/objects more than `limit` levels deep (`[]` is 1, `[[]]` 2).
 * Iterative, so any depth is measured without recursion; stops at the first path too deep.
 */
export function exceedsJsonDepth(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: [object, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [object, number];
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** The message an over-deep value gets, on import (a skip) and from the API (ValidationFailed). */
export const TOO_DEEP_MESSAGE = `nested more than ${MAX_JSON_DEPTH} levels deep`;

/**
 * `shape`, with the depth checked first (iteratively): a too-deep value is one issue and never
 * reaches the recursive shape. Typed as `shape` itself, so row types are unchanged.
 */
export function bounded<S extends z.ZodType>(shape: S): S {
  return z
    .unknown()
    .check((ctx) => {
      if (exceedsJsonDepth(ctx.value)) ctx.issues.push({ code: 'custom', message: TOO_DEEP_MESSAGE, input: ctx.value });
    })
    .pipe(shape) as unknown as S;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A string, or a typed entry object that may nest further entries. */
export type Entry = string | EntryObject;

export interface EntryObject {
  type?: string;
  name?: string;
  entries?: Entry[];
  items?: Entry[];
  [key: string]: JsonValue | Entry[] | undefined;
}

/**
 * An entry object. 5etools has dozens of entry types (list, table, inset, quote, statblock,
 * refClassFeature, …), each with keys of its own, so the object is open: unknown keys are kept
 * as long as they hold JSON. What is checked: `type` and `name` are strings, and the nested
 * `entries` / list `items` are entries again.
 */
export const entryObject: z.ZodType<EntryObject, EntryObject> = z
  .object({
    type: z.string().min(1).max(100).optional(),
    name: z.string().max(500).optional(),
    get entries() {
      return z.array(entry).optional();
    },
    get items() {
      return z.array(entry).optional();
    },
  })
  .catchall(z.json()) as z.ZodType<EntryObject, EntryObject>;

export const entry: z.ZodType<Entry, Entry> = z.union([z.string(), entryObject]);

/** The `entries` column of every entity table, and every other column holding rules text. */
export const entryList = bounded(z.array(entry));
export type EntryList = z.infer<typeof entryList>;
