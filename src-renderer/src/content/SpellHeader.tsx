/** A spell's header as the Player's Handbook prints it: level and school, casting time, range, components, duration, classes. */
import type { JSX } from 'preact';
import type { RowOf } from '../kinds/rows';
import { spellLevelLine } from './headers';
import { capitalize } from './labels';
import { Markup } from './Markup';

type Spell = RowOf<'spells'>;
type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);

const UNIT_WORDS: Readonly<Record<string, string>> = { bonus: 'bonus action' };

function plural(amount: number, word: string): string {
  return `${amount} ${word}${amount === 1 ? '' : 's'}`;
}

export function castingTimeText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .filter(isRecord)
    .map((time) => {
      const unit = typeof time['unit'] === 'string' ? time['unit'] : '';
      if (unit === 'special') return 'Special';
      const word = UNIT_WORDS[unit] ?? unit;
      const amount = typeof time['number'] === 'number' ? time['number'] : 1;
      const condition = typeof time['condition'] === 'string' ? `, ${time['condition']}` : '';
      const note = typeof time['note'] === 'string' ? ` (${time['note']})` : '';
      return `${plural(amount, word)}${condition}${note}`;
    })
    .join(' or ');
}

const AREA_WORDS: Readonly<Record<string, string>> = {
  line: 'line',
  cube: 'cube',
  cone: 'cone',
  emanation: 'emanation',
  radius: 'radius',
  sphere: 'sphere',
  hemisphere: 'hemisphere',
  cylinder: 'cylinder',
};

export function rangeText(value: unknown): string {
  if (!isRecord(value)) return '';
  const type = typeof value['type'] === 'string' ? value['type'] : '';
  if (type === 'special') return 'Special';
  const distance = isRecord(value['distance']) ? value['distance'] : {};
  const unit = typeof distance['type'] === 'string' ? distance['type'] : '';
  const amount = typeof distance['amount'] === 'number' ? distance['amount'] : undefined;
  const area = AREA_WORDS[type];
  if (area) {
    const size = amount !== undefined ? `${amount}-${unit === 'miles' ? 'mile' : 'foot'} ${area}` : area;
    return `Self (${size})`;
  }
  switch (unit) {
    case 'self':
    case 'touch':
    case 'sight':
    case 'unlimited':
      return capitalize(unit);
    case 'plane':
      return 'Unlimited (same plane)';
    case 'feet':
      return amount !== undefined ? `${amount} feet` : 'Feet';
    case 'miles':
      return amount !== undefined ? plural(amount, 'mile') : 'Miles';
    default:
      return capitalize(unit || type);
  }
}

export function componentsText(value: unknown): string {
  if (!isRecord(value)) return '';
  const parts: string[] = [];
  if (value['v'] === true) parts.push('V');
  if (value['s'] === true) parts.push('S');
  const m = value['m'];
  if (typeof m === 'string') parts.push(`M (${m})`);
  else if (m === true) parts.push('M');
  else if (isRecord(m) && typeof m['text'] === 'string') parts.push(`M (${m['text']})`);
  if (value['r'] === true) parts.push('R');
  return parts.join(', ');
}

export function durationText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .filter(isRecord)
    .map((duration) => {
      switch (duration['type']) {
        case 'instant':
          return 'Instantaneous';
        case 'special':
          return 'Special';
        case 'permanent': {
          const ends = Array.isArray(duration['ends']) ? duration['ends'] : [];
          const words = ends.map((end) => (end === 'dispel' ? 'dispelled' : end === 'trigger' ? 'triggered' : end === 'discharge' ? 'discharged' : ''));
          return words.filter(Boolean).length > 0 ? `Until ${words.filter(Boolean).join(' or ')}` : 'Permanent';
        }
        case 'timed': {
          const inner = isRecord(duration['duration']) ? duration['duration'] : {};
          const unit = typeof inner['type'] === 'string' ? inner['type'] : '';
          const amount = typeof inner['amount'] === 'number' ? inner['amount'] : 1;
          const time = plural(amount, unit);
          if (duration['concentration'] === true) return `Concentration, up to ${time}`;
          return inner['upTo'] === true ? `Up to ${time}` : capitalize(time);
        }
        default:
          return '';
      }
    })
    .filter(Boolean)
    .join(' or ');
}

function Field({ label, value }: { label: string; value: string }): JSX.Element | null {
  if (value === '') return null;
  return (
    <div class="header-field">
      <dt>{label}</dt>
      <dd>
        <Markup text={value} />
      </dd>
    </div>
  );
}

export function SpellHeader({ row }: { row: Spell }): JSX.Element {
  const classes = Array.isArray(row.classes) ? row.classes.map(capitalize).join(', ') : '';
  return (
    <div class="entity-header">
      <p class="header-line">
        <em>{spellLevelLine(row)}</em>
      </p>
      <dl class="header-fields">
        <Field label="Casting Time" value={castingTimeText(row.castingTime)} />
        <Field label="Range" value={rangeText(row.range)} />
        <Field label="Components" value={componentsText(row.components)} />
        <Field label="Duration" value={durationText(row.duration)} />
        <Field label="Classes" value={classes} />
      </dl>
    </div>
  );
}

export { Field as HeaderField };
