/**
 * The catalog browser in the harness (Chromium + the real renderer build + the real router and
 * database host, as the `harness` Playwright project runs it) on a catalog of synthetic spells:
 *
 * - keystroke → updated list: from the moment a name search is applied (the renderer's
 *   `mimir:list-input` mark, i.e. after the debounce) to the rows that answer it being in the DOM
 *   (`mimir:list-updated` measure);
 * - facet change → updated list: the same measure for a click on a facet checkbox;
 * - detail view open: from a click on a row to the detail slot showing its name;
 * - scrolling 5,000 rows: long tasks (PerformanceObserver 'longtask', ≥ 50 ms) and the longest
 *   gap between animation frames while the grid scrolls 20 rows per frame;
 * - the renderer bundle size.
 *
 * The baselines are the raw `window.mimir.spells.summaries` / `get` calls the page makes for the same
 * queries, timed in the page in the same run: the difference is what the renderer adds. Timings
 * are reported, never judged.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { bindHarness, rendererDir, repoRoot, startStaticServer } from '../e2e/harness-binding';
import { stats, type Comparison } from './harness';
import { RULE_SYSTEM, SOURCES, spellRows } from './seed';

export interface RendererSettings {
  spells: number;
  /** Samples per timed interaction. */
  samples: number;
  scrollRows: number;
}

export interface RendererFigures {
  spells: number;
  bundle: { entryJs: number; entryJsGzip: number; allJs: number; allJsGzip: number; css: number };
  scroll: { rows: number; frames: number; elapsedMs: number; longTasks: number; longestTaskMs: number; longestFrameGapMs: number };
}

export type RendererOutcome = { results: Comparison[]; figures: RendererFigures } | { skipped: string };

const CHROMIUM = '/usr/bin/chromium';
const BATCH = 1000;

/** Newest modification time under `path` (a file or a folder). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Rebuilds out/ when the renderer, preload or worker build is older than its sources. */
function ensureRendererBuilt(log: (message: string) => void): void {
  const built = join(rendererDir, 'index.html');
  const inputs = Math.max(...['src-renderer', 'src-shared', 'src-preload', 'src-main', 'electron.vite.config.ts'].map((p) => newest(join(repoRoot, p))));
  if (existsSync(built) && statSync(built).mtimeMs >= inputs && existsSync(join(repoRoot, 'out', 'main', 'db-worker.js'))) return;
  log('renderer: out/ is older than the sources; running electron-vite build');
  const bin = join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
}

function bundleSizes(): RendererFigures['bundle'] {
  const assets = join(rendererDir, 'assets');
  const files = readdirSync(assets);
  const size = (name: string) => statSync(join(assets, name)).size;
  const gzip = (name: string) => gzipSync(readFileSync(join(assets, name))).length;
  const js = files.filter((f) => f.endsWith('.js'));
  // The chunk index.html loads; the others are loaded on demand (the forms' schemas).
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const entry = js.find((f) => html.includes(f)) ?? '';
  return {
    entryJs: entry ? size(entry) : 0,
    entryJsGzip: entry ? gzip(entry) : 0,
    allJs: js.reduce((n, f) => n + size(f), 0),
    allJsGzip: js.reduce((n, f) => n + gzip(f), 0),
    css: files.filter((f) => f.endsWith('.css')).reduce((n, f) => n + size(f), 0),
  };
}

/** Distinct consecutive search texts that all match rows (the generator's adjectives). */
const SEARCHES = ['fire', 'fir', 'shadow', 'shad', 'storm', 'sto', 'mind', 'min', 'wall', 'wal', 'ice', 'ic', 'holy', 'ray', 'ra', 'death', 'dea'];

// Page code (e2e/ and bench/ are type-checked without the DOM library: strings keep it honest).
const PAGE_HELPERS = String.raw`
  window.__bench = {
    nextMeasure(name, timeoutMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, timeoutMs);
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.name === name) { clearTimeout(timer); observer.disconnect(); resolve(entry.duration); return; }
          }
        });
        observer.observe({ type: 'measure' });
      });
    },
    async until(test, timeoutMs) {
      const start = performance.now();
      while (!test()) {
        if (performance.now() - start > timeoutMs) return false;
        await new Promise((r) => requestAnimationFrame(r));
      }
      return true;
    },
    searchBox: () => document.querySelector('input[type="search"][aria-label^="Search spells"]'),
    grid: () => document.querySelector('[role="grid"][aria-label="Spells"]'),
  };
`;

export async function rendererBench(dir: string, settings: RendererSettings, log: (message: string) => void): Promise<RendererOutcome> {
  try {
    ensureRendererBuilt(log);
  } catch (error) {
    return { skipped: `renderer build failed: ${(error as Error).message.split('\n')[0]}` };
  }
  const userData = join(dir, 'renderer');
  mkdirSync(userData, { recursive: true });
  const server = await startStaticServer(rendererDir);
  let browser;
  try {
    browser = await chromium.launch({
      ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  } catch (error) {
    await new Promise((done) => server.server.close(done));
    return { skipped: `Chromium could not be launched: ${(error as Error).message.split('\n')[0]}` };
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const harness = await bindHarness(context, page, server.url, userData);
  try {
    const host = harness.control.host();
    log(`renderer: seeding ${settings.spells.toLocaleString('en-US')} synthetic spells through spells:batchUpsert`);
    await host.execute('ruleSystems:batchUpsert', { rows: [{ id: RULE_SYSTEM, name: 'Dungeons & Dragons 5th Edition (2014)' }] });
    await host.execute('sources:batchUpsert', { rows: SOURCES.map((id) => ({ id, ruleSystemId: RULE_SYSTEM, fullName: `Book ${id}` })) });
    const rows = spellRows(settings.spells);
    for (let at = 0; at < rows.length; at += BATCH) await host.execute('spells:batchUpsert', { rows: rows.slice(at, at + BATCH) });

    await page.goto(`${server.url}#/spells`);
    await page.evaluate(PAGE_HELPERS);
    const allRows = `document.querySelector('[role="grid"][aria-label="Spells"]')?.getAttribute('aria-rowcount') === '${settings.spells + 1}'`;
    // (No page.waitForFunction: its string predicates are eval'd in the page, which the CSP refuses.)
    const waitAllRows = async (): Promise<void> => {
      if (!(await page.evaluate(`__bench.until(() => ${allRows}, 30000)`))) throw new Error('the grid never showed every row');
    };
    await waitAllRows();

    log('renderer: keystroke → updated list');
    const keystrokes = (await page.evaluate(`(async () => {
      const out = [];
      for (let i = 0; i < ${settings.samples}; i++) {
        const text = ${JSON.stringify(SEARCHES)}[i % ${SEARCHES.length}];
        const next = __bench.nextMeasure('mimir:list-updated', 5000);
        const box = __bench.searchBox();
        box.value = text;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        out.push(await next);
      }
      return out;
    })()`)) as (number | null)[];
    const rawSearch = (await page.evaluate(`(async () => {
      const out = [];
      for (let i = 0; i < ${settings.samples}; i++) {
        const text = ${JSON.stringify(SEARCHES)}[i % ${SEARCHES.length}];
        const t0 = performance.now();
        await window.mimir.spells.summaries({ filter: { nameContains: text, isReprinted: false }, limit: 100, offset: 0 });
        out.push(performance.now() - t0);
      }
      return out;
    })()`)) as number[];

    log('renderer: facet change → updated list');
    // Back to the whole list, then school checkboxes on and off.
    await page.evaluate(`(async () => { location.hash = '#/spells'; await __bench.until(() => !__bench.searchBox().value, 5000); })()`);
    await waitAllRows();
    const facets = (await page.evaluate(`(async () => {
      const boxes = [...document.querySelectorAll('[aria-label="Filters"] fieldset')]
        .find((f) => f.querySelector('legend')?.textContent === 'School')
        .querySelectorAll('input[type="checkbox"]');
      const out = [];
      for (let i = 0; i < ${settings.samples}; i++) {
        const box = boxes[Math.floor(i / 2) % boxes.length];
        const next = __bench.nextMeasure('mimir:list-updated', 5000);
        box.click();
        out.push(await next);
      }
      return out;
    })()`)) as (number | null)[];
    const rawFacet = (await page.evaluate(`(async () => {
      const schools = ['A', 'C', 'D', 'E', 'I', 'N', 'T', 'V'];
      const out = [];
      for (let i = 0; i < ${settings.samples}; i++) {
        const filter = i % 2 === 0 ? { isReprinted: false, school: schools[Math.floor(i / 2) % 8] } : { isReprinted: false };
        const t0 = performance.now();
        await window.mimir.spells.summaries({ filter, limit: 100, offset: 0 });
        out.push(performance.now() - t0);
      }
      return out;
    })()`)) as number[];

    log('renderer: detail view open');
    const details = (await page.evaluate(`(async () => {
      const out = [];
      for (let i = 0; i < ${settings.samples}; i++) {
        const rows = [...__bench.grid().querySelectorAll('[role="rowgroup"] + * [role="row"], .grid-body [role="row"]')];
        const row = rows[(i * 3) % Math.max(1, rows.length - 2)];
        const name = row.querySelector('[role="gridcell"]').firstChild.textContent;
        const shows = () => [...document.querySelectorAll('article[aria-label="Details"] h1, article[aria-label="Details"] h2, article[aria-label="Details"] h3')]
          .some((h) => h.textContent.trim() === name) && document.querySelector('[aria-selected="true"]') === row;
        const t0 = performance.now();
        row.click();
        const ok = await new Promise((resolve) => {
          if (shows()) return resolve(true);
          const timer = setTimeout(() => { observer.disconnect(); resolve(false); }, 5000);
          const observer = new MutationObserver(() => { if (shows()) { clearTimeout(timer); observer.disconnect(); resolve(true); } });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        });
        out.push(ok ? performance.now() - t0 : null);
      }
      return out;
    })()`)) as (number | null)[];
    const rawGet = (await page.evaluate(`(async () => {
      const ids = (await window.mimir.spells.list({ filter: { isReprinted: false }, limit: ${settings.samples} })).data.items.map((r) => r.id);
      const out = [];
      for (const id of ids) { const t0 = performance.now(); await window.mimir.spells.get({ id }); out.push(performance.now() - t0); }
      return out;
    })()`)) as number[];

    log(`renderer: scrolling ${settings.scrollRows.toLocaleString('en-US')} rows`);
    await page.evaluate(`(async () => { location.hash = '#/spells'; await __bench.until(() => !document.querySelector('article[aria-label="Details"]'), 5000); })()`);
    const scroll = (await page.evaluate(`(async () => {
      const scroller = document.querySelector('.grid-scroll');
      scroller.scrollTop = 0;
      await new Promise((r) => setTimeout(r, 300));
      const tasks = [];
      const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
      observer.observe({ type: 'longtask' });
      const rowHeight = 32, perFrame = 20, target = ${settings.scrollRows} * rowHeight;
      let frames = 0, last = performance.now(), longestGap = 0;
      const t0 = last;
      while (scroller.scrollTop < target - 1 && frames < 100000) {
        scroller.scrollTop = Math.min(target, scroller.scrollTop + perFrame * rowHeight);
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
        frames++;
      }
      const elapsedMs = performance.now() - t0;
      // Let the last pages arrive, then collect what the observer saw.
      await __bench.until(() => !document.querySelector('.grid-loading'), 5000);
      await new Promise((r) => setTimeout(r, 200));
      observer.disconnect();
      return { frames, elapsedMs, longTasks: tasks.length, longestTaskMs: tasks.length ? Math.max(...tasks) : 0, longestFrameGapMs: longestGap };
    })()`)) as Omit<RendererFigures['scroll'], 'rows'>;

    const missing = [keystrokes, facets, details].some((samples) => samples.some((s) => s === null));
    const us = (ms: (number | null)[]) => ms.filter((m): m is number => m !== null).map((m) => m * 1000);
    const unit = `${settings.spells.toLocaleString('en-US')} rows`;
    const results: Comparison[] = [
      {
        group: 'renderer',
        name: 'keystroke → updated list (debounce excluded)',
        unit,
        itemsPerOp: 1,
        ours: stats(us(keystrokes)),
        baselineName: 'raw summaries call',
        baselineDetail: 'window.mimir.spells.summaries({ filter: { nameContains, isReprinted: false }, limit: 100 }) timed in the page: the IPC round trip and the query the list waits for (the list asks for list rows, not whole rows)',
        baseline: stats(us(rawSearch)),
        noRate: true,
      },
      {
        group: 'renderer',
        name: 'facet change → updated list',
        unit,
        itemsPerOp: 1,
        ours: stats(us(facets)),
        baselineName: 'raw summaries call',
        baseline: stats(us(rawFacet)),
        noRate: true,
      },
      {
        group: 'renderer',
        name: 'detail view open (click → name shown)',
        unit,
        itemsPerOp: 1,
        ours: stats(us(details)),
        baselineName: 'raw get call',
        baselineDetail: 'window.mimir.spells.get({ id }) timed in the page',
        baseline: stats(us(rawGet)),
        noRate: true,
      },
      {
        group: 'renderer',
        name: `scroll ${settings.scrollRows.toLocaleString('en-US')} rows: longest frame gap`,
        unit: `${scroll.frames} frames`,
        itemsPerOp: 1,
        ours: stats([scroll.longestFrameGapMs * 1000]),
        noRate: true,
        note: `${scroll.longTasks} long tasks (≥ 50 ms)${scroll.longTasks ? `, longest ${scroll.longestTaskMs.toFixed(0)} ms` : ''}; ${scroll.elapsedMs.toFixed(0)} ms for the whole scroll`,
      },
    ];
    for (const r of results.slice(0, 3)) {
      if (r.baseline) r.ratio = r.ours.medianUs / r.baseline.medianUs;
    }
    if (missing) results[0]!.note = 'some interactions timed out (5 s) and are left out of the figures';
    return { results, figures: { spells: settings.spells, bundle: bundleSizes(), scroll: { rows: settings.scrollRows, ...scroll } } };
  } finally {
    await context.close();
    await browser.close();
    await harness.close();
    await new Promise((done) => server.server.close(done));
  }
}
