/**
 * Catalog search (issue 11) on an imported 5etools folder.
 *
 * Ours: `searchCatalog(catalog, { text, limit: 20 })` — parsing, the folded-name lookup, FTS5
 * with filters, typo correction when a word is in no name, ranking, snippets.
 * Raw: the one FTS5 statement a developer would write for the same words
 * (`… WHERE search_index MATCH ? ORDER BY bm25(search_index, 10, 1) LIMIT 20`, rowids only):
 * what the index alone costs. A typo query has no raw equivalent that finds anything; it is
 * compared with the raw statement for the correctly spelt name.
 *
 * Absolute figures: the index's size on disk, and the import time with and without the index
 * (the same folder into fresh catalogs; `importCost`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Catalog } from '../../src-main/db/catalog';
import { openCatalog } from '../../src-main/db/startup';
import { matchExpression, NAME_WEIGHT, parseQuery, searchCatalog, SEARCH_TRIGGERS } from '../../src-main/db/search';
import { compare, stats, type Budget, type Comparison } from '../harness';

const LIMIT = 20;

/** Swaps two inner letters of the longest word: "Fireball" → "Fierball". */
function misspell(name: string): string {
  const words = name.split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (longest.length < 5) return name;
  const at = Math.floor(longest.length / 2);
  const typo = longest.slice(0, at) + (longest[at + 1] ?? '') + (longest[at] ?? '') + longest.slice(at + 2);
  return words.map((w) => (w === longest ? typo : w)).join(' ');
}

function sample(sqlite: Database.Database, sql: string, n: number): string[] {
  return sqlite.prepare(sql).pluck().all(n) as string[];
}

export function searchScenarios(catalog: Catalog, budget: Budget, label: string): Comparison[] {
  const { sqlite } = catalog.connection;
  const raw = sqlite.prepare(
    `SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index, ${NAME_WEIGHT}.0, 1.0) LIMIT ${LIMIT}`,
  );
  // Names of spells and creatures with a word of 5+ letters (so a swap is a real typo), spread over the table.
  const names = sample(
    sqlite,
    "SELECT name FROM search_documents WHERE entity_type IN ('spells', 'creatures') AND length(name) BETWEEN 6 AND 24 AND name GLOB '*[a-z][a-z][a-z][a-z][a-z]*' ORDER BY doc_id % 97, doc_id LIMIT ?",
    200,
  );
  const bodyWords = ['frightened', 'poisoned', 'darkvision', 'resistance', 'saving throw', 'bonus action', 'concentration', 'teleport', 'invisible', 'radiant damage'];
  const cases: { name: string; texts: string[]; rawMatches: string[] }[] = [
    { name: 'name', texts: names, rawMatches: names.map((n) => matchExpression(parseQuery(`${n} `)) ?? '""') },
    { name: 'body words', texts: bodyWords, rawMatches: bodyWords.map((w) => matchExpression(parseQuery(`${w} `)) ?? '""') },
    {
      name: 'typo (a swapped pair of letters)',
      texts: names.map(misspell),
      rawMatches: names.map((n) => matchExpression(parseQuery(`${n} `)) ?? '""'),
    },
  ];
  const out: Comparison[] = [];
  for (const c of cases) {
    if (c.texts.length === 0) continue;
    const at = <T>(list: readonly T[], i: number) => list[i % list.length] as T;
    const result = compare(
      { run: (i) => searchCatalog(catalog, { text: `${at(c.texts, i)} `, limit: LIMIT }) },
      { run: (i) => raw.all(at(c.rawMatches, i)) },
      budget,
    );
    out.push({
      group: `search (${label})`,
      name: c.name,
      unit: `${LIMIT} hits + snippets`,
      itemsPerOp: 1,
      ours: result.ours,
      baselineName: 'raw FTS5',
      baselineDetail: `SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index, ${NAME_WEIGHT}, 1) LIMIT ${LIMIT}`,
      baseline: result.baseline,
      ratio: result.ours.medianUs / result.baseline.medianUs,
    });
  }
  // How often the misspelt name's row is in the top 3 (a quality figure, not a timing).
  let found = 0;
  for (const name of names) {
    const hits = searchCatalog(catalog, { text: misspell(name), limit: 3 }).hits;
    if (hits.some((h) => h.name === name)) found++;
  }
  const last = out[out.length - 1];
  if (last) last.note = `the misspelt name was in the top 3 for ${found} of ${names.length} names`;
  return out;
}

/** Bytes of the search tables (dbstat), and the share of the file they take. */
export function indexSize(sqlite: Database.Database): { searchBytes: number; fileBytes: number } {
  const searchBytes = sqlite
    .prepare("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\' OR name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'search_documents')")
    .pluck()
    .get() as number;
  const fileBytes = (sqlite.pragma('page_count', { simple: true }) as number) * (sqlite.pragma('page_size', { simple: true }) as number);
  return { searchBytes, fileBytes };
}

type ImportVariant = 'index' | 'no-search' | 'documents-only';

/**
 * Makes a fresh catalog lack (part of) the search index for the baselines:
 * - `no-search`: the search triggers dropped (the import then keeps up nothing of the index, and
 *   its references resolve against an empty document table: every link broken);
 * - `documents-only`: search_documents kept up as with the index (the references resolve
 *   through it), but no text: the FTS5 table replaced by a plain one and the body text function
 *   answering ''. What is left is the cost of the FTS5 index itself.
 */
function withoutIndex(sqlite: Database.Database, variant: ImportVariant): void {
  if (variant === 'no-search') {
    for (const names of Object.values(SEARCH_TRIGGERS)) for (const name of names) sqlite.exec(`DROP TRIGGER IF EXISTS ${name}`);
  } else if (variant === 'documents-only') {
    sqlite.exec('DROP TABLE search_terms; DROP TABLE search_index; CREATE TABLE search_index (search_index, name, body)');
    sqlite.function('mimir_search_text', { deterministic: true, varargs: true }, () => '');
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 === 1 ? (sorted[Math.floor(mid)] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Import time into fresh catalogs with the search index and without it (two baselines, see
 * `withoutIndex`), in interleaved rounds (index, no-search, documents-only, …) so load drift hits
 * all alike. Wall time is the figure; the process's CPU time per import is noted beside it, since
 * on a shared machine it moves less with the load than wall time does.
 */
export async function importCost(source: string, budget: Budget): Promise<Comparison[]> {
  const { import5etools } = await import('../../src-main/import/5etools');
  const dir = mkdtempSync(join(tmpdir(), 'mimir-bench-search-'));
  const variants: ImportVariant[] = ['index', 'no-search', 'documents-only'];
  const wall = new Map<ImportVariant, number[]>(variants.map((v) => [v, []]));
  const cpu = new Map<ImportVariant, number[]>(variants.map((v) => [v, []]));
  let n = 0;
  const once = (variant: ImportVariant, record: boolean) => {
    const { catalog } = openCatalog(join(dir, `import-${n++}.sqlite`));
    try {
      withoutIndex(catalog.connection.sqlite, variant);
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      import5etools(catalog, source);
      const us = Number(process.hrtime.bigint() - start) / 1000;
      const used = process.cpuUsage(cpuStart);
      if (record) {
        wall.get(variant)?.push(us);
        cpu.get(variant)?.push(used.user + used.system);
      }
    } finally {
      catalog.connection.close();
    }
  };
  try {
    for (let i = 0; i < budget.warmup; i++) for (const v of variants) once(v, false);
    for (let i = 0; i < Math.max(1, budget.minSamples); i++) for (const v of variants) once(v, true);
    const ours = stats(wall.get('index') as number[]);
    const cpuS = (v: ImportVariant) => median(cpu.get(v) as number[]) / 1e6;
    const row = (variant: ImportVariant, name: string, detail: string): Comparison => {
      const baseline = stats(wall.get(variant) as number[]);
      return {
        group: 'search index',
        name,
        unit: 'whole import',
        itemsPerOp: 1,
        ours,
        baselineName: variant,
        baselineDetail: detail,
        baseline,
        ratio: ours.medianUs / baseline.medianUs,
        noRate: true,
        note: `CPU time per import (median) ${cpuS('index').toFixed(2)} s with the index vs ${cpuS(variant).toFixed(2)} s (${(cpuS('index') / cpuS(variant)).toFixed(2)}×); ${ours.samples} imports per side`,
      };
    };
    return [
      row('no-search', 'import with the index vs without (triggers dropped)', 'the same import into a catalog whose search triggers were dropped: no index, and every reference unresolved'),
      row(
        'documents-only',
        'import with the index vs documents only (no FTS5)',
        "the same import, search_documents kept up (references resolve through it), the FTS5 table replaced by a plain one and the body text ''",
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
