/** JSON shapes shared by several entities. */
import { z } from 'zod';

/** A free-form JSON object (metadata columns). */
export const jsonObject = z.record(z.string(), z.json());

/** 5etools entries (rules text with `{@tag …}` markup, kept as published): see shapes/entries. */
export { entryList } from './shapes/entries';

export const nonEmptyText = z.string().trim().min(1).max(500);

/** Creature and race sizes: Fine, Diminutive, Tiny, Small, Medium, Large, Huge, Gargantuan, Colossal, Varies. */
export const SIZE_CODES = ['F', 'D', 'T', 'S', 'M', 'L', 'H', 'G', 'C', 'V'] as const;
export const sizeCode = z.enum(SIZE_CODES);

export const ABILITIES = ['str', 'dex', 'con', 'int', 'wis', 'cha'] as const;
export const abilityCode = z.enum(ABILITIES);
