/**
 * A creature's stat block as the Monster Manual prints it: type line, armor class, hit points,
 * speed, ability scores, saves, skills, damage and condition immunities, senses, languages,
 * challenge; then traits, actions, bonus actions, reactions, legendary and mythic actions, lair
 * actions and regional effects. Each part is read defensively: a homebrew row may hold anything
 * its schema allows, or less.
 */
import type { JSX } from 'preact';
import type { RowOf } from '../kinds/rows';
import { Entries } from './Entries';
import { creatureTypeLine } from './headers';
import { Markup } from './Markup';

type Creature = RowOf<'creatures'>;
type Rec = Record<string, unknown>;

const isRecord = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);

const ABILITY_ORDER = ['str', 'dex', 'con', 'int', 'wis', 'cha'] as const;
const ABILITY_SHORT: Readonly<Record<(typeof ABILITY_ORDER)[number], string>> = { str: 'STR', dex: 'DEX', con: 'CON', int: 'INT', wis: 'WIS', cha: 'CHA' };
const SAVE_NAMES: Readonly<Record<(typeof ABILITY_ORDER)[number], string>> = { str: 'Str', dex: 'Dex', con: 'Con', int: 'Int', wis: 'Wis', cha: 'Cha' };

/** Experience points by challenge rating (DMG p. 274; MM p. 9). */
const XP_BY_CR: Readonly<Record<string, number>> = {
  '0': 10, '1/8': 25, '1/4': 50, '1/2': 100, '1': 200, '2': 450, '3': 700, '4': 1100, '5': 1800, '6': 2300, '7': 2900,
  '8': 3900, '9': 5000, '10': 5900, '11': 7200, '12': 8400, '13': 10000, '14': 11500, '15': 13000, '16': 15000, '17': 18000,
  '18': 20000, '19': 22000, '20': 25000, '21': 33000, '22': 41000, '23': 50000, '24': 62000, '25': 75000, '26': 90000,
  '27': 105000, '28': 120000, '29': 135000, '30': 155000,
};

function modifier(score: number): string {
  const mod = Math.floor((score - 10) / 2);
  return mod >= 0 ? `+${mod}` : `\u2212${-mod}`;
}

export function armorClassText(value: unknown): string {
  if (!Array.isArray(value)) return typeof value === 'number' ? String(value) : '';
  return value
    .map((part, index) => {
      if (typeof part === 'number') return String(part);
      if (!isRecord(part)) return '';
      if (typeof part['special'] === 'string') return part['special'];
      const ac = typeof part['ac'] === 'number' ? String(part['ac']) : '';
      const from = Array.isArray(part['from']) ? part['from'].filter((f) => typeof f === 'string').join(', ') : '';
      const condition = typeof part['condition'] === 'string' ? part['condition'] : '';
      const text = [ac, from ? `(${from})` : '', condition].filter(Boolean).join(' ');
      return part['braces'] === true || (index > 0 && condition) ? `(${text})` : text;
    })
    .filter(Boolean)
    .join(' ');
}

function hitPointsText(value: unknown): string {
  if (!isRecord(value)) return '';
  if (typeof value['special'] === 'string') return value['special'];
  const average = typeof value['average'] === 'number' ? String(value['average']) : '';
  const formula = typeof value['formula'] === 'string' ? ` (${value['formula']})` : '';
  return `${average}${formula}`;
}

function speedPart(value: unknown): string {
  if (typeof value === 'number') return `${value} ft.`;
  if (value === true) return 'equal to your walking speed';
  if (isRecord(value) && typeof value['number'] === 'number') return `${value['number']} ft.${typeof value['condition'] === 'string' ? ` ${value['condition']}` : ''}`;
  return '';
}

export function speedText(value: unknown): string {
  if (typeof value === 'number') return `${value} ft.`;
  if (!isRecord(value)) return '';
  const parts: string[] = [];
  for (const mode of ['walk', 'burrow', 'climb', 'fly', 'swim'] as const) {
    const text = speedPart(value[mode]);
    if (!text) continue;
    const hover = mode === 'fly' && value['canHover'] === true && !text.includes('hover') ? ' (hover)' : '';
    parts.push(mode === 'walk' ? text : `${mode} ${text}${hover}`);
    const alternates = isRecord(value['alternate']) ? value['alternate'][mode] : undefined;
    if (Array.isArray(alternates)) for (const alternate of alternates) parts.push(`${mode === 'walk' ? '' : `${mode} `}${speedPart(alternate)}`);
  }
  const choose = value['choose'];
  if (isRecord(choose) && Array.isArray(choose['from'])) {
    parts.push(`${choose['from'].join(' or ')} ${String(choose['amount'] ?? '')} ft.${typeof choose['note'] === 'string' ? ` ${choose['note']}` : ''}`);
  }
  return parts.join(', ');
}

function bonusList(value: unknown, names: (key: string) => string): string {
  if (!isRecord(value)) return '';
  const parts: string[] = [];
  for (const [key, bonus] of Object.entries(value)) {
    if (key === 'special' && typeof bonus === 'string') parts.push(bonus);
    else if (key === 'other' && Array.isArray(bonus)) {
      for (const other of bonus) {
        if (isRecord(other) && isRecord(other['oneOf'])) parts.push(`one of ${bonusList(other['oneOf'], names)}`);
      }
    } else if (typeof bonus === 'string') parts.push(`${names(key)} ${bonus}`);
  }
  return parts.join(', ');
}

const capitalizeWords = (text: string): string => text.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());

/** Damage and condition lists: plain words, groups with a note ("… from nonmagical attacks"), or special text. */
function defenceList(value: unknown, groupKey: string): string {
  if (!Array.isArray(value)) return '';
  const plain: string[] = [];
  const groups: string[] = [];
  for (const part of value) {
    if (typeof part === 'string') plain.push(part);
    else if (isRecord(part)) {
      if (typeof part['special'] === 'string') groups.push(part['special']);
      else if (Array.isArray(part[groupKey])) {
        const inner = defenceList(part[groupKey], groupKey);
        const pre = typeof part['preNote'] === 'string' ? `${part['preNote']} ` : '';
        const note = typeof part['note'] === 'string' ? ` ${part['note']}` : '';
        groups.push(`${pre}${inner}${note}`);
      }
    }
  }
  return [plain.join(', '), ...groups].filter(Boolean).join('; ');
}

/** One labelled line; its text may hold markup (`12 (15 with {@spell mage armor})`). */
function Line({ label, children }: { label: string; children: string }): JSX.Element {
  return (
    <p class="stat-line">
      <strong>{label}</strong> <Markup text={children} />
    </p>
  );
}

function StatSection({ title, entries, untitled }: { title: string; entries: unknown[]; untitled?: boolean }): JSX.Element | null {
  if (entries.length === 0) return null;
  return (
    <section class="stat-section" aria-label={title}>
      {!untitled && <h3 class="stat-section-title">{title}</h3>}
      <Entries entries={entries} depth={2} />
    </section>
  );
}

/** Splits the importer's named groups ("Bonus Actions", "Mythic Actions") out of a stat-block column. */
function splitGroup(value: unknown, name: string): { rest: unknown[]; group: unknown[] } {
  const rest: unknown[] = [];
  const group: unknown[] = [];
  for (const part of Array.isArray(value) ? value : []) {
    if (isRecord(part) && part['type'] === 'entries' && part['name'] === name && Array.isArray(part['entries'])) group.push(...part['entries']);
    else rest.push(part);
  }
  return { rest, group };
}

export function StatBlock({ row }: { row: Creature }): JSX.Element {
  const scores = isRecord(row.abilityScores) ? row.abilityScores : undefined;
  const saves = bonusList(row.savingThrows, (key) => SAVE_NAMES[key as keyof typeof SAVE_NAMES] ?? key);
  const skills = bonusList(row.skills, capitalizeWords);
  const resist = defenceList(row.damageResistances, 'resist');
  const immune = defenceList(row.damageImmunities, 'immune');
  const conditions = defenceList(row.conditionImmunities, 'conditionImmune');
  const senses = Array.isArray(row.senses) ? row.senses.join(', ') : '';
  const languages = Array.isArray(row.languages) && row.languages.length > 0 ? row.languages.join(', ') : '\u2014';
  const cr = row.challengeRating;
  const xp = cr !== null && XP_BY_CR[cr] !== undefined ? ` (${XP_BY_CR[cr].toLocaleString('en-US')} XP)` : '';
  const actions = splitGroup(row.actions, 'Bonus Actions');
  const legendary = splitGroup(row.legendaryActions, 'Mythic Actions');
  return (
    <div class="stat-block" role="group" aria-label="Stat block">
      <p class="stat-type-line">
        <em>
          <Markup text={creatureTypeLine(row)} />
        </em>
      </p>
      <div class="stat-core">
        {row.armorClass && <Line label="Armor Class">{armorClassText(row.armorClass)}</Line>}
        {row.hitPoints && <Line label="Hit Points">{hitPointsText(row.hitPoints)}</Line>}
        {row.speed !== null && <Line label="Speed">{speedText(row.speed)}</Line>}
      </div>
      {scores && (
        <table class="stat-abilities" aria-label="Ability scores">
          <thead>
            <tr>
              {ABILITY_ORDER.map((ability) => (
                <th key={ability} scope="col">
                  {ABILITY_SHORT[ability]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {ABILITY_ORDER.map((ability) => {
                const score = scores[ability];
                return <td key={ability}>{typeof score === 'number' ? `${score} (${modifier(score)})` : '\u2014'}</td>;
              })}
            </tr>
          </tbody>
        </table>
      )}
      <div class="stat-details">
        {saves && <Line label="Saving Throws">{saves}</Line>}
        {skills && <Line label="Skills">{skills}</Line>}
        {resist && <Line label="Damage Resistances">{resist}</Line>}
        {immune && <Line label="Damage Immunities">{immune}</Line>}
        {conditions && <Line label="Condition Immunities">{conditions}</Line>}
        {senses && <Line label="Senses">{senses}</Line>}
        <Line label="Languages">{languages}</Line>
        {cr !== null && (
          <Line label="Challenge">{`${cr}${xp}${row.proficiencyBonus !== null ? `; Proficiency Bonus +${row.proficiencyBonus}` : ''}`}</Line>
        )}
      </div>
      <StatSection title="Traits" untitled entries={Array.isArray(row.traits) ? row.traits : []} />
      <StatSection title="Actions" entries={actions.rest} />
      <StatSection title="Bonus Actions" entries={actions.group} />
      <StatSection title="Reactions" entries={Array.isArray(row.reactions) ? row.reactions : []} />
      <StatSection title="Legendary Actions" entries={legendary.rest} />
      <StatSection title="Mythic Actions" entries={legendary.group} />
      <StatSection title="Lair Actions" entries={Array.isArray(row.lairActions) ? row.lairActions : []} />
      <StatSection title="Regional Effects" entries={Array.isArray(row.regionalEffects) ? row.regionalEffects : []} />
    </div>
  );
}
