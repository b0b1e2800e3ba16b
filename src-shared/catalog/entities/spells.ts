import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { atLeast, atMost, defineEntity, entityFilters, entityIdSchema, entitySortable, equals, oneOf } from '../define';
import { rowSchemas } from '../row-schemas';
import { SPELL_SCHOOLS, spells as t } from '../tables';
import { entityColumnShapes, entryList } from './json';
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
    ...entityColumnShapes,
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
  sortable: { ...entitySortable(t), level: t.level, school: t.school },
  defaultSort: 'name',
});
