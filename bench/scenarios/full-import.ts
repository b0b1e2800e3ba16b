/**
 * The full import of a real 5etools data folder (`MIMIR_5ETOOLS_FULL_DIR`), once each, absolute
 * figures plus two ratios:
 *
 * - first import into a new catalog (`import5etools`: read, resolve, map, check, write): wall
 *   time, rows/s, peak RSS of the process (this scenario runs first, so the high-water mark is
 *   the import's, on top of the loaded code);
 * - the write stage alone (`writeImport` of the prepared rows into another new catalog) next to
 *   a raw better-sqlite3 insert of the same rows (`bench/raw.ts` upserts, one transaction) into
 *   a third: the cost of the sync over plain inserts;
 * - re-import of the unchanged folder into the first catalog, as a share of the first import
 *   (target ≤ 0.6).
 */
import { join } from 'node:path';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { catalogEntities } from '../../src-shared/catalog/entities';
import { IMPORT_KINDS } from '../../src-shared/import-types';
import { openCatalog } from '../../src-main/db/startup';
import { import5etools, prepareImport, TABLES, writeImport } from '../../src-main/import/5etools';
import { RULE_SYSTEM_ROWS } from '../../src-main/import/5etools/rule-system';
import { stats, type Comparison } from '../harness';
import { rawUpsert } from '../raw';

export interface FullImportFigures {
  dataDir: string;
  /** Rows written by the first import (all kinds). */
  rows: number;
  firstImportS: number;
  rowsPerS: number;
  peakRssMb: number;
  prepareS: number;
  writeStageS: number;
  rawInsertS: number;
  /** writeStageS ÷ rawInsertS. */
  writeVsRaw: number;
  reimportS: number;
  /** reimportS ÷ firstImportS (target ≤ 0.6). */
  reimportShare: number;
  reimportUnchanged: number;
}

const seconds = (from: number) => (performance.now() - from) / 1000;
const once = (s: number) => stats([s * 1e6]);

export function fullImport(dir: string, progress: (message: string) => void): { skipped: string } | { results: Comparison[]; figures: FullImportFigures } {
  const dataDir = process.env['MIMIR_5ETOOLS_FULL_DIR'];
  if (!dataDir) return { skipped: 'MIMIR_5ETOOLS_FULL_DIR not set (point it at the data/ folder of a 5etools release)' };

  progress(`full import: ${dataDir} into a new catalog`);
  const first = openCatalog(join(dir, 'full-first.sqlite'));
  let firstImportS: number;
  let rows: number;
  let reimportS: number;
  let reimportUnchanged: number;
  let peakRssMb: number;
  try {
    let start = performance.now();
    const result = import5etools(first.catalog, dataDir);
    firstImportS = seconds(start);
    peakRssMb = process.resourceUsage().maxRSS / 1024;
    rows = result.recordsImported;
    progress(`full import: ${rows} rows in ${firstImportS.toFixed(2)} s; re-importing the same folder`);
    start = performance.now();
    const again = import5etools(first.catalog, dataDir);
    reimportS = seconds(start);
    reimportUnchanged = IMPORT_KINDS.reduce((n, kind) => n + again.counts[kind].unchanged, 0);
  } finally {
    first.connection.close();
  }

  progress('full import: write stage alone vs a raw better-sqlite3 insert of the same rows');
  let start = performance.now();
  const prepared = prepareImport(dataDir);
  const prepareS = seconds(start);
  const ours = openCatalog(join(dir, 'full-write.sqlite'));
  let writeStageS: number;
  try {
    start = performance.now();
    writeImport(ours.catalog, dataDir, prepared);
    writeStageS = seconds(start);
  } finally {
    ours.connection.close();
  }
  const raw = openCatalog(join(dir, 'full-raw.sqlite'));
  let rawInsertS: number;
  try {
    const { sqlite } = raw.connection;
    const statements = new Map<string, { run: (values: unknown[]) => unknown; encode: (row: Record<string, unknown>) => unknown[] }>();
    const upsertInto = (table: SQLiteTable) => {
      const { sql, encode } = rawUpsert(table);
      const statement = sqlite.prepare(sql);
      return { run: (values: unknown[]) => statement.run(values), encode };
    };
    start = performance.now();
    sqlite.transaction(() => {
      const ruleSystems = upsertInto(catalogEntities.ruleSystems.table);
      for (const row of RULE_SYSTEM_ROWS) ruleSystems.run(ruleSystems.encode(row as Record<string, unknown>));
      for (const kind of IMPORT_KINDS) {
        const key = TABLES[kind].key;
        let upsert = statements.get(key);
        if (!upsert) {
          upsert = upsertInto(catalogEntities[key].table);
          statements.set(key, upsert);
        }
        for (const row of prepared.rows[kind]) upsert.run(upsert.encode(row));
      }
    }).immediate();
    rawInsertS = seconds(start);
  } finally {
    raw.connection.close();
  }

  const figures: FullImportFigures = {
    dataDir,
    rows,
    firstImportS,
    rowsPerS: rows / firstImportS,
    peakRssMb,
    prepareS,
    writeStageS,
    rawInsertS,
    writeVsRaw: writeStageS / rawInsertS,
    reimportS,
    reimportShare: reimportS / firstImportS,
    reimportUnchanged,
  };
  const unit = `${rows.toLocaleString('en-US')} rows`;
  const results: Comparison[] = [
    { group: 'full import', name: 'first import (read → write), new catalog', unit, itemsPerOp: rows, ours: once(firstImportS), note: `peak RSS ${peakRssMb.toFixed(0)} MB` },
    { group: 'full import', name: 'prepare alone (read, resolve, map, check)', unit, itemsPerOp: rows, ours: once(prepareS) },
    {
      group: 'full import',
      name: 'write stage (sync) vs raw insert of the same rows',
      unit,
      itemsPerOp: rows,
      ours: once(writeStageS),
      baselineName: 'raw insert',
      baselineDetail: 'bench/raw.ts upserts of the prepared rows, positional parameters, one transaction, no comparison with stored rows',
      baseline: once(rawInsertS),
      ratio: writeStageS / rawInsertS,
    },
    {
      group: 'full import',
      name: 're-import of the unchanged folder vs the first import',
      unit,
      itemsPerOp: rows,
      ours: once(reimportS),
      baselineName: 'first import',
      baselineDetail: 'the first import of the same folder into the new catalog, above',
      baseline: once(firstImportS),
      ratio: reimportS / firstImportS,
      note: `target ≤ 0.6; ${reimportUnchanged.toLocaleString('en-US')} rows unchanged`,
    },
  ];
  return { results, figures };
}
