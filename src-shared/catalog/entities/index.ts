import { ENTITY_KEYS, type EntityKey } from '../entity-keys';
import { backgroundEntity } from './backgrounds';
import { classEntity } from './classes';
import { contentReferenceEntity } from './content-references';
import { creatureEntity } from './creatures';
import { featEntity } from './feats';
import { importLogEntity } from './import-log';
import { itemEntity } from './items';
import { raceEntity } from './races';
import { ruleSystemEntity } from './rule-systems';
import { rulesTermEntity } from './rules-terms';
import { sourceEntity } from './sources';
import { spellEntity } from './spells';

export {
  backgroundEntity,
  classEntity,
  contentReferenceEntity,
  creatureEntity,
  featEntity,
  importLogEntity,
  itemEntity,
  raceEntity,
  ruleSystemEntity,
  rulesTermEntity,
  sourceEntity,
  spellEntity,
};

/**
 * Every catalog table, keyed by the name the API uses (`window.mimir.<key>`, IPC
 * `<key>:<verb>`), in dependency order (a table only references tables before it).
 */
export const catalogEntities = {
  ruleSystems: ruleSystemEntity,
  sources: sourceEntity,
  races: raceEntity,
  classes: classEntity,
  items: itemEntity,
  spells: spellEntity,
  creatures: creatureEntity,
  backgrounds: backgroundEntity,
  feats: featEntity,
  rulesTerms: rulesTermEntity,
  contentReferences: contentReferenceEntity,
  importLog: importLogEntity,
} as const satisfies Record<EntityKey, unknown>;

export type CatalogEntities = typeof catalogEntities;
export { ENTITY_KEYS, type EntityKey };

// Both directions: no definition without an API name, and no API name without a definition.
const _sameKeys: EntityKey extends keyof CatalogEntities ? true : never = true;
void _sameKeys;
