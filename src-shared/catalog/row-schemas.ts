/**
 * Insert and update schemas derived from a drizzle table by drizzle-zod, refined by the shapes
 * an entity declares for its columns (JSON shapes, id formats, ranges). Timestamps are managed
 * by the database and the repository, provenance (`origin`, `userEditedAt`) by the repository
 * and the importer; generated columns are left out by drizzle-zod; unknown keys are rejected.
 */
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { createInsertSchema, createUpdateSchema, type BuildSchema } from 'drizzle-zod';
import { z } from 'zod';
import { refineColumns, type ColumnRefinements } from './define';
import { PROVENANCE_KEYS } from './tables/columns';

type Shapes<T extends SQLiteTable> = Partial<Record<keyof T['_']['columns'], z.ZodType>>;
/** Managed by the database and the repository: timestamps and provenance (who wrote the row). */
type ReadOnlyKey = 'createdAt' | 'updatedAt' | (typeof PROVENANCE_KEYS)[number];

type InsertShape<T extends SQLiteTable, S extends Shapes<T>> = BuildSchema<
  'insert',
  T['_']['columns'],
  ColumnRefinements<T, S, 'insert'>,
  undefined
>['shape'];
type UpdateShape<T extends SQLiteTable, S extends Shapes<T>> = BuildSchema<
  'update',
  T['_']['columns'],
  ColumnRefinements<T, S, 'update'>,
  undefined
>['shape'];

function strictWithout<Shape extends z.ZodRawShape, K extends string>(shape: Shape, keys: readonly K[]) {
  const kept: Record<string, z.core.$ZodType> = { ...shape };
  for (const key of keys) delete kept[key];
  return z.strictObject(kept) as unknown as z.ZodObject<Omit<Shape, K>, z.core.$strict>;
}

export function rowSchemas<T extends SQLiteTable, S extends Shapes<T>>(table: T, shapes: S) {
  // drizzle-zod cannot check refinements against a generic table; the shapes are typed by S.
  const insert = createInsertSchema(table, refineColumns(table, shapes, 'insert') as never) as unknown as z.ZodObject<InsertShape<T, S>>;
  const update = createUpdateSchema(table, refineColumns(table, shapes, 'update') as never) as unknown as z.ZodObject<UpdateShape<T, S>>;
  const readOnly: ReadOnlyKey[] = ['createdAt', 'updatedAt', ...PROVENANCE_KEYS];
  return {
    insert: strictWithout(insert.shape, readOnly),
    update: strictWithout(update.shape, [...readOnly, 'id'] as const),
  };
}
