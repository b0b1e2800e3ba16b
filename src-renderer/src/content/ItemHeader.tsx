/** An item's header: type, rarity and attunement; then cost, weight, damage, armor class, properties. */
import type { JSX } from 'preact';
import type { RowOf } from '../kinds/rows';
import { itemTypeLine } from './headers';
import { HeaderField } from './SpellHeader';

type Item = RowOf<'items'>;

const DAMAGE_TYPES: Readonly<Record<string, string>> = {
  A: 'acid', B: 'bludgeoning', C: 'cold', F: 'fire', I: 'poison', L: 'lightning', N: 'necrotic', O: 'force',
  P: 'piercing', R: 'radiant', S: 'slashing', T: 'thunder', Y: 'psychic',
};

/** Weapon property codes (5etools `itemProperty`) as the Player's Handbook names them. */
const PROPERTY_NAMES: Readonly<Record<string, string>> = {
  A: 'ammunition', AF: 'ammunition (futuristic)', BF: 'burst fire', F: 'finesse', H: 'heavy', L: 'light', LD: 'loading',
  OTH: 'other', R: 'reach', RLD: 'reload', S: 'special', T: 'thrown', '2H': 'two-handed', V: 'versatile', ER: 'extended reach',
  Vst: 'vestige',
};

/** Copper pieces as a price: 1500 → "15 gp", 5 → "5 cp". */
export function priceText(cp: number): string {
  if (cp % 100 === 0) return `${(cp / 100).toLocaleString('en-US')} gp`;
  if (cp % 10 === 0) return `${(cp / 10).toLocaleString('en-US')} sp`;
  return `${cp.toLocaleString('en-US')} cp`;
}

export function damageText(row: Item): string {
  const damage = row.damage;
  if (!damage || typeof damage !== 'object') return '';
  const type = damage.type ? ` ${DAMAGE_TYPES[damage.type] ?? damage.type}` : '';
  const versatile = damage.versatile ? ` (versatile ${damage.versatile})` : '';
  return `${damage.dice}${type}${versatile}`;
}

export function ItemHeader({ row }: { row: Item }): JSX.Element {
  const properties = Array.isArray(row.properties) ? row.properties.map((code) => PROPERTY_NAMES[code] ?? code).join(', ') : '';
  const bonus = typeof row.magicBonus === 'number' && row.magicBonus !== 0 ? `${row.magicBonus > 0 ? '+' : ''}${row.magicBonus}` : '';
  return (
    <div class="entity-header">
      <p class="header-line">
        <em>{itemTypeLine(row)}</em>
      </p>
      <dl class="header-fields">
        <HeaderField label="Cost" value={typeof row.valueCp === 'number' ? priceText(row.valueCp) : ''} />
        <HeaderField label="Weight" value={typeof row.weightLb === 'number' ? `${row.weightLb} lb.` : ''} />
        <HeaderField label="Damage" value={damageText(row)} />
        <HeaderField label="Armor Class" value={typeof row.armorClass === 'number' ? String(row.armorClass) : ''} />
        <HeaderField label="Properties" value={properties} />
        <HeaderField label="Bonus" value={bonus} />
      </dl>
    </div>
  );
}
