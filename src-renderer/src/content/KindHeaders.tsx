/**
 * Headers of races, classes (with their features by level), backgrounds, feats and sources:
 * the structured columns as a reader expects them, above the row's rules text.
 */
import type { JSX } from 'preact';
import { ABILITY_NAMES as ABILITY_LABELS } from '../../../src-shared/catalog/labels';
import type { RowOf } from '../kinds/rows';
import { Entries } from './Entries';
import { headerLine } from './headers';
import { capitalize, lookup, ordinal, SIZE_NAMES } from './labels';
import { HeaderField } from './SpellHeader';
import { speedText } from './StatBlock';

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);

const ABILITY_NAMES: Readonly<Record<string, string>> = ABILITY_LABELS;
const abilityName = (code: string): string => ABILITY_NAMES[code] ?? code;

/** `"common clothes|phb"` → "common clothes": 5etools writes `name|source` in data lists. */
const bareName = (text: string): string => text.split('|')[0] ?? text;

/** "any 2 standard", "choose 2 from Acrobatics, Athletics", "Insight, Religion". */
export function proficiencyText(value: unknown, names: (key: string) => string = capitalize): string {
  if (!Array.isArray(value)) return '';
  return value
    .filter(isRecord)
    .map((set) => {
      const parts: string[] = [];
      for (const [key, grant] of Object.entries(set)) {
        if (grant === true) parts.push(names(bareName(key)));
        else if (typeof grant === 'number' && key.startsWith('any')) {
          const what = key.slice(3).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
          parts.push(`any ${grant}${what ? ` ${what}` : ''}`);
        } else if (key === 'choose' && isRecord(grant) && Array.isArray(grant['from'])) {
          const count = typeof grant['count'] === 'number' ? grant['count'] : 1;
          parts.push(`choose ${count} from ${grant['from'].map((name) => (typeof name === 'string' ? names(bareName(name)) : '')).join(', ')}`);
        } else if (key === 'all' && isRecord(grant) && typeof grant['fromFilter'] === 'string') {
          parts.push(`all matching ${grant['fromFilter'].replace(/\|/g, ', ')}`);
        }
      }
      return parts.join(', ');
    })
    .filter(Boolean)
    .join('; or ');
}

/** `[{str: 2, cha: 1}]` → "Strength +2, Charisma +1". */
export function abilityBonusText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .filter(isRecord)
    .map((set) => {
      const parts: string[] = [];
      for (const [key, amount] of Object.entries(set)) {
        if (typeof amount === 'number' && key !== 'max') parts.push(`${abilityName(key)} ${amount >= 0 ? '+' : ''}${amount}`);
        else if (key === 'choose' && isRecord(amount)) {
          if (typeof amount['entry'] === 'string') parts.push(amount['entry']);
          else if (Array.isArray(amount['from'])) {
            const count = typeof amount['count'] === 'number' ? amount['count'] : 1;
            const by = typeof amount['amount'] === 'number' ? amount['amount'] : 1;
            parts.push(`${count === 1 ? 'one' : count} of ${amount['from'].map((code) => (typeof code === 'string' ? abilityName(code) : '')).join(', ')} +${by}`);
          } else if (isRecord(amount['weighted']) && Array.isArray(amount['weighted']['from'])) {
            parts.push(`choose from ${amount['weighted']['from'].map((code) => (typeof code === 'string' ? abilityName(code) : '')).join(', ')}`);
          }
        }
      }
      return parts.join(', ');
    })
    .filter(Boolean)
    .join('; or ');
}

function equipmentItem(item: unknown): string {
  if (typeof item === 'string') return bareName(item);
  if (!isRecord(item)) return '';
  const quantity = typeof item['quantity'] === 'number' && item['quantity'] > 1 ? `${item['quantity']} ` : '';
  const name =
    typeof item['displayName'] === 'string'
      ? item['displayName']
      : typeof item['item'] === 'string'
        ? bareName(item['item'])
        : typeof item['special'] === 'string'
          ? item['special']
          : typeof item['equipmentType'] === 'string'
            ? item['equipmentType'].replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
            : typeof item['value'] === 'number'
              ? `${item['value'] / 100} gp`
              : '';
  const contains = typeof item['containsValue'] === 'number' ? ` containing ${item['containsValue'] / 100} gp` : '';
  return `${quantity}${name}${contains}`;
}

/** Starting equipment lines: `_` always, lettered keys as alternatives "(a) … or (b) …". */
export function equipmentText(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((line) =>
    Object.entries(line)
      .map(([key, items]) => {
        const text = (Array.isArray(items) ? items : []).map(equipmentItem).filter(Boolean).join(', ');
        return key === '_' ? text : `(${key}) ${text}`;
      })
      .join(' or '),
  );
}

function prerequisiteText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .filter(isRecord)
    .map((set) => {
      const parts: string[] = [];
      const level = set['level'];
      if (typeof level === 'number') parts.push(`${ordinal(level)} level`);
      else if (isRecord(level) && typeof level['level'] === 'number') {
        const klass = isRecord(level['class']) && typeof level['class']['name'] === 'string' ? ` ${level['class']['name']}` : '';
        parts.push(`level ${level['level']}${klass}`);
      }
      if (Array.isArray(set['ability'])) {
        parts.push(
          set['ability']
            .filter(isRecord)
            .map((scores) => Object.entries(scores).map(([code, score]) => `${abilityName(code)} ${String(score)} or higher`).join(' and '))
            .join(' or '),
        );
      }
      if (Array.isArray(set['race'])) {
        parts.push(set['race'].filter(isRecord).map((race) => (typeof race['displayEntry'] === 'string' ? race['displayEntry'] : capitalize(String(race['name'] ?? '')))).join(' or '));
      }
      if (set['spellcasting'] === true || set['spellcasting2020'] === true) parts.push('the ability to cast at least one spell');
      if (typeof set['other'] === 'string') parts.push(set['other']);
      if (typeof set['note'] === 'string') parts.push(set['note']);
      return parts.filter(Boolean).join(', ');
    })
    .filter(Boolean)
    .join('; or ');
}

function Fields({ children }: { children: JSX.Element | (JSX.Element | null)[] }): JSX.Element {
  return <dl class="header-fields">{children}</dl>;
}

export function RaceHeader({ row }: { row: RowOf<'races'> }): JSX.Element {
  const age = isRecord(row.age)
    ? [typeof row.age['mature'] === 'number' ? `mature at ${row.age['mature']}` : '', typeof row.age['max'] === 'number' ? `live to about ${row.age['max']}` : '']
        .filter(Boolean)
        .join(', ')
    : '';
  return (
    <div class="entity-header">
      <p class="header-line">
        <em>{headerLine('races', row)}</em>
      </p>
      <Fields>
        <HeaderField label="Ability Scores" value={abilityBonusText(row.abilityScores)} />
        <HeaderField label="Size" value={lookup(SIZE_NAMES, row.size) ?? ''} />
        <HeaderField label="Speed" value={row.speed !== null ? speedText(row.speed) : ''} />
        <HeaderField label="Age" value={age} />
        <HeaderField label="Alignment" value={row.alignmentTendency ?? ''} />
        <HeaderField label="Languages" value={proficiencyText(row.languageProficiencies)} />
        <HeaderField label="Traits" value={Array.isArray(row.traitTags) ? row.traitTags.join(', ') : ''} />
      </Fields>
    </div>
  );
}

export function ClassHeader({ row }: { row: RowOf<'classes'> }): JSX.Element {
  const primary = Array.isArray(row.primaryAbilities)
    ? row.primaryAbilities.map((set) => Object.keys(set).map(abilityName).join(' and ')).join(' or ')
    : '';
  const saves = Array.isArray(row.savingThrows) ? row.savingThrows.map(abilityName).join(', ') : '';
  const start = isRecord(row.startingProficiencies) ? row.startingProficiencies : {};
  const listOf = (value: unknown): string =>
    Array.isArray(value)
      ? value.map((item) => (typeof item === 'string' ? item : isRecord(item) ? String(item['full'] ?? item['proficiency'] ?? '') : '')).filter(Boolean).join(', ')
      : '';
  const equipment = isRecord(row.startingEquipment) && Array.isArray(row.startingEquipment['default']) ? row.startingEquipment['default'] : [];
  const gold = isRecord(row.startingEquipment) && typeof row.startingEquipment['goldAlternative'] === 'string' ? row.startingEquipment['goldAlternative'] : '';
  return (
    <div class="entity-header">
      <p class="header-line">
        <em>{headerLine('classes', row)}</em>
      </p>
      <Fields>
        <HeaderField label="Hit Die" value={row.hitDie ? `d${row.hitDie}` : ''} />
        <HeaderField label="Primary Ability" value={primary} />
        <HeaderField label="Saving Throws" value={saves} />
        <HeaderField label="Armor" value={listOf(start['armor'])} />
        <HeaderField label="Weapons" value={listOf(start['weapons'])} />
        <HeaderField label="Tools" value={listOf(start['tools'])} />
        <HeaderField label="Skills" value={proficiencyText(row.skillProficiencyChoices)} />
        <HeaderField label="Spellcasting Ability" value={row.spellAbility ? abilityName(row.spellAbility) : ''} />
        <HeaderField label={row.subclassTitle ?? 'Subclass'} value={row.classType === 'class' && row.subclassLevel ? `at level ${row.subclassLevel}` : ''} />
        <HeaderField label="Starting Gold" value={gold} />
      </Fields>
      {equipment.length > 0 && (
        <div class="class-equipment">
          <h3>Starting Equipment</h3>
          <Entries entries={[{ type: 'list', items: equipment }]} />
        </div>
      )}
    </div>
  );
}

/** Features grouped by the level they are gained at. */
export function ClassFeatures({ row }: { row: RowOf<'classes'> }): JSX.Element | null {
  const features = Array.isArray(row.features) ? row.features.filter(isRecord) : [];
  if (features.length === 0) return null;
  const levels = new Map<number, Rec[]>();
  for (const feature of features) {
    const level = typeof feature['level'] === 'number' ? feature['level'] : 0;
    levels.set(level, [...(levels.get(level) ?? []), feature]);
  }
  return (
    <section class="class-features" aria-label="Features by level">
      <h3>Features</h3>
      {[...levels.entries()]
        .sort(([a], [b]) => a - b)
        .map(([level, list]) => (
          <section key={level} class="class-level" aria-label={`Level ${level}`}>
            <h4>Level {level}</h4>
            {list.map((feature, index) => (
              <div key={index} class="class-feature">
                <Entries entries={{ type: 'entries', name: String(feature['name'] ?? ''), entries: feature['entries'] }} depth={2} />
              </div>
            ))}
          </section>
        ))}
    </section>
  );
}

export function BackgroundHeader({ row }: { row: RowOf<'backgrounds'> }): JSX.Element {
  const equipment = equipmentText(row.startingEquipment);
  return (
    <div class="entity-header">
      <Fields>
        <HeaderField label="Skill Proficiencies" value={proficiencyText(row.skillProficiencies)} />
        <HeaderField label="Tool Proficiencies" value={proficiencyText(row.toolProficiencies)} />
        <HeaderField label="Languages" value={proficiencyText(row.languageProficiencies)} />
        <HeaderField label="Equipment" value={equipment.join('; ')} />
      </Fields>
      {row.featureName && (
        <section class="background-feature" aria-label={`Feature: ${row.featureName}`}>
          <h3>Feature: {row.featureName}</h3>
          <Entries entries={(row.featureText ?? '').split('\n')} />
        </section>
      )}
    </div>
  );
}

export function FeatHeader({ row }: { row: RowOf<'feats'> }): JSX.Element {
  return (
    <div class="entity-header">
      <p class="header-line">
        <em>{headerLine('feats', row)}</em>
      </p>
      <Fields>
        <HeaderField label="Prerequisite" value={prerequisiteText(row.prerequisites)} />
        <HeaderField label="Ability Score Increase" value={abilityBonusText(row.abilityIncreases)} />
      </Fields>
    </div>
  );
}

/** A condition, rule, action, sense, skill …: its term type. */
export function RulesTermHeader({ row }: { row: RowOf<'rulesTerms'> }): JSX.Element {
  return (
    <div class="entity-header">
      <p class="header-line">
        <em>{headerLine('rulesTerms', row)}</em>
      </p>
    </div>
  );
}

export function SourceHeader({ row }: { row: RowOf<'sources'> }): JSX.Element {
  const meta = isRecord(row.metadata) ? row.metadata : {};
  return (
    <div class="entity-header">
      <Fields>
        <HeaderField label="Abbreviation" value={row.abbreviation ?? row.id} />
        <HeaderField label="Rule System" value={row.ruleSystemId} />
        <HeaderField label="Published" value={row.publishedDate ?? ''} />
        <HeaderField label="Version" value={row.version ?? ''} />
        <HeaderField label="Author" value={typeof meta['author'] === 'string' ? meta['author'] : ''} />
        <HeaderField label="Kind" value={[row.isOfficial ? 'official' : 'homebrew', row.isSrd ? 'SRD' : ''].filter(Boolean).join(', ')} />
      </Fields>
    </div>
  );
}
