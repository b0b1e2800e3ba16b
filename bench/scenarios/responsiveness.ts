/**
 * Responsiveness (scenario 6): the database host (src-main/db-host) with its built worker threads
 * imports a synthetic 5etools folder while the main thread runs a 5 ms timer and, from the first
 * progress event on, keeps sending reads. What the app needs from the host: the main thread stays
 * free during a long import, and reads are answered before the import ends.
 *
 * Absolute figures only: raw better-sqlite3 has no equivalent (it would run the import on the
 * main thread). One import per run, so the figures are single samples, not medians over many.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChannelName } from '../../src-shared/contract';
import type { ImportResult } from '../../src-shared/import-types';
import { startDatabaseHost, type DatabaseHost } from '../../src-main/db-host/host';
import { ensureBuilt } from '../../test/global-setup';
import { writeSyntheticSpellData } from '../../test/synthetic-5etools';
import { stats, type Comparison } from '../harness';

const TICK_MS = 5;
/** Pause between read rounds: a UI refreshing a count, not a flood competing with the import. */
const READ_PAUSE_MS = 20;
const READS: [ChannelName, unknown][] = [
  ['spells:count', {}],
  ['ruleSystems:list', {}],
];

export interface ResponsivenessFigures {
  spells: number;
  spellsImported: number;
  importMs: number;
  timerIntervalMs: number;
  ticksDuringImport: number;
  longestGapMs: number;
  /** Event-loop utilization of the main thread during the import, 0–1. */
  mainThreadBusy: number;
  /** Reads (each channel call counts once) answered while the import was still running. */
  readsAnsweredDuringImport: number;
  /** The first spells:count: from the first progress event, when it is sent, to its answer. */
  firstReadMs: number;
  readPauseMs: number;
}

export type ResponsivenessOutcome =
  | { results: Comparison[]; figures: ResponsivenessFigures }
  | { skipped: string };

const BUILT_WORKER = fileURLToPath(new URL('../../out/main/db-worker.js', import.meta.url));

/** `dir`: a temporary folder for the catalog and the data; `log`: progress lines (stderr). */
export async function responsiveness(dir: string, spellCount: number, log: (message: string) => void): Promise<ResponsivenessOutcome> {
  try {
    // A worker thread runs the built bundle, not the TypeScript sources: rebuild it when stale.
    ensureBuilt(log);
  } catch (error) {
    return { skipped: `out/main/db-worker.js missing or stale and the build failed: ${firstLine(error)}` };
  }
  if (!existsSync(BUILT_WORKER)) return { skipped: `${BUILT_WORKER} not found after the build` };

  const dataDir = join(dir, 'synthetic-5etools');
  writeSyntheticSpellData(dataDir, spellCount);
  let host: DatabaseHost;
  try {
    host = await startDatabaseHost({ file: join(dir, 'responsiveness.sqlite'), workerPath: BUILT_WORKER });
  } catch (error) {
    return { skipped: `the database host did not start: ${firstLine(error)}` };
  }

  try {
    return await importWhileReading(host, dataDir, spellCount);
  } catch (error) {
    return { skipped: `import:5etools or a read during it failed: ${firstLine(error)}` };
  } finally {
    await host.close().catch((error: unknown) => log(`responsiveness: closing the host failed: ${firstLine(error)}`));
  }
}

async function importWhileReading(host: DatabaseHost, dataDir: string, spellCount: number): Promise<ResponsivenessOutcome> {
  let importing = true;
  const gapsUs: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (importing) gapsUs.push((now - last) * 1000);
    last = now;
  }, TICK_MS);

  let firstProgress!: () => void;
  const progressed = new Promise<void>((resolve) => (firstProgress = resolve));
  const unsubscribe = host.onEvent((event) => event === 'import:progress' && firstProgress());

  const loopBefore = performance.eventLoopUtilization();
  const started = performance.now();
  let importMs = NaN;
  let mainThreadBusy = NaN;
  const imported = host.execute('import:5etools', { dataDir }).finally(() => {
    importMs = performance.now() - started;
    mainThreadBusy = performance.eventLoopUtilization(loopBefore).utilization;
    importing = false;
  }) as Promise<ImportResult>;
  // Ends the read loop if the import fails before its first progress event.
  const settled = imported.then(
    () => undefined,
    () => undefined,
  );

  const readLatenciesUs: number[] = [];
  let firstReadMs = NaN;
  const read = async ([channel, input]: [ChannelName, unknown]) => {
    const sent = performance.now();
    await host.execute(channel, input);
    const latencyMs = performance.now() - sent;
    if (channel === READS[0]![0] && Number.isNaN(firstReadMs)) firstReadMs = latencyMs;
    if (importing) readLatenciesUs.push(latencyMs * 1000);
  };

  try {
    await Promise.race([progressed, settled]);
    while (importing) {
      await Promise.all(READS.map(read));
      await new Promise((resolve) => setTimeout(resolve, READ_PAUSE_MS));
    }
    const result = await imported;

    const figures: ResponsivenessFigures = {
      spells: spellCount,
      spellsImported: result.counts.spells.imported,
      importMs,
      timerIntervalMs: TICK_MS,
      ticksDuringImport: gapsUs.length,
      longestGapMs: Math.max(0, ...gapsUs) / 1000,
      mainThreadBusy,
      readsAnsweredDuringImport: readLatenciesUs.length,
      firstReadMs,
      readPauseMs: READ_PAUSE_MS,
    };
    return { figures, results: rows(figures, gapsUs, readLatenciesUs) };
  } finally {
    clearInterval(timer);
    unsubscribe();
    await settled;
  }
}

function rows(f: ResponsivenessFigures, gapsUs: number[], readLatenciesUs: number[]): Comparison[] {
  const group = 'responsiveness (db host)';
  const count = f.spells.toLocaleString('en-US');
  const partial = f.spellsImported === f.spells ? '' : `; only ${f.spellsImported.toLocaleString('en-US')} spells imported`;
  return [
    {
      group,
      name: `import:5etools, ${count} synthetic spells`,
      unit: `${count} spells`,
      itemsPerOp: f.spells,
      ours: stats([f.importMs * 1000]),
      note: `one import on the writer worker, with the reads below running${partial}`,
    },
    {
      group,
      name: `main-thread ${f.timerIntervalMs} ms timer during the import`,
      unit: '1 tick gap',
      itemsPerOp: 1,
      ours: stats(gapsUs),
      noRate: true,
      note:
        `${f.ticksDuringImport} ticks, longest gap ${f.longestGapMs.toFixed(1)} ms, ` +
        `main thread busy ${(f.mainThreadBusy * 100).toFixed(1)}% of the import`,
    },
    {
      group,
      name: 'read during the import (spells:count, ruleSystems:list)',
      unit: '1 read',
      itemsPerOp: 1,
      ours: stats(readLatenciesUs),
      note:
        `${f.readsAnsweredDuringImport} reads answered before the import ended (pairs sent ${f.readPauseMs} ms apart from the first progress event); ` +
        `the first spells:count in ${f.firstReadMs.toFixed(1)} ms`,
    },
  ];
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
