/** JSON shapes and codes of the items table. */
import { z } from 'zod';
import { ITEM_TYPE_CODES } from '../../enums';
import { bounded } from './entries';

export { ITEM_TYPE_CODES } from '../../enums';
export const itemType = z.enum(ITEM_TYPE_CODES);

/** Damage type letters of weapons: Acid, Bludgeoning, Cold, Fire, poIson, Lightning, Necrotic, fOrce, Piercing, Radiant, Slashing, Thunder, psYchic. */
export const ITEM_DAMAGE_CODES = ['A', 'B', 'C', 'F', 'I', 'L', 'N', 'O', 'P', 'R', 'S', 'T', 'Y'] as const;

const dice = z.string().regex(/^\d+(d\d+)?( ?[+-] ?\d+)?$/, 'must be dice such as "1d8" or a number');

/** `{dice: "1d8", type: "S", versatile: "1d10"}`. */
export const itemDamage = z.strictObject({
  dice,
  type: z.enum(ITEM_DAMAGE_CODES).optional(),
  versatile: dice.optional(),
});
export type ItemDamage = z.infer<typeof itemDamage>;

/** Weapon property codes, stored bare ("V", "2H"; not "V|XPHB"). */
export const itemProperties = z.array(z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'must be a bare property code such as "V" or "2H"'));
export type ItemProperties = z.infer<typeof itemProperties>;

/** Who may attune: "by a spellcaster". */
export const attunementPrereq = z.string().min(1).max(500);
export type AttunementPrereq = z.infer<typeof attunementPrereq>;

/**
 * Everything else a 5etools item carries that has no column (tier, weapon category, range,
 * strength requirement, charges, attached spells, bonuses …). Open by design: 5etools items
 * have a hundred optional properties and new books add more.
 */
export const additionalProperties = bounded(z.record(z.string().min(1), z.json()));
export type AdditionalProperties = z.infer<typeof additionalProperties>;
