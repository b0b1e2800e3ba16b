/**
 * User settings kept in the catalog (`settings` table, migration 0019), as the API sees them:
 * every key with its type and default, and the input of `settings:update`.
 */
import { z } from 'zod';
import { PREFERRED_RULE_SYSTEMS } from './catalog/enums';

export { PREFERRED_RULE_SYSTEMS };
export type PreferredRuleSystem = (typeof PREFERRED_RULE_SYSTEMS)[number];

/** Every setting, each with its default (what `settings:get` reports until the user changes it). */
export const settingsSchema = z.strictObject({
  /**
   * Which edition a reference without a source names, and whose printings search ranks first.
   * `dnd5e-2014` is 5etools' own rule (the tag's default book: PHB, MM, DMG …); `dnd5e-2024`
   * redirects such references to the 2024 printing where the catalog has one.
   */
  preferredRuleSystem: z.enum(PREFERRED_RULE_SYSTEMS).default('dnd5e-2014'),
});
export type Settings = z.output<typeof settingsSchema>;

/** `settings:update`: the settings to change (at least one), unknown keys refused. */
export const settingsUpdateSchema = z
  .strictObject({ preferredRuleSystem: z.enum(PREFERRED_RULE_SYSTEMS).optional() })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'name at least one setting to change' });
export type SettingsUpdate = z.input<typeof settingsUpdateSchema>;

/** Column `settings.key` of each setting. */
export const SETTING_COLUMN_KEYS = { preferredRuleSystem: 'preferred_rule_system' } as const satisfies Record<keyof Settings, string>;

/** What `settings:update` did. */
export interface SettingsUpdateResult {
  settings: Settings;
  /**
   * When the preferred rule system changed: the references of every row, resolved again with it
   * (rows, references written, broken ones). Null when nothing changed.
   */
  references: { rows: number; references: number; broken: number } | null;
}
