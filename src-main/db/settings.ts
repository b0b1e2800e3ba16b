/**
 * The user's settings stored in the catalog (`settings`, migration 0019): read with defaults,
 * changed only through `updateSettings`, which validates first (a bad value is ValidationFailed
 * and nothing is written). The preferred rule system decides how references without a source
 * resolve (references/references.ts), so changing it re-resolves every row's references in the
 * same transaction.
 */
import type Database from 'better-sqlite3';
import {
  SETTING_COLUMN_KEYS,
  settingsSchema,
  settingsUpdateSchema,
  type Settings,
  type SettingsUpdate,
  type SettingsUpdateResult,
} from '../../src-shared/settings';
import { validate } from '../../src-shared/validation';

interface Statements {
  all: Database.Statement;
  upsert: Database.Statement;
  hasTable: Database.Statement;
}

const cache = new WeakMap<Database.Database, Statements>();

function statementsFor(sqlite: Database.Database): Statements {
  let statements = cache.get(sqlite);
  if (!statements) {
    statements = {
      all: sqlite.prepare('SELECT key, value FROM settings'),
      upsert: sqlite.prepare(
        `INSERT INTO settings (key, value) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
      ),
      hasTable: sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").pluck(),
    };
    cache.set(sqlite, statements);
  }
  return statements;
}

/**
 * Every setting, defaults filled in. A stored value this build cannot read (written by hand, or
 * by a newer build with more choices) reads as the default; it is not changed until the user
 * sets that setting again.
 */
export function readSettings(sqlite: Database.Database): Settings {
  const stored: Record<string, unknown> = {};
  const columnToKey = new Map(Object.entries(SETTING_COLUMN_KEYS).map(([key, column]) => [column as string, key]));
  for (const { key, value } of statementsFor(sqlite).all.all() as { key: string; value: string }[]) {
    const name = columnToKey.get(key);
    if (!name) continue;
    try {
      stored[name] = JSON.parse(value);
    } catch {
      // unreadable: the default applies
    }
  }
  const defaults = settingsSchema.parse({});
  const out: Record<string, unknown> = { ...defaults };
  for (const [name, value] of Object.entries(stored)) {
    const one = settingsSchema.safeParse({ ...defaults, [name]: value });
    if (one.success) out[name] = (one.data as Record<string, unknown>)[name];
  }
  return out as Settings;
}

/**
 * The reference resolution the stored settings ask for: the 2024 preference redirects
 * references without a source to the 2024 printing; 2014 is 5etools' own rule (no redirect).
 * A catalog migrated to before the settings table (a rollback) resolves by 5etools' rule.
 */
export function storedReferenceOptions(sqlite: Database.Database): { preferRuleSystem?: string } {
  const statements = statementsFor(sqlite);
  if (!statements.hasTable.get()) return {};
  return readSettings(sqlite).preferredRuleSystem === 'dnd5e-2024' ? { preferRuleSystem: 'dnd5e-2024' } : {};
}

/**
 * Changes the given settings, validated first (ValidationFailed: nothing written). `rebuild`
 * re-resolves the references when the preference changed; it runs in the same transaction.
 */
export function updateSettings(
  sqlite: Database.Database,
  input: unknown,
  rebuild: () => { rows: number; references: number; broken: number },
): SettingsUpdateResult {
  const patch: SettingsUpdate = validate(settingsUpdateSchema, input, 'settings');
  const statements = statementsFor(sqlite);
  const run = (): SettingsUpdateResult => {
    const before = readSettings(sqlite);
    for (const [name, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      statements.upsert.run(SETTING_COLUMN_KEYS[name as keyof Settings], JSON.stringify(value));
    }
    const settings = readSettings(sqlite);
    const references = settings.preferredRuleSystem !== before.preferredRuleSystem ? rebuild() : null;
    return { settings, references };
  };
  return sqlite.inTransaction ? run() : sqlite.transaction(run).immediate();
}
