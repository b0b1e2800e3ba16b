/**
 * `npm run bench [-- --json] [-- --quick] [-- --renderer] [-- --search]`: the database code against raw
 * better-sqlite3 on the same file in the same run, reported as ratios; startup and the database
 * host's responsiveness during an import as absolute figures; the catalog browser in the harness
 * (bench/renderer.ts) against the raw API calls it waits for. `--renderer` runs only that last
 * part; `--search` only the search scenarios on MIMIR_5ETOOLS_DIR (queries, index size, import
 * with and without the index). Timings are printed, never judged.
 *
 * Runs under vite-node because the migrations are embedded with `import.meta.glob`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalog } from '../src-main/db/startup';
import { describeDataset, type Dataset } from './dataset';
import { legend, table, type Budget, type Comparison } from './harness';
import { getById } from './scenarios/reads';
import { fullImport, type FullImportFigures } from './scenarios/full-import';
import { lists } from './scenarios/lists';
import { mainThreadPerBatch } from './scenarios/main-thread';
import { responsiveness, type ResponsivenessFigures } from './scenarios/responsiveness';
import { importCost, indexSize, searchScenarios } from './scenarios/search';
import { startup } from './scenarios/startup';
import { batchUpserts } from './scenarios/writes';
import { rendererBench, type RendererFigures, type RendererSettings } from './renderer';
import { creatureRows, seedReferences, spellRows } from './seed';

const args = process.argv.slice(2);
const known = new Set(['--json', '--quick', '--renderer', '--search']);
const unknown = args.filter((a) => a !== '--' && !known.has(a) && !a.endsWith('bench/index.ts'));
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(' ')}. Usage: npm run bench [-- --json] [-- --quick] [-- --renderer] [-- --search]`);
  process.exit(2);
}
const asJson = args.includes('--json');
const quick = args.includes('--quick');
const rendererOnly = args.includes('--renderer');
const searchOnly = args.includes('--search');

interface Settings {
  seedRows: number;
  batchRows: number;
  reads: Budget;
  lists: Budget;
  batch: Budget;
  startup: Budget;
  /** Spells in the synthetic 5etools folder the database host imports (responsiveness). */
  responsivenessSpells: number;
  search: Budget;
  /** Imports per side of the import-with/without-search-index comparison. */
  importRuns: Budget;
  renderer: RendererSettings;
}

/** Default run: under a minute on 2 idle cores. */
const FULL: Settings = {
  seedRows: 5000,
  batchRows: 5000,
  reads: { warmup: 2_000, minSamples: 5_000, maxSamples: 400_000, timeMs: 1_500 },
  lists: { warmup: 50, minSamples: 100, maxSamples: 100_000, timeMs: 2_000 },
  // A 5,000-row batch takes about a second: five samples per side keep the run short.
  batch: { warmup: 1, minSamples: 5, maxSamples: 5, timeMs: 0 },
  startup: { warmup: 1, minSamples: 5, maxSamples: 100, timeMs: 800 },
  responsivenessSpells: 25_000,
  search: { warmup: 20, minSamples: 200, maxSamples: 20_000, timeMs: 2_000 },
  importRuns: { warmup: 1, minSamples: 3, maxSamples: 3, timeMs: 0 },
  renderer: { spells: 25_000, samples: 40, scrollRows: 5_000 },
};

/** A few seconds: checks that every scenario runs; the figures mean little. */
const QUICK: Settings = {
  seedRows: 1000,
  batchRows: 1000,
  reads: { warmup: 100, minSamples: 200, maxSamples: 20_000, timeMs: 150 },
  lists: { warmup: 5, minSamples: 20, maxSamples: 5_000, timeMs: 150 },
  batch: { warmup: 1, minSamples: 2, maxSamples: 2, timeMs: 0 },
  startup: { warmup: 1, minSamples: 3, maxSamples: 3, timeMs: 0 },
  responsivenessSpells: 5_000,
  search: { warmup: 2, minSamples: 20, maxSamples: 2_000, timeMs: 150 },
  importRuns: { warmup: 0, minSamples: 1, maxSamples: 1, timeMs: 0 },
  renderer: { spells: 5_000, samples: 8, scrollRows: 2_000 },
};

const settings = quick ? QUICK : FULL;

const notes: string[] = [];
/** Progress goes to stderr so `--json` leaves stdout as one JSON document. */
const runStart = performance.now();
const progress = (message: string) =>
  console.error(`bench: [${((performance.now() - runStart) / 1000).toFixed(1).padStart(5)} s] ${message}`);
const note = (message: string) => {
  notes.push(message);
  progress(message);
};

function packageVersion(name: string): string {
  try {
    const file = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function readScenarios(data: Dataset): Comparison[] {
  progress(`get by id (${data.label})`);
  const out = getById(data, settings.reads);
  progress(`lists (${data.label})`);
  out.push(...lists(data, settings.lists));
  return out;
}

/** Imports the 5etools folder into its own catalog, when one is given and the importer works. */
async function fiveEtools(dir: string, { searchOnly = false } = {}): Promise<Comparison[]> {
  const source = process.env['MIMIR_5ETOOLS_DIR'];
  if (!source) {
    note('skipped: 5etools data scenarios (MIMIR_5ETOOLS_DIR not set)');
    return [];
  }
  const opened = openCatalog(join(dir, '5etools.sqlite'));
  try {
    try {
      const { import5etools } = await import('../src-main/import/5etools');
      const result = import5etools(opened.catalog, source);
      progress(`imported ${result.recordsImported} records from ${source}`);
    } catch (error) {
      note(`skipped: 5etools data scenarios (import of ${source} failed: ${(error as Error).message})`);
      return [];
    }
    const data = describeDataset('5etools', opened.catalog);
    if (data.spellIds.length === 0 || data.creaturesByCrType.length === 0 || data.spellsByClassLevel.length === 0) {
      note(`skipped: 5etools data scenarios (the import of ${source} gave no spells, creatures or spell classes)`);
      return [];
    }
    const out = searchOnly ? [] : readScenarios(data);
    progress(`search (${data.label})`);
    out.push(...searchScenarios(opened.catalog, settings.search, data.label));
    const size = indexSize(opened.connection.sqlite);
    note(
      `search index: ${(size.searchBytes / 1024).toFixed(0)} KiB of a ${(size.fileBytes / 1024).toFixed(0)} KiB catalog (${((100 * size.searchBytes) / size.fileBytes).toFixed(1)}%) after importing ${source}`,
    );
    progress('import with and without the search index');
    out.push(...(await importCost(source, settings.importRuns)));
    return out;
  } finally {
    opened.connection.close();
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

async function main() {
  const loadBefore = loadavg()[0] ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'mimir-bench-'));
  try {
    const results: Comparison[] = [];
    let fullImportFigures: FullImportFigures | null = null;
    let responsivenessFigures: ResponsivenessFigures | null = null;
    let sqliteVersion = '';
    if (searchOnly) {
      results.push(...(await fiveEtools(dir, { searchOnly })));
      const probe = openCatalog(join(dir, 'version.sqlite'));
      sqliteVersion = probe.connection.sqlite.prepare('SELECT sqlite_version()').pluck().get() as string;
      probe.connection.close();
    } else if (!rendererOnly) {
      // First, so the process's peak RSS it reports is the import's.
      const full = fullImport(dir, progress);
      if ('skipped' in full) note(`skipped: full import (${full.skipped})`);
      else {
        results.push(...full.results);
        fullImportFigures = full.figures;
      }
      const seededFile = join(dir, 'synthetic.sqlite');
      const opened = openCatalog(seededFile);
      const { catalog } = opened;
      try {
        sqliteVersion = opened.connection.sqlite.prepare('SELECT sqlite_version()').pluck().get() as string;
        progress(`seeding ${settings.seedRows} spells and ${settings.seedRows} creatures`);
        const seedStart = performance.now();
        seedReferences(catalog);
        catalog.spells.batchUpsert(spellRows(settings.seedRows));
        catalog.creatures.batchUpsert(creatureRows(settings.seedRows));
        // No ANALYZE / PRAGMA optimize: the app never runs them, so the planner works without
        // statistics here as it does for users.
        note(`seeded ${settings.seedRows} spells + ${settings.seedRows} creatures in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

        const synthetic = describeDataset('synthetic', catalog);
        results.push(...readScenarios(synthetic));
        progress(`batchUpsert of ${settings.batchRows} spells`);
        results.push(...batchUpserts(synthetic, settings.batchRows, settings.batch));
      } finally {
        opened.connection.close();
      }
      results.push(...(await fiveEtools(dir)));
      progress('startup');
      results.push(...startup(dir, seededFile, `${(settings.seedRows * 2).toLocaleString('en-US')} rows`, settings.startup));
      progress(`main-thread time per ${'1,000'}-row batchUpsert through the router and the database host`);
      const mainThread = await mainThreadPerBatch(dir, quick ? 3 : 15, progress);
      if ('skipped' in mainThread) note(`skipped: main-thread time per batch (${mainThread.skipped})`);
      else results.push(...mainThread.results);
      progress(`responsiveness: database host importing ${settings.responsivenessSpells} synthetic spells`);
      const hostRun = await responsiveness(dir, settings.responsivenessSpells, progress);
      if ('skipped' in hostRun) note(`skipped: responsiveness (${hostRun.skipped})`);
      else {
        results.push(...hostRun.results);
        responsivenessFigures = hostRun.figures;
      }
    }
    let rendererFigures: RendererFigures | null = null;
    if (!searchOnly) progress(`renderer: the catalog browser in Chromium with ${settings.renderer.spells.toLocaleString('en-US')} spells`);
    const rendererRun = searchOnly ? { skipped: 'not run with --search' } : await rendererBench(dir, settings.renderer, progress);
    if ('skipped' in rendererRun) {
      if (!searchOnly) note(`skipped: renderer (${rendererRun.skipped})`);
    } else {
      results.push(...rendererRun.results);
      rendererFigures = rendererRun.figures;
      const b = rendererFigures.bundle;
      const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
      note(
        `renderer bundle: entry ${kB(b.entryJs)} (${kB(b.entryJsGzip)} gzip), all JS ${kB(b.allJs)} (${kB(b.allJsGzip)} gzip, the rest loaded on demand), CSS ${kB(b.css)}`,
      );
    }

    const environment = {
      date: new Date().toISOString(),
      node: process.version,
      sqlite: sqliteVersion,
      betterSqlite3: packageVersion('better-sqlite3'),
      drizzleOrm: packageVersion('drizzle-orm'),
      zod: packageVersion('zod'),
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      platform: `${process.platform} ${process.arch}`,
      /** 1-minute load average before and after: other work on the machine skews absolute times. */
      loadAverage: [round2(loadBefore), round2(loadavg()[0] ?? 0)],
      durationS: round2((performance.now() - runStart) / 1000),
    };
    if (asJson) {
      console.log(
        JSON.stringify(
          { environment, settings: { quick, ...settings }, results, responsiveness: responsivenessFigures, fullImport: fullImportFigures, renderer: rendererFigures, notes },
          null,
          2,
        ),
      );
      return;
    }
    console.log('');
    console.log(table(results));
    console.log('');
    console.log('ours/base = ours median ÷ base median: 1.00× is the same time, 2.00× twice as long. Baselines:');
    console.log(legend(results));
    const annotated = results.filter((r) => r.note);
    if (annotated.length > 0) console.log(['Notes:', ...annotated.map((r) => `  ${r.group}: ${r.name} — ${r.note}`)].join('\n'));
    for (const line of notes) console.log(`  ${line}`);
    console.log('');
    console.log(
      `${quick ? 'QUICK RUN (figures not representative) · ' : ''}${environment.date} · node ${environment.node} · SQLite ${environment.sqlite} · better-sqlite3 ${environment.betterSqlite3} · drizzle-orm ${environment.drizzleOrm} · zod ${environment.zod} · ${environment.cpus} CPUs (${environment.cpuModel}) · ${environment.platform} · load ${environment.loadAverage.join(' → ')} · ${environment.durationS} s`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
