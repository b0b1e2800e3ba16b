import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { atLeast, atMost, defineEntity, entityFilters, entityIdSchema, equals, oneOf, ruleSystemIdSchema, sourceIdSchema } from '../define';
import { rowSchemas } from '../row-schemas';
import { SPELL_SCHOOLS, spells as t } from '../tables';
import { entryList, nonEmptyText } from './json';
import { castingTime, components, duration, spellDamageTypes, spellRange, spellSavingThrows } from './shapes';

const spellLevel = z.number().int().min(0).max(9);
/** Class names as spell lists give them, lower-cased: "wizard". */
export const spellClassName = z.string().min(1).max(100).regex(/^[^A-Z]+$/, 'class names are stored lower-case');

export const spellEntity = defineEntity({
  name: 'spells',
  label: 'spell',
  table: t,
  id: entityIdSchema,
  ...rowSchemas(t, {
    id: entityIdSchema,
    name: nonEmptyText,
    ruleSystemId: ruleSystemIdSchema,
    sourceId: sourceIdSchema,
    page: z.number().int().min(0),
    entries: entryList,
    level: spellLevel,
    castingTime,
    range: spellRange,
    components,
    duration,
    savingThrow: spellSavingThrows,
    damageType: spellDamageTypes,
    upcastInfo: entryList,
    classes: z.array(spellClassName).max(100),
  }),
  filters: {
    ...entityFilters(t),
    level: oneOf(t.level, spellLevel),
    levelMin: atLeast(t.level, spellLevel),
    levelMax: atMost(t.level, spellLevel),
    school: oneOf(t.school, z.enum(SPELL_SCHOOLS)),
    /** Answered from the trigger-maintained spell_classes lookup, through its primary key. */
    class: {
      schema: z.string().min(1).max(100),
      where: (p) => sql`${t.id} IN (SELECT spell_id FROM spell_classes WHERE class_name = lower(${p}))`,
    },
    isRitual: equals(t.isRitual, z.boolean()),
    isConcentration: equals(t.isConcentration, z.boolean()),
  },
  sortable: { name: t.name, id: t.id, level: t.level, school: t.school, sourceId: t.sourceId, createdAt: t.createdAt, updatedAt: t.updatedAt },
  defaultSort: 'name',
});
