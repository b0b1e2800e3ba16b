/** JSON shapes shared by several entities. */
import { z } from 'zod';

/** A free-form JSON object (metadata columns). */
export const jsonObject = z.record(z.string(), z.json());

/**
 * 5etools entries: rules text as nested arrays of strings and typed objects
 * (`{type: "entries"|"list"|"table"|…}`) with inline `{@tag …}` markup, kept as published.
 */
export const entryList = z.array(z.json());

export const nonEmptyText = z.string().trim().min(1).max(500);

/** Creature and race sizes: Fine, Diminutive, Tiny, Small, Medium, Large, Huge, Gargantuan, Colossal, Varies. */
export const SIZE_CODES = ['F', 'D', 'T', 'S', 'M', 'L', 'H', 'G', 'C', 'V'] as const;
export const sizeCode = z.enum(SIZE_CODES);

export const ABILITIES = ['str', 'dex', 'con', 'int', 'wis', 'cha'] as const;
export const abilityCode = z.enum(ABILITIES);
