/**
 * The contract's own insert and update schemas of each kind (src-shared/catalog/entities), loaded
 * when a form first needs them. They bring zod, drizzle's table definitions and drizzle-zod into
 * the renderer; loading them on demand keeps all of that out of the bundle that starts the app
 * (the figures are in the README). One module per kind, so a form loads only its kind's.
 */
import type { z } from 'zod';
import type { BrowseKind } from '../app/route';

export interface KindSchemas {
  insert: z.ZodType;
  update: z.ZodType;
}

const LOADERS: Record<BrowseKind, () => Promise<KindSchemas>> = {
  spells: () => import('../../../src-shared/catalog/entities/spells').then((m) => m.spellEntity),
  creatures: () => import('../../../src-shared/catalog/entities/creatures').then((m) => m.creatureEntity),
  items: () => import('../../../src-shared/catalog/entities/items').then((m) => m.itemEntity),
  races: () => import('../../../src-shared/catalog/entities/races').then((m) => m.raceEntity),
  classes: () => import('../../../src-shared/catalog/entities/classes').then((m) => m.classEntity),
  backgrounds: () => import('../../../src-shared/catalog/entities/backgrounds').then((m) => m.backgroundEntity),
  feats: () => import('../../../src-shared/catalog/entities/feats').then((m) => m.featEntity),
  rulesTerms: () => import('../../../src-shared/catalog/entities/rules-terms').then((m) => m.rulesTermEntity),
  sources: () => import('../../../src-shared/catalog/entities/sources').then((m) => m.sourceEntity),
};

const loaded = new Map<BrowseKind, Promise<KindSchemas>>();

export function loadSchemas(kind: BrowseKind): Promise<KindSchemas> {
  let schemas = loaded.get(kind);
  if (!schemas) {
    schemas = import('./zod-config').then(() => LOADERS[kind]());
    schemas.catch(() => loaded.delete(kind));
    loaded.set(kind, schemas);
  }
  return schemas;
}
