/**
 * Valid create inputs for every catalog table, in the shapes real data has (the entity tables
 * reuse test/entity-samples, which follows the 5etools SRD fixture). Test-only. Rows reference
 * the rule system `dnd5e-2014` and the book `PHB`, which the caller creates first.
 */
import type { EntityKey } from '../src-shared/catalog/entities';
import { samples, type EntityTable } from './entity-samples';

export type SampleRow = Record<string, unknown>;

export const SAMPLE_NAMES: Record<EntityTable, string> = {
  races: 'Dragonborn',
  classes: 'Wizard',
  items: 'Longsword',
  spells: 'Fireball',
  creatures: 'Goblin',
  backgrounds: 'Acolyte',
  feats: 'Grappler',
};

const slugOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** Create input number `n` of a table; distinct `n` give distinct rows (ids and unique keys). */
export function sampleRow(key: EntityKey, n: number): SampleRow {
  switch (key) {
    case 'ruleSystems':
      return {
        id: `homebrew-${n}`,
        name: `Homebrew System ${n}`,
        shortName: `HB${n}`,
        publisher: 'The Table',
        version: '1.0',
        isActive: true,
        metadata: { edition: n, notes: ['house rules'] },
      };
    case 'sources':
      return {
        id: ['MM', 'DMG'][n - 1] ?? `HB${n}`,
        ruleSystemId: 'dnd5e-2014',
        fullName: ['Monster Manual (2014)', "Dungeon Master's Guide (2014)"][n - 1] ?? `Homebrew ${n}`,
        abbreviation: ['MM', 'DMG'][n - 1] ?? null,
        publishedDate: ['2014-09-30', '2014-12-09'][n - 1] ?? null,
        isSrd: true,
        metadata: { author: 'Wizards RPG Team', group: 'core', cover: { type: 'internal', path: 'covers/MM.webp' } },
      };
    case 'contentReferences':
      return {
        sourceEntityId: 'goblin-mm',
        sourceEntityType: 'creatures',
        targetEntityId: ['scimitar-phb', 'shortbow-phb'][n - 1] ?? `item-${n}-phb`,
        targetEntityType: 'items',
        ruleSystemId: 'dnd5e-2014',
        referenceType: 'mentions',
        context: n === 1 ? '{@atk mw} {@hit 4} to hit ({@item scimitar|phb})' : null,
      };
    case 'importLog':
      // Explicit ids, so that batch upserts can recognise a row they stored before.
      return {
        id: 100 + n,
        filePath: `/home/dm/5etools/data/spells-${n}.json`,
        fileType: '5etools',
        ruleSystemId: 'dnd5e-2014',
        sourceId: 'PHB',
        importStatus: n === 1 ? 'success' : 'partial',
        recordsProcessed: 319,
        recordsImported: n === 1 ? 319 : 300,
        startedAt: `2024-05-${String(n).padStart(2, '0')}T10:00:00.000Z`,
        completedAt: `2024-05-${String(n).padStart(2, '0')}T10:00:02.500Z`,
        metadata: { version: '2.31.0', skipped: n === 1 ? [] : [{ name: 'Wish', reason: 'copy target missing' }] },
      };
    case 'rulesTerms':
      return {
        id: `frightened-${n}-phb`,
        name: `Frightened ${n}`,
        ruleSystemId: 'dnd5e-2014',
        sourceId: 'PHB',
        page: 290,
        termType: 'condition',
        entries: [{ type: 'list', items: ['A frightened creature has disadvantage on ability checks and attack rolls.'] }],
        reprintedAs: [`Frightened ${n}|XPHB`],
      };
    default: {
      const name = `${SAMPLE_NAMES[key]} ${n}`;
      return samples[key].full({ id: `${slugOf(name)}-phb`, name });
    }
  }
}

/** The rule systems and books sample rows point at (one definition, in ./helpers). */
export { SEED_RULE_SYSTEMS, SEED_SOURCES } from './helpers';
