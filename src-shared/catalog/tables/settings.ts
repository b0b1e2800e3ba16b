import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { nowIso } from './columns';

/** The keys the `settings` table holds (migration 0019 lists the same in its CHECK). */
export const SETTING_KEYS = ['preferred_rule_system'] as const;

/**
 * User settings stored with the catalog (so they travel with its backups): one row per key, the
 * value as JSON text. Read and written only through the `settings:*` channels, which type each
 * key's value (src-shared/settings.ts).
 */
export const settings = sqliteTable('settings', {
  key: text('key', { enum: SETTING_KEYS }).primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(nowIso),
});

export type SettingRow = typeof settings.$inferSelect;
