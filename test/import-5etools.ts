/** Shared by the unit tests of the 5etools importer (the mapper tests beside each kind). */
import { expect } from 'vitest';
import type { EntityDefinition } from '../src-shared/catalog/define';
import { ImportContext } from '../src-main/import/5etools/context';
import type { CollectionKey } from '../src-main/import/5etools/files';
import { reporterFor, resolveStage } from '../src-main/import/5etools/prepare';
import { versionsOf } from '../src-main/import/5etools/resolve';
import type { Raw } from '../src-main/import/5etools/types';

/** The books the hand-written records name: 2014 core, 2024 core, and a 2017 "X" book. */
export const BOOKS: Raw[] = [
  { id: 'PHB', name: "Player's Handbook (2014)", source: 'PHB', published: '2014-08-19', group: 'core' },
  { id: 'MM', name: 'Monster Manual (2014)', source: 'MM', published: '2014-09-30', group: 'core' },
  { id: 'DMG', name: "Dungeon Master's Guide (2014)", source: 'DMG', published: '2014-12-09', group: 'core' },
  { id: 'XGE', name: "Xanathar's Guide to Everything", source: 'XGE', published: '2017-11-21', group: 'supplement' },
  { id: 'XPHB', name: "Player's Handbook (2024)", source: 'XPHB', published: '2024-09-17', group: 'core' },
  { id: 'XDMG', name: "Dungeon Master's Guide (2024)", source: 'XDMG', published: '2024-11-12', group: 'core' },
];

export function makeContext(books: Raw[] = BOOKS): ImportContext {
  return new ImportContext(books);
}

/** Asserts that `row` passes the table's insert schema (the zod shapes of every JSON column). */
export function expectValidRow(definition: EntityDefinition, row: unknown): void {
  const result = definition.insert.safeParse(row);
  expect(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 3))).toBe(true);
}

/** Records as the mappers get them: through the resolve stage (`_copy`, `_versions` …), its skips and warnings in `ctx`. */
export function resolved(ctx: ImportContext, collections: Partial<Record<CollectionKey, Raw[]>>): Record<CollectionKey, Raw[]> & { unresolved: { record: Raw; reason: string }[] } {
  const { collections: out, unresolved } = resolveStage(collections, ctx);
  return Object.assign(out, { unresolved: unresolved.get('legendaryGroup') ?? [] });
}

/** The subrace versions callback the pipeline gives mapRaces. */
export function subraceVersionsFor(ctx: ImportContext): (merged: Raw) => Raw[] {
  return (merged) => versionsOf('subrace', merged, reporterFor(ctx, new Map()));
}
