import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { bool, json, timestamps } from './columns';
import { SIZE_CODES } from '../enums';
import { entityColumns, entityIndexes, entitySyncColumns } from './entity-columns';
import type {
  AbilityScores,
  Alignment,
  ArmorClass,
  ConditionImmunities,
  DamageImmunities,
  DamageResistances,
  HitPoints,
  Languages,
  LairText,
  SavingThrows,
  Senses,
  Skills,
  Speed,
  StatBlock,
  TypeTags,
} from '../entities/shapes';

export const creatures = sqliteTable(
  'creatures',
  {
    ...entityColumns(),
    size: text('size', { enum: SIZE_CODES }),
    type: text('type'),
    typeTags: json<TypeTags>('type_tags'),
    alignment: json<Alignment>('alignment'),
    armorClass: json<ArmorClass>('armor_class'),
    hitPoints: json<HitPoints>('hit_points'),
    speed: json<Speed>('speed'),
    abilityScores: json<AbilityScores>('ability_scores'),
    savingThrows: json<SavingThrows>('saving_throws'),
    skills: json<Skills>('skills'),
    damageResistances: json<DamageResistances>('damage_resistances'),
    damageImmunities: json<DamageImmunities>('damage_immunities'),
    conditionImmunities: json<ConditionImmunities>('condition_immunities'),
    senses: json<Senses>('senses'),
    languages: json<Languages>('languages'),
    challengeRating: text('challenge_rating'),
    proficiencyBonus: integer('proficiency_bonus'),
    traits: json<StatBlock>('traits'),
    actions: json<StatBlock>('actions'),
    reactions: json<StatBlock>('reactions'),
    legendaryActions: json<StatBlock>('legendary_actions'),
    lairActions: json<LairText>('lair_actions'),
    regionalEffects: json<LairText>('regional_effects'),
    environment: json<string[]>('environment'),
    isNpc: bool('is_npc').notNull().default(false),
    ...timestamps(),
    ...entitySyncColumns(),
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
