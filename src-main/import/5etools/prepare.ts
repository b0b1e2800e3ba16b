/**
 * Everything short of writing: reads a data folder, maps every record to catalog rows (pure
 * functions, one module per kind) and checks each row against its table's zod schema.
 * Mapping rules: README.md.
 */
import type { z } from 'zod';
import type { EntityDefinition } from '../../../src-shared/catalog/define';
import { catalogEntities } from '../../../src-shared/catalog/entities';
import { issuesOf } from '../../../src-shared/validation';
import { mapBackgrounds } from './backgrounds';
import { mapClasses } from './classes';
import { ImportContext } from './context';
import { mapCreatures } from './creatures';
import { mapFeats } from './feats';
import { readDataSet } from './files';
import { mapItems } from './items';
import { mapRaces } from './races';
import { mapSources, tallySrd } from './sources';
import { buildSpellClassLookup, mapSpells } from './spells';
import { IMPORT_KINDS, type ImportKind, type ImportProgress, type ImportWarning, type Mapped, type SkippedRecord } from './types';

export interface PrepareOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Aborting it stops the preparation at the next record: `Cancelled` is thrown. */
  signal?: AbortSignal;
}

/** Table key of each kind, and the column that points at a parent row of the same table. */
export const TABLES: Record<ImportKind, { key: keyof typeof catalogEntities; parent?: string }> = {
  sources: { key: 'sources' },
  races: { key: 'races', parent: 'parentRaceId' },
  classes: { key: 'classes', parent: 'parentClassId' },
  items: { key: 'items', parent: 'baseItemId' },
  spells: { key: 'spells' },
  creatures: { key: 'creatures' },
  backgrounds: { key: 'backgrounds' },
  feats: { key: 'feats' },
};

export type Row = Record<string, unknown> & { id: string; name?: string; fullName?: string; sourceId?: string };

export interface PreparedImport {
  rows: Record<ImportKind, Row[]>;
  read: Record<ImportKind, number>;
  generated: Record<ImportKind, number>;
  skipped: SkippedRecord[];
  warnings: ImportWarning[];
  files: string[];
}

function issueText(error: z.ZodError): string {
  const issue = issuesOf(error)[0];
  if (!issue) return 'rejected';
  return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

/**
 * Keeps the rows that can be written: each checked against the table's insert schema, ids unique,
 * parents (subrace → race, subclass → class, variant → base item) among the rows kept before it.
 */
export function acceptRows(kind: ImportKind, rows: Row[], definition: EntityDefinition, ctx: ImportContext, parentKey?: string): Row[] {
  const kept: Row[] = [];
  const owners = new Map<string, string>();
  for (const row of rows) {
    const label = { name: row.name ?? row.fullName ?? row.id, source: row.sourceId ?? row.id };
    const owner = owners.get(row.id);
    if (owner !== undefined) {
      ctx.skip(kind, label, `its id ${row.id} is already taken by ${owner}`);
      continue;
    }
    const parent = parentKey ? row[parentKey] : undefined;
    if (typeof parent === 'string' && !owners.has(parent)) {
      ctx.skip(kind, label, `its parent ${parent} was not imported`);
      continue;
    }
    const checked = definition.insert.safeParse(row);
    if (!checked.success) {
      ctx.skip(kind, label, `invalid ${issueText(checked.error)}`);
      continue;
    }
    owners.set(row.id, `${label.name}|${label.source}`);
    kept.push(row);
  }
  return kept;
}

/** Reads and maps the folder: everything short of writing. Throws CatalogError (ValidationFailed) for unreadable files. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- options: progress and cancellation come with the pipeline
export function prepareImport(dataDir: string, options: PrepareOptions = {}): PreparedImport {
  const data = readDataSet(dataDir);
  const ctx = new ImportContext(data.books.map((b) => b.record));
  const tally = tallySrd(
    data.spells,
    data.monsters,
    data.races,
    data.subraces,
    data.classes,
    data.subclasses,
    data.items,
    data.baseItems,
    data.itemGroups,
    data.magicVariants,
    data.backgrounds,
    data.feats,
  );
  const mapped: Record<ImportKind, Mapped<unknown>> = {
    sources: { rows: mapSources(data.books, tally, ctx), read: data.books.length, generated: 0 },
    races: mapRaces(data.races, data.subraces, ctx),
    classes: mapClasses(data, ctx),
    items: mapItems(data, ctx),
    spells: mapSpells(data.spells, buildSpellClassLookup(data.spellSources), ctx),
    creatures: mapCreatures(data.monsters, data.legendaryGroups, ctx),
    backgrounds: mapBackgrounds(data.backgrounds, ctx),
    feats: mapFeats(data.feats, ctx),
  };
  const rows = {} as Record<ImportKind, Row[]>;
  const read = {} as Record<ImportKind, number>;
  const generated = {} as Record<ImportKind, number>;
  for (const kind of IMPORT_KINDS) {
    const { key, parent } = TABLES[kind];
    rows[kind] = acceptRows(kind, mapped[kind].rows as Row[], catalogEntities[key] as EntityDefinition, ctx, parent);
    read[kind] = mapped[kind].read;
    generated[kind] = mapped[kind].generated;
  }
  return { rows, read, generated, skipped: ctx.skipped, warnings: ctx.warnings, files: data.files };
}
