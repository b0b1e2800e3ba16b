/**
 * Everything short of writing (README.md, "Pipeline"): read → resolve → map → check.
 *
 * - read: the folder's JSON files (files.ts); an unreadable folder or file fails the whole run.
 *   Entries that are not records, collections that are not lists, over-deep records and
 *   duplicate records are skipped here, each with its file and reason.
 * - resolve: `_copy`, `_mod`, `_templates`, `_versions` of every collection, once
 *   (`resolveDataSet`, resolve/); then names are cleaned of control characters, and source codes
 *   without book metadata get an inferred book.
 * - map: one pure module per kind, each record under the context's guard (context.ts).
 * - check: every row against its table's insert schema; a column whose value the schema refuses
 *   is degraded (what can be typed, or NULL; the original kept in `unmapped`, a warning), only a
 *   row without a usable id, name, book or parent is skipped.
 *
 * One record can never fail the run: any exception for a record becomes a skip naming it.
 * Only cancellation (`options.signal`) and whole-run failures throw.
 */
import type { z } from 'zod';
import type { EntityDefinition } from '../../../src-shared/catalog/define';
import { catalogEntities } from '../../../src-shared/catalog/entities';
import { exceedsJsonDepth, TOO_DEEP_MESSAGE } from '../../../src-shared/catalog/entities/shapes';
import { issuesOf } from '../../../src-shared/validation';
import { mapBackgrounds } from './backgrounds';
import { mapClasses } from './classes';
import { ImportContext, labelOf } from './context';
import { mapCreatures } from './creatures';
import { mapFeats } from './feats';
import { COLLECTION_KEYS, readDataSet, type CollectionKey, type DataSet } from './files';
import { mapItems } from './items';
import { mapRaces } from './races';
import { absentRulesTermFiles, mapRulesTerms, RULES_TERM_COLLECTION_KEYS } from './rules-terms';
import { isRecord, refKey, str } from './raw';
import { resolveDataSet, versionsOf, type ResolveReporter } from './resolve';
import { inferBooks, mapSources, tallySrd, type BookEntry } from './sources';
import { buildSpellClassLookup, mapSpells } from './spells';
import type { AbsentFile } from '../../../src-shared/import-types';
import { IMPORT_KINDS, type ImportKind, type ImportProgress, type ImportWarning, type Mapped, type Raw, type SkippedRecord } from './types';

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
  rulesTerms: { key: 'rulesTerms' },
};

export type Row = Record<string, unknown> & { id: string; name?: string; fullName?: string; sourceId?: string };

export interface PreparedImport {
  rows: Record<ImportKind, Row[]>;
  read: Record<ImportKind, number>;
  generated: Record<ImportKind, number>;
  skipped: SkippedRecord[];
  warnings: ImportWarning[];
  files: string[];
  absentFiles: AbsentFile[];
}

/** The kind each 5etools collection belongs to (its skips and warnings are that kind's). */
export const COLLECTION_KIND: Record<CollectionKey, ImportKind> = {
  spell: 'spells',
  monster: 'creatures',
  legendaryGroup: 'creatures',
  monsterTemplate: 'creatures',
  legendaryGroupTemplate: 'creatures',
  race: 'races',
  subrace: 'races',
  class: 'classes',
  subclass: 'classes',
  classFeature: 'classes',
  subclassFeature: 'classes',
  optionalfeature: 'classes',
  item: 'items',
  baseitem: 'items',
  itemGroup: 'items',
  magicvariant: 'items',
  itemEntry: 'items',
  background: 'backgrounds',
  feat: 'feats',
  condition: 'rulesTerms',
  disease: 'rulesTerms',
  status: 'rulesTerms',
  variantrule: 'rulesTerms',
  action: 'rulesTerms',
  sense: 'rulesTerms',
  skill: 'rulesTerms',
};

/** Collections whose records become rows; the others (features, groups, templates) are parts of rows. */
const ROW_COLLECTIONS = new Set<CollectionKey>(['spell', 'monster', 'race', 'subrace', 'class', 'subclass', 'item', 'baseitem', 'itemGroup', 'magicvariant', 'background', 'feat', ...RULES_TERM_COLLECTION_KEYS]);

/**
 * Keys beyond name and source that tell records of one collection apart (a subrace names its
 * race, a subclass its class, a feature its level and subclass).
 */
const IDENTITY_KEYS = ['raceName', 'raceSource', 'className', 'classSource', 'shortName', 'subclassShortName', 'subclassSource', 'level'];

function identityOf(record: Raw): string {
  const inherits = isRecord(record['inherits']) ? record['inherits'] : {};
  return refKey(str(record['name']), str(record['source']) ?? str(inherits['source']), ...IDENTITY_KEYS.map((k) => (typeof record[k] === 'string' || typeof record[k] === 'number' ? (record[k] as string | number) : undefined)));
}

// ---------------------------------------------------------------------------------------------
// Names

/** C0/C1 control characters (NUL …) and the bidirectional embedding/override/isolate marks. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The name without control characters, or undefined when it has none to remove. */
export function cleanName(name: string): string | undefined {
  const cleaned = name.replace(CONTROL_CHARACTERS, '').replace(/\s+/g, ' ').trim();
  return cleaned === name ? undefined : cleaned;
}

// ---------------------------------------------------------------------------------------------
// Check

function issueText(error: z.ZodError): string {
  const issue = issuesOf(error)[0];
  if (!issue) return 'rejected';
  return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

/** Columns without which a row means nothing: a value they refuse skips the row. */
const ESSENTIAL = new Set(['id', 'name', 'fullName', 'sourceId', 'ruleSystemId', 'raceType', 'classType', 'parentRaceId', 'parentClassId', 'baseItemId']);

/**
 * Row fields added with migration 0014 (editions, lossless import, item flags). Until the
 * table has them, the rows are written without them, so every commit imports.
 */
const NEWER_FIELDS = ['reprintedAs', 'supersededBy', 'unmapped', 'isWondrous', 'isTattoo', 'isStaff', 'isCursed', 'isSentient', 'isPoison'];

function shapeOf(definition: EntityDefinition): Record<string, z.ZodType> {
  const shape = (definition.insert as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape ?? {};
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return `${value.length} of its items`;
  return 'a value';
}

/**
 * What of `value` the column's shape accepts: for a list, the items it accepts one by one;
 * otherwise NULL where the column allows it, or nothing (undefined: the row cannot be saved).
 */
function salvage(shape: z.ZodType, value: unknown): { value: unknown } | undefined {
  if (Array.isArray(value)) {
    const kept = value.filter((item) => shape.safeParse([item]).success);
    if (kept.length > 0 && shape.safeParse(kept).success) return { value: kept };
    if (shape.safeParse([]).success && !shape.safeParse(null).success) return { value: [] };
  }
  if (shape.safeParse(null).success) return { value: null };
  if (shape.safeParse(undefined).success) return { value: undefined };
  return undefined;
}

/**
 * Keeps the rows that can be written: each checked against the table's insert schema, ids unique,
 * parents (subrace → race, subclass → class, variant → base item) among the rows kept before it.
 * A column the schema refuses is degraded, not a reason to drop the row (see the module comment).
 */
export function acceptRows(kind: ImportKind, rows: Row[], definition: EntityDefinition, ctx: ImportContext, parentKey?: string): Row[] {
  const kept: Row[] = [];
  const owners = new Map<string, string>();
  const shape = shapeOf(definition);
  const known = (key: string) => Object.keys(shape).length === 0 || key in shape;
  for (const original of rows) {
    const label = { name: original.name ?? original.fullName ?? original.id, source: original.sourceId ?? original.id };
    ctx.guard(kind, label, () => {
      const row: Row = { ...original };
      for (const key of NEWER_FIELDS) if (!known(key)) delete row[key];
      const owner = owners.get(row.id);
      if (owner !== undefined) {
        ctx.skip(kind, label, `its id ${row.id} is already taken by ${owner}`);
        return;
      }
      const parent = parentKey ? row[parentKey] : undefined;
      if (typeof parent === 'string' && !owners.has(parent)) {
        ctx.skip(kind, label, `its parent ${parent} was not imported`);
        return;
      }
      let checked = definition.insert.safeParse(row);
      const unmapped: Record<string, unknown> = isRecord(row['unmapped']) ? { ...row['unmapped'] } : {};
      const degraded: string[] = [];
      for (let round = 0; !checked.success && round < 50; round += 1) {
        const issue = checked.error.issues[0];
        const column = issue?.path[0];
        if (typeof column !== 'string' || ESSENTIAL.has(column) || !(column in shape) || degraded.includes(column)) break;
        const columnShape = shape[column] as z.ZodType;
        const rescued = salvage(columnShape, row[column]);
        if (!rescued) break;
        unmapped[column] = row[column];
        degraded.push(column);
        ctx.warn(
          kind,
          label,
          `its ${column} does not fit the column (${issueText(checked.error)}); stored as ${describeValue(rescued.value)}${known('unmapped') ? `, the original kept in unmapped.${column}` : ''}`,
        );
        if (rescued.value === undefined) delete row[column];
        else row[column] = rescued.value;
        if (known('unmapped')) row['unmapped'] = unmapped;
        checked = definition.insert.safeParse(row);
      }
      if (!checked.success) {
        ctx.skip(kind, label, `invalid ${issueText(checked.error)}`);
        return;
      }
      owners.set(row.id, `${label.name}|${label.source}`);
      kept.push(row);
    });
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Read → resolve

interface Resolved {
  collections: Record<CollectionKey, Raw[]>;
  /** Records of part collections the resolve stage skipped (legendary groups: the creatures' warnings name them). */
  unresolved: Map<CollectionKey, { record: Raw; reason: string }[]>;
}

/** Per collection: over-deep records and duplicates are skipped before anything else runs. */
function screen(data: DataSet, ctx: ImportContext): Record<CollectionKey, Raw[]> {
  const out = {} as Record<CollectionKey, Raw[]>;
  for (const problem of data.problems) {
    const kind = COLLECTION_KIND[problem.key as CollectionKey] ?? 'sources';
    const name = problem.index === undefined ? `(the ${problem.key} collection)` : `(${problem.key} entry ${problem.index})`;
    ctx.skipped.push({ kind, name, source: '(unknown)', reason: problem.reason, file: problem.file });
  }
  for (const key of COLLECTION_KEYS) {
    const kind = COLLECTION_KIND[key];
    const seen = new Map<string, Raw>();
    const kept: Raw[] = [];
    for (const record of data.collections[key]) {
      ctx.guard(kind, record, () => {
        if (exceedsJsonDepth(record)) {
          ctx.skip(kind, record, `the record is ${TOO_DEEP_MESSAGE} (at most 100 levels of lists and objects are imported)`);
          return;
        }
        const identity = identityOf(record);
        const first = seen.get(identity);
        if (first) {
          ctx.skip(kind, record, `it is a second ${key} record with the same name and source; the first one (from ${data.fileOf.get(first) ?? 'the same file'}) is imported`);
          return;
        }
        seen.set(identity, record);
        kept.push(record);
      });
    }
    out[key] = kept;
  }
  return out;
}

export function reporterFor(ctx: ImportContext, unresolved: Map<CollectionKey, { record: Raw; reason: string }[]>): ResolveReporter {
  return {
    skip(collection, record, reason) {
      const key = collection as CollectionKey;
      const kind = COLLECTION_KIND[key] ?? 'sources';
      if (ROW_COLLECTIONS.has(key) || !(key in COLLECTION_KIND)) ctx.skip(kind, record, reason);
      else {
        // A feature, legendary group or template is part of rows, not a row: it is left out with
        // a warning saying why (a legendary group's is given by each creature that uses it).
        unresolved.set(key, [...(unresolved.get(key) ?? []), { record, reason }]);
        if (key !== 'legendaryGroup') ctx.warn(kind, record, `${collection} ${labelOf(record).name}|${labelOf(record).source} is left out: ${reason}`);
      }
    },
    warn(collection, record, message) {
      ctx.warn(COLLECTION_KIND[collection as CollectionKey] ?? 'sources', record, message);
    },
  };
}

/**
 * The resolve stage over the given collections (the others are empty), its skips and warnings
 * reported to `ctx` under each collection's kind; names cleaned of control characters after.
 */
export function resolveStage(screened: Partial<Record<CollectionKey, Raw[]>>, ctx: ImportContext, signal?: AbortSignal): Resolved {
  const unresolved = new Map<CollectionKey, { record: Raw; reason: string }[]>();
  const all = Object.fromEntries(COLLECTION_KEYS.map((key) => [key, screened[key] ?? []]));
  const resolved = resolveDataSet(all, reporterFor(ctx, unresolved), { signal }) as Record<CollectionKey, Raw[]>;
  const collections = {} as Record<CollectionKey, Raw[]>;
  for (const key of COLLECTION_KEYS) {
    const kind = COLLECTION_KIND[key];
    const list: Raw[] = [];
    for (const record of resolved[key] ?? []) {
      ctx.guard(kind, record, () => {
        const name = record['name'];
        const cleaned = typeof name === 'string' ? cleanName(name) : undefined;
        if (cleaned === undefined) list.push(record);
        else {
          ctx.warn(kind, record, `its name contains control or text-direction characters (${JSON.stringify(name)}); they were removed`);
          list.push({ ...record, name: cleaned });
        }
      });
    }
    collections[key] = list;
  }
  return { collections, unresolved };
}

/** Every source code the records name, with how many records name it and their editions. */
function usedSources(collections: Record<CollectionKey, Raw[]>): Map<string, { code: string; records: number; editions: Set<string> }> {
  const used = new Map<string, { code: string; records: number; editions: Set<string> }>();
  for (const key of ROW_COLLECTIONS) {
    for (const record of collections[key]) {
      const holder = isRecord(record['inherits']) && record['source'] === undefined ? record['inherits'] : record;
      const code = str(holder['source']);
      if (code === undefined || !/^[A-Za-z0-9-]{1,64}$/.test(code)) continue;
      const entry = used.get(code.toLowerCase()) ?? { code, records: 0, editions: new Set<string>() };
      entry.records += 1;
      entry.editions.add(str(record['edition']) ?? '');
      used.set(code.toLowerCase(), entry);
    }
  }
  return used;
}

// ---------------------------------------------------------------------------------------------
// The pipeline

/** Reads, resolves, maps and checks the folder: everything short of writing. */
export function prepareImport(dataDir: string, options: PrepareOptions = {}): PreparedImport {
  const progress = options.onProgress ?? (() => undefined);
  progress({ stage: 'reading', done: 0, total: 1 });
  const data = readDataSet(dataDir);
  progress({ stage: 'reading', done: data.files.length, total: data.files.length });

  // Files of resolved copies (new objects) are found by name and source.
  const fileByKey = new Map<string, string>();
  for (const key of COLLECTION_KEYS) {
    for (const record of data.collections[key]) {
      const file = data.fileOf.get(record);
      if (!file) continue;
      for (const k of [identityOf(record), refKey(str(record['name']), str(record['source']))]) if (!fileByKey.has(k)) fileByKey.set(k, file);
    }
  }
  const fileOf = (record: Raw): string | undefined => {
    const direct = data.fileOf.get(record) ?? fileByKey.get(identityOf(record)) ?? fileByKey.get(refKey(str(record['name']), str(record['source'])));
    if (direct) return direct;
    const base = record['_versionOf'];
    return isRecord(base) ? fileByKey.get(refKey(str(base['name']), str(base['source']))) : undefined;
  };
  const early = new ImportContext([], { signal: options.signal, fileOf });
  const screened = screen(data, early);
  const total = COLLECTION_KEYS.reduce((sum, key) => sum + screened[key].length, 0);
  progress({ stage: 'resolving', done: 0, total });
  const { collections, unresolved } = resolveStage(screened, early, options.signal);
  progress({ stage: 'resolving', done: total, total });

  const books: BookEntry[] = [...data.books, ...inferBooks(data.books, usedSources(collections))];
  const ctx = new ImportContext(
    books.map((b) => b.record),
    { signal: options.signal, fileOf },
  );
  ctx.skipped.push(...early.skipped);
  ctx.warnings.push(...early.warnings);

  const c = collections;
  const tally = tallySrd(c.spell, c.monster, c.race, c.subrace, c.class, c.subclass, c.item, c.baseitem, c.itemGroup, c.magicvariant, c.background, c.feat);
  const mappedTotal = IMPORT_KINDS.length;
  let mappedKinds = 0;
  const mapKind = <T>(kind: ImportKind, map: () => Mapped<T>): Mapped<T> => {
    ctx.checkCancelled();
    progress({ stage: 'mapping', done: mappedKinds, total: mappedTotal, kind });
    const result = map();
    mappedKinds += 1;
    return result;
  };
  const subraceVersions = (merged: Raw): Raw[] => versionsOf('subrace', merged, reporterFor(ctx, new Map()));
  const mapped: Record<ImportKind, Mapped<unknown>> = {
    sources: mapKind('sources', () => ({ rows: mapSources(books, tally, ctx), read: data.books.length, generated: books.length - data.books.length })),
    races: mapKind('races', () => mapRaces(c.race, c.subrace, ctx, subraceVersions)),
    classes: mapKind('classes', () =>
      mapClasses({ classes: c.class, subclasses: c.subclass, classFeatures: c.classFeature, subclassFeatures: c.subclassFeature, optionalFeatures: c.optionalfeature }, ctx),
    ),
    items: mapKind('items', () => mapItems({ baseItems: c.baseitem, items: c.item, itemGroups: c.itemGroup, magicVariants: c.magicvariant, itemEntries: c.itemEntry }, ctx)),
    spells: mapKind('spells', () => mapSpells(c.spell, buildSpellClassLookup(data.spellSources), ctx)),
    creatures: mapKind('creatures', () => mapCreatures(c.monster, c.legendaryGroup, ctx, unresolved.get('legendaryGroup') ?? [])),
    backgrounds: mapKind('backgrounds', () => mapBackgrounds(c.background, ctx)),
    feats: mapKind('feats', () => mapFeats(c.feat, ctx)),
    rulesTerms: mapKind('rulesTerms', () => mapRulesTerms(c, ctx)),
  };
  progress({ stage: 'mapping', done: mappedTotal, total: mappedTotal });

  // What was read, per kind: the records in the files (before duplicates and resolution).
  const readCounts = Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, 0])) as Record<ImportKind, number>;
  readCounts.sources = data.books.length;
  for (const key of ROW_COLLECTIONS) readCounts[COLLECTION_KIND[key]] += data.collections[key].length;

  const rows = {} as Record<ImportKind, Row[]>;
  const generated = {} as Record<ImportKind, number>;
  for (const kind of IMPORT_KINDS) {
    ctx.checkCancelled();
    const { key, parent } = TABLES[kind];
    rows[kind] = acceptRows(kind, mapped[kind].rows as Row[], catalogEntities[key] as EntityDefinition, ctx, parent);
    generated[kind] = mapped[kind].generated;
  }
  return { rows, read: readCounts, generated, skipped: ctx.skipped, warnings: ctx.warnings, files: data.files, absentFiles: absentRulesTermFiles(data.collections) };
}
