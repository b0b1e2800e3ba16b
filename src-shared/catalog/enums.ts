/**
 * Enumerated column values that more than one layer names: the drizzle tables (`text(…, { enum })`,
 * from which the zod schemas derive) and the entity filters use these lists, and the migrations
 * repeat them in CHECK constraints, which test/column-facts.test.ts and `db check` compare.
 * Lists used by one table only live in its table file (SPELL_SCHOOLS, ITEM_RARITIES …).
 */

/** Creature and race sizes: Fine, Diminutive, Tiny, Small, Medium, Large, Huge, Gargantuan, Colossal, Varies. */
export const SIZE_CODES = ['F', 'D', 'T', 'S', 'M', 'L', 'H', 'G', 'C', 'V'] as const;

export const ABILITIES = ['str', 'dex', 'con', 'int', 'wis', 'cha'] as const;

/** A race row is a race or a subrace (with its parent). */
export const RACE_TYPES = ['race', 'subrace'] as const;

/** A class row is a class or a subclass (with its parent). */
export const CLASS_TYPES = ['class', 'subclass'] as const;

export const CASTER_PROGRESSIONS = ['full', '1/2', '1/3', 'pact', 'artificer'] as const;
