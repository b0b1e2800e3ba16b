/**
 * Sample rows for the seven catalog entity tables, in real 5etools shapes (as the SRD 5.1
 * fixture has them), so the same rows keep passing as the JSON column schemas tighten. Used by
 * the table-driven repository tests: one factory per table, everything else shared.
 */
import type Database from 'better-sqlite3';
import type { Page, UpsertResult } from '../src-shared/catalog/define';
import type { Catalog, QueryPlan } from '../src-main/db';

/** The seven entity tables (races … feats), by catalog key. */
export const ENTITY_TABLES = ['races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats'] as const;
export type EntityTable = (typeof ENTITY_TABLES)[number];

export type SampleRow = Record<string, unknown>;

/** A stored row of any entity table: the common columns, and whatever else the table has. */
export interface StoredRow extends Record<string, unknown> {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A repository seen through the interface all seven share, for table-driven tests. Inputs are
 * `unknown` on purpose: the tests feed bad input, and the repository validates it at run time.
 */
export interface AnyRepository {
  create(input: unknown): StoredRow;
  get(id: string): StoredRow;
  find(id: string): StoredRow | undefined;
  update(id: string, patch: unknown): StoredRow;
  delete(id: string): { id: string };
  list(input?: unknown): Page<StoredRow>;
  count(filter?: unknown): number;
  batchUpsert(rows: unknown): UpsertResult;
  explainList(input?: unknown): QueryPlan;
}

export function repositoryOf(catalog: Catalog, key: EntityTable): AnyRepository {
  return catalog[key] as unknown as AnyRepository;
}

/** Rules text as 5etools nests it: strings with {@tag} markup, entries, lists, tables, insets. */
export const deepEntries = [
  'A target must succeed on a {@dc 15} Dexterity saving throw or take {@damage 8d6} fire damage.',
  {
    type: 'entries',
    name: 'Draconic Ancestry',
    entries: [
      'Choose one type of dragon from the {@b Draconic Ancestry} table.',
      {
        type: 'table',
        caption: 'Draconic Ancestry',
        colLabels: ['Dragon', 'Damage Type', 'Breath Weapon'],
        colStyles: ['col-3 text-center', 'col-3 text-center', 'col-6'],
        rows: [
          ['Black', 'Acid', '5 by 30 ft. line (Dex. save)'],
          ['Gold', 'Fire', '15 ft. cone (Dex. save)'],
        ],
      },
      {
        type: 'list',
        style: 'list-hang-notitle',
        items: [
          { type: 'item', name: 'Skill Proficiencies:', entry: '{@skill Insight}, {@skill Religion}' },
          'A plain list item with a {@condition blinded} tag',
        ],
      },
      {
        type: 'inset',
        name: 'Variant: Ünïcödé names ✨',
        entries: [
          'Quotes "double" and \'single\', a backslash \\, 50% off, snake_case and a dragon 🐉.',
          {
            type: 'entries',
            entries: [
              {
                type: 'list',
                items: ['deep', { type: 'entries', name: 'deeper', entries: ['{@dice 2d4 × 10|2d4 × 10|Starting Gold}'] }],
              },
            ],
          },
        ],
      },
    ],
  },
];

interface SampleOptions {
  id: string;
  name: string;
  sourceId?: string;
  ruleSystemId?: string;
}

function common({ id, name, sourceId = 'PHB', ruleSystemId = sourceId === 'XPHB' ? 'dnd5e-2024' : 'dnd5e-2014' }: SampleOptions) {
  return { id, name, ruleSystemId, sourceId };
}

/**
 * Per table: the smallest valid row, and a row with every writable column set.
 * `full` rows carry one value of every JSON shape the column takes in 5etools.
 */
export const samples: Record<EntityTable, { minimal: (o: SampleOptions) => SampleRow; full: (o: SampleOptions) => SampleRow }> = {
  races: {
    minimal: (o) => ({ ...common(o), raceType: 'race' }),
    full: (o) => ({
      ...common(o),
      page: 32,
      entries: deepEntries,
      raceType: 'race',
      size: 'M',
      speed: { walk: 30, swim: 30 },
      abilityScores: [{ str: 2, cha: 1 }],
      age: { mature: 15, max: 80 },
      alignmentTendency: 'Dragonborn tend to extremes (good or evil).',
      languageProficiencies: [{ common: true, draconic: true }],
      traitTags: ['Uncommon Race'],
    }),
  },
  classes: {
    minimal: (o) => ({ ...common(o), classType: 'class' }),
    full: (o) => ({
      ...common(o),
      page: 112,
      entries: deepEntries,
      classType: 'class',
      hitDie: 6,
      primaryAbilities: [{ int: true }],
      savingThrows: ['int', 'wis'],
      skillProficiencyCount: 2,
      skillProficiencyChoices: [{ choose: { from: ['arcana', 'history', 'insight', 'investigation', 'medicine', 'religion'], count: 2 } }],
      startingProficiencies: { weapons: ['{@item dagger|phb|daggers}', '{@item quarterstaff|phb|quarterstaffs}'] },
      startingEquipment: {
        additionalFromBackground: true,
        default: ['(a) a {@item quarterstaff|phb} or (b) a {@item dagger|phb}', 'A {@item spellbook|phb}'],
        goldAlternative: '{@dice 4d4 × 10|4d4 × 10|Starting Gold}',
        defaultData: [{ a: ['quarterstaff|phb'], b: ['dagger|phb'] }, { _: ['spellbook|phb'] }],
      },
      spellAbility: 'int',
      casterProgression: 'full',
      subclassTitle: 'Arcane Tradition',
      subclassLevel: 2,
      features: [
        { name: 'Spellcasting', source: 'PHB', level: 1, entries: ['You have a {@item spellbook|phb} containing six spells.'] },
        { name: 'Arcane Recovery', source: 'PHB', level: 1, entries: [{ type: 'entries', entries: ['Once per day ...'] }] },
      ],
      spellSlots: [
        {
          title: 'Spell Slots per Spell Level',
          colLabels: ['{@filter 1st|spells|level=1|class=Wizard}', '{@filter 2nd|spells|level=2|class=Wizard}'],
          rowsSpellProgression: [
            [2, 0],
            [3, 0],
            [4, 2],
          ],
        },
      ],
    }),
  },
  items: {
    minimal: (o) => ({ ...common(o) }),
    full: (o) => ({
      ...common(o),
      page: 212,
      entries: deepEntries,
      type: 'M',
      weightLb: 3.5,
      valueCp: 1500,
      armorClass: 18,
      damage: { dice: '1d8', type: 'S', versatile: '1d10' },
      properties: ['V'],
      rarity: 'rare',
      requiresAttunement: true,
      attunementPrereq: 'by a spellcaster',
      magicBonus: 1,
      additionalProperties: { weaponCategory: 'martial', bonusSpellAttack: '+1', lootTables: ['Magic Item Table F'] },
    }),
  },
  spells: {
    minimal: (o) => ({ ...common(o), level: 0 }),
    full: (o) => ({
      ...common(o),
      page: 241,
      entries: deepEntries,
      level: 3,
      school: 'V',
      castingTime: [{ number: 1, unit: 'action' }],
      range: { type: 'point', distance: { type: 'feet', amount: 150 } },
      components: { v: true, s: true, m: 'a tiny ball of bat guano and sulfur' },
      duration: [{ type: 'timed', duration: { type: 'minute', amount: 1 }, concentration: true }],
      isRitual: false,
      isConcentration: true,
      savingThrow: ['dexterity'],
      damageType: ['fire'],
      upcastInfo: [
        {
          type: 'entries',
          name: 'At Higher Levels',
          entries: ['The damage increases by {@scaledamage 8d6|3-9|1d6} for each slot level above 3rd.'],
        },
      ],
      classes: ['wizard', 'sorcerer'],
    }),
  },
  creatures: {
    minimal: (o) => ({ ...common(o) }),
    full: (o) => ({
      ...common(o),
      page: 166,
      entries: deepEntries,
      size: 'S',
      type: 'humanoid',
      typeTags: ['goblinoid'],
      alignment: ['N', 'E'],
      armorClass: [{ ac: 15, from: ['{@item leather armor|phb}', '{@item shield|phb}'] }],
      hitPoints: { average: 7, formula: '2d6' },
      speed: { walk: 30, fly: { number: 60, condition: '(hover)' }, canHover: true },
      abilityScores: { str: 8, dex: 14, con: 10, int: 10, wis: 8, cha: 8 },
      savingThrows: { dex: '+4' },
      skills: { stealth: '+6' },
      damageResistances: [{ resist: ['bludgeoning', 'piercing', 'slashing'], note: 'from nonmagical attacks', cond: true }],
      damageImmunities: ['poison'],
      conditionImmunities: ['poisoned'],
      senses: ['darkvision 60 ft.'],
      languages: ['Common', 'Goblin'],
      challengeRating: '1/4',
      proficiencyBonus: 2,
      traits: [{ name: 'Nimble Escape', entries: ['The goblin can take the {@action Disengage} or {@action Hide} action.'] }],
      actions: [
        {
          name: 'Scimitar',
          entries: ['{@atk mw} {@hit 4} to hit, reach 5 ft., one target. {@h}5 ({@damage 1d6 + 2}) slashing damage.'],
        },
      ],
      reactions: [{ name: 'Parry', entries: ['The goblin adds 2 to its AC against one melee attack that would hit it.'] }],
      legendaryActions: [{ name: 'Detect', entries: ['The goblin makes a Wisdom ({@skill Perception}) check.'] }],
      lairActions: ['On initiative count 20 (losing initiative ties), the goblin takes a lair action:', { type: 'list', items: ['Darkness falls.'] }],
      regionalEffects: ['The region around the lair is warped:', { type: 'list', items: ['Wolves howl at night.'] }],
      environment: ['forest', 'grassland'],
      isNpc: false,
    }),
  },
  backgrounds: {
    minimal: (o) => ({ ...common(o) }),
    full: (o) => ({
      ...common(o),
      page: 127,
      entries: deepEntries,
      skillProficiencies: [{ insight: true, religion: true }],
      languageProficiencies: [{ anyStandard: 2 }],
      toolProficiencies: [{ 'disguise kit': true, 'forgery kit': true }],
      startingEquipment: [
        { _: [{ item: 'holy symbol|phb', displayName: 'holy symbol' }, { special: 'sticks of incense', quantity: 5 }, 'common clothes|phb'] },
        { a: [{ item: 'book|phb', displayName: 'prayer book' }], b: [{ special: 'prayer wheel' }] },
      ],
      featureName: 'Shelter of the Faithful',
      featureText: 'You and your companions can expect to receive free healing and care at a temple.',
    }),
  },
  feats: {
    minimal: (o) => ({ ...common(o) }),
    full: (o) => ({
      ...common(o),
      page: 167,
      entries: deepEntries,
      prerequisites: [{ ability: [{ str: 13 }] }],
      abilityIncreases: [{ str: 1 }],
      featType: 'general',
    }),
  },
};

/** Columns SQLite requires that are not common to every entity table (raw SQL inserts). */
export const requiredColumns: Record<EntityTable, Record<string, string | number>> = {
  races: { race_type: 'race' },
  classes: { class_type: 'class' },
  items: {},
  spells: { level: 0 },
  creatures: {},
  backgrounds: {},
  feats: {},
};

/** Inserts a row with plain SQL, bypassing the repository (to reach the CHECK constraints). */
export function rawInsert(sqlite: Database.Database, table: EntityTable, id: string, columns: Record<string, unknown> = {}) {
  const values: Record<string, unknown> = {
    id,
    name: id,
    rule_system_id: 'dnd5e-2014',
    source_id: 'PHB',
    ...requiredColumns[table],
    ...columns,
  };
  const names = Object.keys(values);
  return sqlite
    .prepare(`INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`)
    .run(...Object.values(values));
}

/** A table's rows exactly as stored, by id (plus the spell_classes lookup for spells). */
export function snapshot(sqlite: Database.Database, table: string): unknown[] {
  const rows = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY id`).all();
  if (table !== 'spells') return rows;
  return [...rows, ...sqlite.prepare('SELECT * FROM spell_classes ORDER BY class_name, spell_id').all()];
}

/** Ids of a page, in order. */
export const idsOf = (page: { items: { id: unknown }[] }) => page.items.map((row) => row.id);
