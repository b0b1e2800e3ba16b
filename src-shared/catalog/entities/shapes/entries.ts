/**
 * 5etools entries: rules text as nested arrays of strings (with inline `{@tag …}` markup) and
 * typed objects (`{type: "entries"|"list"|"table"|"inset"|…}`), stored exactly as published.
 */
import { z } from 'zod';

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
export const entryList = z.array(entry);
export type EntryList = z.infer<typeof entryList>;
