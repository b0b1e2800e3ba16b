/**
 * The API names of the catalog tables (`window.mimir.<key>`, IPC `<key>:<verb>`), in
 * dependency order. Plain data, so the preload can name channels without loading the schemas;
 * entities/index.ts maps each key to its definition and the compiler keeps the two in step.
 */
export const ENTITY_KEYS = [
  'ruleSystems',
  'sources',
  'races',
  'classes',
  'items',
  'spells',
  'creatures',
  'backgrounds',
  'feats',
  'rulesTerms',
  'contentReferences',
  'importLog',
] as const;

export type EntityKey = (typeof ENTITY_KEYS)[number];
