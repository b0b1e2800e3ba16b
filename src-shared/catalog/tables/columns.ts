/**
 * Column builders shared by several tables. Each call returns fresh builders, because drizzle
 * binds a builder to the table it is used in.
 */
import { sql } from 'drizzle-orm';
import { integer, text, type SQLiteColumnBuilderBase } from 'drizzle-orm/sqlite-core';

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

/** Who wrote a row: an import, or the user through the API (migration 0014). */
export const ROW_ORIGINS = ['import', 'user'] as const;
export type RowOrigin = (typeof ROW_ORIGINS)[number];

/**
 * Provenance, on the entity tables and sources. Written by the repository (API writes: origin
 * `user`, `user_edited_at` on every change) and by the importer's sync (origin `import`), never
 * by callers: the insert and update schemas leave them out (row-schemas.ts).
 */
export function provenanceColumns() {
  return {
    origin: text('origin', { enum: ROW_ORIGINS }).notNull().default('user'),
    /** When the API last changed the row; NULL if it never did. */
    userEditedAt: text('user_edited_at'),
  } satisfies Record<string, SQLiteColumnBuilderBase>;
}

/** Keys of the provenance columns, which no caller may set. */
export const PROVENANCE_KEYS = ['origin', 'userEditedAt'] as const;
