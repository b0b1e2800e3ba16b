import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json, nowIso } from './columns';
import { ruleSystems } from './rule-systems';
import { sources } from './sources';

/** `cancelled`: stopped by its caller (migration 0013); like `failed`, nothing was written. */
export const IMPORT_STATUSES = ['running', 'success', 'partial', 'failed', 'cancelled'] as const;

export const importLog = sqliteTable(
  'import_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    filePath: text('file_path').notNull(),
    fileType: text('file_type').notNull(),
    ruleSystemId: text('rule_system_id').references(() => ruleSystems.id, { onDelete: 'restrict' }),
    sourceId: text('source_id').references(() => sources.id, { onDelete: 'restrict' }),
    importStatus: text('import_status', { enum: IMPORT_STATUSES }).notNull().default('running'),
    recordsProcessed: integer('records_processed').notNull().default(0),
    recordsImported: integer('records_imported').notNull().default(0),
    errorMessage: text('error_message'),
    startedAt: text('started_at').notNull().default(nowIso),
    completedAt: text('completed_at'),
    metadata: json<Record<string, unknown>>('metadata').notNull().default({}),
  },
  (t) => [
    index('import_log_started_at_idx').on(t.startedAt),
    index('import_log_rule_system_id_idx').on(t.ruleSystemId),
    index('import_log_source_id_idx').on(t.sourceId),
  ],
);

export type ImportLogRow = typeof importLog.$inferSelect;
export type NewImportLogRow = typeof importLog.$inferInsert;
