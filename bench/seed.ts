/**
 * Synthetic catalog rows shaped like 5etools data after import: nested `entries` with inline
 * `{@tag …}` markup, casting time / range / components / duration objects, creature stat blocks.
 * A fixed-seed generator makes every run read and write the same rows, so runs are comparable.
 */
import type { InsertOf } from '../src-shared/catalog/define';
import type { CatalogEntities } from '../src-shared/catalog/entities';
import type { Catalog } from '../src-main/db/catalog';

export type SpellInput = InsertOf<CatalogEntities['spells']>;
export type CreatureInput = InsertOf<CatalogEntities['creatures']>;

export const RULE_SYSTEM = 'dnd5e-2014';
export const SOURCES = ['PHB', 'XGE', 'TCE', 'MM', 'VGM', 'MTF'] as const;

/** mulberry32: small, fast, deterministic. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const pool = [...items];
    const out: T[] = [];
    for (let n = int(min, Math.min(max, pool.length)); n > 0; n--) out.push(pool.splice(int(0, pool.length - 1), 1)[0] as T);
    return out;
  };
  return { next, int, pick, some };
}
type Random = ReturnType<typeof random>;
type Entries = NonNullable<SpellInput['entries']>;

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const ADJECTIVES = [
  'Acid', 'Arcane', 'Blinding', 'Burning', 'Chaos', 'Chill', 'Crown', 'Dancing', 'Dark', 'Death', 'Dimension',
  'Divine', 'Dream', 'Eldritch', 'Fire', 'Flaming', 'Fog', 'Forbidden', 'Freezing', 'Ghostly', 'Greater', 'Guiding',
  'Hallowed', 'Healing', 'Hold', 'Ice', 'Illusory', 'Lesser', 'Lightning', 'Mage', 'Mass', 'Mind', 'Minor', 'Misty',
  'Phantom', 'Poison', 'Prismatic', 'Radiant', 'Ray', 'Sacred', 'Shadow', 'Shield', 'Spirit', 'Storm', 'Sunburst',
  'Thunder', 'True', 'Vampiric', 'Wall', 'Wind', 'Witch',
];
const NOUNS = [
  'Armor', 'Arrow', 'Aura', 'Barrier', 'Binding', 'Blade', 'Bolt', 'Burst', 'Cage', 'Charm', 'Cloud', 'Cone', 'Curse',
  'Eye', 'Fist', 'Gate', 'Globe', 'Guardian', 'Hand', 'Lance', 'Missile', 'Orb', 'Prison', 'Sanctuary', 'Servant',
  'Sight', 'Sphere', 'Step', 'Strike', 'Touch', 'Ward', 'Wave', 'Whip', 'Word',
];
const CLASSES = ['artificer', 'bard', 'cleric', 'druid', 'paladin', 'ranger', 'sorcerer', 'warlock', 'wizard'];
const SCHOOLS = ['A', 'C', 'D', 'E', 'I', 'N', 'T', 'V'] as const;
const DAMAGE = ['acid', 'cold', 'fire', 'force', 'lightning', 'necrotic', 'poison', 'psychic', 'radiant', 'thunder'] as const;
const SAVES = ['strength', 'dexterity', 'constitution', 'intelligence', 'wisdom', 'charisma'] as const;
const CONDITIONS = ['blinded', 'charmed', 'frightened', 'paralyzed', 'poisoned', 'prone', 'restrained', 'stunned'] as const;
const MATERIALS = [
  'a tiny ball of bat guano and sulfur', 'a pinch of powdered iron', 'a sprig of mistletoe', 'a bit of fleece',
  'a diamond worth at least 300 gp, which the spell consumes', 'a small crystal bead', 'a feather of any bird',
];

function sentence(r: Random): string {
  const parts = [
    `Each creature in a ${r.pick([10, 15, 20, 30, 40, 60])}-foot-radius sphere must make a {@skill ${r.pick(['Dexterity', 'Wisdom', 'Constitution'])}} saving throw.`,
    `A target takes {@damage ${r.int(1, 10)}d${r.pick([4, 6, 8, 10, 12])}} ${r.pick(DAMAGE)} damage on a failed save, or half as much damage on a successful one.`,
    `On a failed save, the creature is {@condition ${r.pick(CONDITIONS)}} until the end of your next turn.`,
    `You gain advantage on {@action Dash|PHB} checks and ignore {@variantrule difficult terrain|XPHB} for the duration.`,
    `The spell ends early if you cast {@spell ${r.pick(ADJECTIVES).toLowerCase()} ${r.pick(NOUNS).toLowerCase()}} again.`,
    'A flickering light fills the area; creatures inside it shed dim light in a 10-foot radius and cannot benefit from being {@condition invisible}.',
  ];
  return r.some(parts, 2, 4).join(' ');
}

function entries(r: Random): Entries {
  const out: Entries = [sentence(r), sentence(r)];
  if (r.next() < 0.4) out.push({ type: 'entries', name: r.pick(NOUNS), entries: [sentence(r)] });
  if (r.next() < 0.3) out.push({ type: 'list', items: [sentence(r), sentence(r), sentence(r)] });
  if (r.next() < 0.15) {
    out.push({
      type: 'table',
      colLabels: ['{@dice d6}', 'Effect'],
      colStyles: ['col-2 text-center', 'col-10'],
      rows: Array.from({ length: 6 }, (_, i) => [String(i + 1), sentence(r)]),
    });
  }
  return out;
}

export function spellRows(count: number, seed = 1, idPrefix = ''): SpellInput[] {
  const r = random(seed);
  return Array.from({ length: count }, (_, i): SpellInput => {
    const name = `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}${i >= ADJECTIVES.length * NOUNS.length ? ` ${Math.floor(i / 100)}` : ''}`;
    const sourceId = r.pick(SOURCES.slice(0, 3));
    const level = r.int(0, 9);
    const concentration = r.next() < 0.4;
    const damage = r.next() < 0.5 ? r.some(DAMAGE, 1, 2) : null;
    return {
      id: `${idPrefix}${slug(name)}-${i}-${sourceId.toLowerCase()}`,
      name,
      ruleSystemId: RULE_SYSTEM,
      sourceId,
      page: r.int(200, 290),
      entries: entries(r),
      level,
      school: r.pick(SCHOOLS),
      castingTime: [r.pick([{ number: 1, unit: 'action' }, { number: 1, unit: 'bonus' }, { number: 10, unit: 'minute' }])],
      range: { type: 'point', distance: r.pick([{ type: 'feet', amount: r.pick([30, 60, 120, 150]) }, { type: 'touch' }, { type: 'self' }]) },
      components: { v: true, s: r.next() < 0.8, ...(r.next() < 0.5 ? { m: r.pick(MATERIALS) } : {}) },
      duration: concentration
        ? [{ type: 'timed', duration: { type: r.pick(['minute', 'hour']), amount: r.pick([1, 10]) }, concentration: true }]
        : [{ type: 'instant' }],
      isRitual: r.next() < 0.1,
      isConcentration: concentration,
      savingThrow: r.next() < 0.5 ? [r.pick(SAVES)] : null,
      damageType: damage,
      upcastInfo:
        level > 0 && level < 9 && r.next() < 0.6
          ? [{ type: 'entries', name: 'At Higher Levels', entries: [`When you cast this spell using a spell slot of ${level + 1}th level or higher, the damage increases by {@scaledamage ${r.int(1, 8)}d6|${level}-9|1d6} for each slot level above ${level}th.`] }]
          : null,
      classes: r.some(CLASSES, 1, 4),
    };
  });
}

/** Creature types weighted by how often they occur (repeats make a type more likely). */
const CREATURE_TYPE_WEIGHTS = [
  'aberration', 'beast', 'beast', 'celestial', 'construct', 'dragon', 'elemental', 'fey', 'fiend', 'giant',
  'humanoid', 'humanoid', 'humanoid', 'monstrosity', 'monstrosity', 'ooze', 'plant', 'undead', 'undead',
] as const;
const CREATURE_WORDS = [
  'Abyssal', 'Ancient', 'Ash', 'Blood', 'Bone', 'Cave', 'Cinder', 'Dire', 'Dread', 'Dust', 'Frost', 'Giant', 'Grave',
  'Hill', 'Iron', 'Marsh', 'Night', 'Plague', 'Salt', 'Shadow', 'Storm', 'Swamp', 'Thorn', 'Void', 'War', 'Young',
];
const CREATURE_NOUNS = [
  'Basilisk', 'Bear', 'Chimera', 'Drake', 'Ghoul', 'Gnoll', 'Golem', 'Griffon', 'Hag', 'Harpy', 'Hound', 'Hydra',
  'Knight', 'Lich', 'Mage', 'Mummy', 'Naga', 'Ogre', 'Rat', 'Scout', 'Serpent', 'Spider', 'Troll', 'Wight', 'Wolf',
  'Wraith', 'Wyrm',
];
const CRS = ['0', '1/8', '1/4', '1/2', ...Array.from({ length: 30 }, (_, i) => String(i + 1))];
const ENVIRONMENTS = ['arctic', 'coastal', 'desert', 'forest', 'grassland', 'hill', 'mountain', 'swamp', 'underdark', 'urban'];

function action(r: Random, name: string) {
  return {
    name,
    entries: [
      `{@atk ${r.pick(['mw', 'rw', 'ms'])}} {@hit ${r.int(2, 14)}} to hit, reach ${r.pick([5, 10, 15])} ft., one target. {@h}${r.int(4, 60)} ({@damage ${r.int(1, 6)}d${r.pick([6, 8, 10, 12])} + ${r.int(1, 8)}}) ${r.pick(['piercing', 'slashing', 'bludgeoning', ...DAMAGE])} damage.`,
    ],
  };
}

export function creatureRows(count: number, seed = 2, idPrefix = ''): CreatureInput[] {
  const r = random(seed);
  return Array.from({ length: count }, (_, i): CreatureInput => {
    const name = `${r.pick(CREATURE_WORDS)} ${r.pick(CREATURE_NOUNS)}${i >= CREATURE_WORDS.length * CREATURE_NOUNS.length ? ` ${Math.floor(i / 100)}` : ''}`;
    const sourceId = r.pick(SOURCES.slice(3));
    // Low ratings are far more common, as in the real bestiary.
    const crIndex = Math.min(CRS.length - 1, Math.floor(r.next() ** 2 * CRS.length));
    const cr = CRS[crIndex] as string;
    const type = r.pick(CREATURE_TYPE_WEIGHTS);
    const legendary = crIndex > 18 && r.next() < 0.6;
    const score = () => r.int(3, 24);
    return {
      id: `${idPrefix}${slug(name)}-${i}-${sourceId.toLowerCase()}`,
      name,
      ruleSystemId: RULE_SYSTEM,
      sourceId,
      page: r.int(10, 400),
      entries: r.next() < 0.3 ? [sentence(r)] : [],
      size: r.pick(['T', 'S', 'M', 'M', 'M', 'L', 'H', 'G'] as const),
      type,
      typeTags: type === 'humanoid' ? [r.pick(['human', 'elf', 'goblinoid', 'gnoll'])] : null,
      alignment: r.pick([['L', 'E'], ['N'], ['C', 'E'], ['U'], ['N', 'G']]),
      armorClass: [r.next() < 0.5 ? r.int(10, 22) : { ac: r.int(12, 22), from: ['natural armor'] }],
      hitPoints: { average: r.int(1, 500), formula: `${r.int(1, 30)}d${r.pick([6, 8, 10, 12, 20])} + ${r.int(0, 150)}` },
      speed: r.next() < 0.3 ? { walk: 30, fly: { number: 60, condition: '(hover)' }, canHover: true } : { walk: r.pick([20, 30, 40, 50]) },
      abilityScores: { str: score(), dex: score(), con: score(), int: score(), wis: score(), cha: score() },
      savingThrows: r.next() < 0.3 ? { dex: `+${r.int(1, 9)}`, wis: `+${r.int(1, 9)}` } : null,
      skills: { perception: `+${r.int(1, 12)}`, ...(r.next() < 0.5 ? { stealth: `+${r.int(1, 10)}` } : {}) },
      damageResistances: r.next() < 0.3 ? r.some(DAMAGE, 1, 3) : null,
      damageImmunities: r.next() < 0.2 ? r.some(DAMAGE, 1, 2) : null,
      conditionImmunities: r.next() < 0.2 ? r.some(CONDITIONS, 1, 3) : null,
      senses: r.next() < 0.6 ? [`darkvision ${r.pick([60, 120])} ft.`] : null,
      languages: r.next() < 0.7 ? r.some(['Common', 'Draconic', 'Elvish', 'Giant', 'Infernal', 'Abyssal'], 1, 3) : null,
      challengeRating: cr,
      proficiencyBonus: Math.max(2, Math.min(9, 2 + Math.floor((Math.max(1, crIndex - 3) - 1) / 4))),
      traits: r.next() < 0.8 ? [{ name: r.pick(['Keen Smell', 'Pack Tactics', 'Magic Resistance', 'Amphibious']), entries: [sentence(r)] }] : null,
      actions: [
        { name: 'Multiattack', entries: [`The ${name.toLowerCase()} makes two attacks.`] },
        action(r, r.pick(['Bite', 'Claw', 'Slam', 'Longsword', 'Tail'])),
        action(r, r.pick(['Gore', 'Shortbow', 'Spear', 'Sting'])),
      ],
      reactions: r.next() < 0.15 ? [{ name: 'Parry', entries: [sentence(r)] }] : null,
      legendaryActions: legendary ? [action(r, 'Tail Attack'), { name: 'Wing Attack (Costs 2 Actions)', entries: [sentence(r)] }] : null,
      lairActions: legendary ? [{ type: 'list', items: [sentence(r), sentence(r)] }] : null,
      regionalEffects: legendary ? [sentence(r)] : null,
      environment: r.some(ENVIRONMENTS, 1, 3),
      isNpc: r.next() < 0.05,
    };
  });
}

/** The rule system and books the synthetic rows point at. */
export function seedReferences(catalog: Catalog): void {
  catalog.ruleSystems.batchUpsert([{ id: RULE_SYSTEM, name: 'Dungeons & Dragons 5th Edition (2014)' }]);
  catalog.sources.batchUpsert(SOURCES.map((id) => ({ id, ruleSystemId: RULE_SYSTEM, fullName: `Book ${id}` })));
}
