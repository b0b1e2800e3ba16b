/**
 * Column builders shared by several tables. Each call returns fresh builders, because drizzle
 * binds a builder to the table it is used in.
 */
import { sql } from 'drizzle-orm';
import { integer, text } from 'drizzle-orm/sqlite-core';

/** ISO-8601 UTC with milliseconds, the format of every timestamp column. */
export const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export function timestamps() {
  return {
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  };
}

/** A TEXT column holding JSON of type T (validated by zod before every write). */
export function json<T>(name: string) {
  return text(name, { mode: 'json' }).$type<T>();
}

export function bool(name: string) {
  return integer(name, { mode: 'boolean' });
}
