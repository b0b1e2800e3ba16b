import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { bool, json, timestamps } from './columns';
import { entityColumns, entityIndexes } from './entity-columns';

export const creatures = sqliteTable(
  'creatures',
  {
    ...entityColumns(),
    size: text('size'),
    type: text('type'),
    typeTags: json<unknown[]>('type_tags'),
    alignment: json<unknown>('alignment'),
    armorClass: json<unknown>('armor_class'),
    hitPoints: json<unknown>('hit_points'),
    speed: json<unknown>('speed'),
    abilityScores: json<unknown>('ability_scores'),
    savingThrows: json<unknown>('saving_throws'),
    skills: json<unknown>('skills'),
    damageResistances: json<unknown>('damage_resistances'),
    damageImmunities: json<unknown>('damage_immunities'),
    conditionImmunities: json<unknown>('condition_immunities'),
    senses: json<unknown>('senses'),
    languages: json<unknown>('languages'),
    challengeRating: text('challenge_rating'),
    proficiencyBonus: integer('proficiency_bonus'),
    traits: json<unknown>('traits'),
    actions: json<unknown>('actions'),
    reactions: json<unknown>('reactions'),
    legendaryActions: json<unknown>('legendary_actions'),
    lairActions: json<unknown>('lair_actions'),
    regionalEffects: json<unknown>('regional_effects'),
    environment: json<string[]>('environment'),
    isNpc: bool('is_npc').notNull().default(false),
    ...timestamps(),
    // Read-only: the challenge rating as a number ("1/4" → 0.25), for numeric range filters.
    crValue: real('cr_value').generatedAlwaysAs(
      sql`CASE WHEN challenge_rating IS NULL THEN NULL WHEN instr(challenge_rating, '/') > 0 THEN CAST(substr(challenge_rating, 1, instr(challenge_rating, '/') - 1) AS REAL) / CAST(substr(challenge_rating, instr(challenge_rating, '/') + 1) AS REAL) ELSE CAST(challenge_rating AS REAL) END`,
      { mode: 'stored' },
    ),
  },
  (t) => [
    ...entityIndexes('creatures', t),
    index('creatures_size_idx').on(t.size),
    index('creatures_type_idx').on(t.type),
    index('creatures_cr_value_idx').on(t.crValue),
  ],
);

export type CreatureRow = typeof creatures.$inferSelect;
export type NewCreatureRow = typeof creatures.$inferInsert;
