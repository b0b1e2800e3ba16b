/** Cross-references between catalog rows: extraction, resolution, storage and lookup in both directions. */
export {
  attachedSpellReferences,
  brokenLinks,
  extractReferences,
  referencesAfterImport,
  type ImportReferenceReport,
  rebuildReferences,
  referencesInColumns,
  referencesOf,
  referencesOfInputSchema,
  writeReferencesFor,
  type BrokenLink,
  type ExtractedReference,
  type RebuildReport,
  type ReferenceDirection,
  type ReferenceEntry,
  type ReferenceGroup,
  type ReferenceOptions,
  type ReferencesOf,
  type ReferencesOfInput,
} from './references';
export { keepReferencesCurrent } from './upkeep';
