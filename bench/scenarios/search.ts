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
 * Absolute figures: the index's size on disk, and the import time with and without the search
 * triggers (the same folder into two fresh catalogs, one with the triggers dropped).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Catalog } from '../../src-main/db/catalog';
import { openCatalog } from '../../src-main/db/startup';
import { matchExpression, NAME_WEIGHT, parseQuery, searchCatalog, SEARCH_TRIGGERS } from '../../src-main/db/search';
import { compare, measure, type Budget, type Comparison } from '../harness';

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

/** Import time into a fresh catalog with the search triggers, and into one without them. */
export async function importCost(source: string, budget: Budget): Promise<Comparison[]> {
  const { import5etools } = await import('../../src-main/import/5etools');
  const dir = mkdtempSync(join(tmpdir(), 'mimir-bench-search-'));
  let n = 0;
  const fresh = (withIndex: boolean) => {
    const { catalog } = openCatalog(join(dir, `import-${n++}.sqlite`));
    if (!withIndex) {
      for (const names of Object.values(SEARCH_TRIGGERS)) for (const name of names) catalog.connection.sqlite.exec(`DROP TRIGGER IF EXISTS ${name}`);
    }
    return catalog;
  };
  try {
    const withIndex = measure(
      {
        run: () => {
          const catalog = fresh(true);
          import5etools(catalog, source);
          catalog.connection.close();
        },
      },
      budget,
    );
    const without = measure(
      {
        run: () => {
          const catalog = fresh(false);
          import5etools(catalog, source);
          catalog.connection.close();
        },
      },
      budget,
    );
    return [
      {
        group: 'search index',
        name: 'import with the index vs without (triggers dropped)',
        unit: 'whole import',
        itemsPerOp: 1,
        ours: withIndex,
        baselineName: 'no index',
        baselineDetail: 'the same import into a catalog whose search triggers were dropped',
        baseline: without,
        ratio: withIndex.medianUs / without.medianUs,
        noRate: true,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
