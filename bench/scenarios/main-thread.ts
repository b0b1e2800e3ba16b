/**
 * Main-thread cost of one 1,000-row `spells:batchUpsert` through the IPC router and the database
 * host (scenario 7). The main thread serves every window, so what it spends per call matters more
 * than the call's wall time: here it checks the sender and the payload's structure and
 * structured-clones the rows to the writer; the zod parse runs in the worker.
 *
 * "ours": the main thread's event-loop active time while one call is in flight (router → writer →
 * reply), per call. Baseline: the same, with the router parsing the input with the contract's zod
 * schema on the main thread before handing it on, as the previous design did. Samples alternate.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contract, MAX_BATCH_ROWS } from '../../src-shared/contract';
import { startDatabaseHost } from '../../src-main/db-host/host';
import { openCatalog } from '../../src-main/db/startup';
import { createMainHandlers } from '../../src-main/ipc/main-handlers';
import { createRouter } from '../../src-main/ipc/router';
import { ensureBuilt } from '../../test/global-setup';
import { testServices } from '../../test/main-services';
import { stats, type Comparison } from '../harness';
import { seedReferences, spellRows } from '../seed';

const BUILT_WORKER = fileURLToPath(new URL('../../out/main/db-worker.js', import.meta.url));
const SENDER = { frameUrl: 'file:///app/index.html', isMainFrame: true, webContentsId: 1 };

export async function mainThreadPerBatch(
  dir: string,
  samples: number,
  log: (message: string) => void,
): Promise<{ results: Comparison[] } | { skipped: string }> {
  try {
    ensureBuilt(log);
  } catch (error) {
    return { skipped: `out/main/db-worker.js could not be built: ${String(error).split('\n')[0]}` };
  }
  if (!existsSync(BUILT_WORKER)) return { skipped: `${BUILT_WORKER} not found after the build` };
  const file = join(dir, 'main-thread.sqlite');
  const seeded = openCatalog(file);
  seedReferences(seeded.catalog);
  seeded.connection.close();

  const host = await startDatabaseHost({ file, workerPath: BUILT_WORKER });
  try {
    const router = createRouter({
      database: (channel, input) => host.execute(channel, input),
      main: createMainHandlers(testServices(dir)),
      isTrustedSender: () => true,
    });
    // The previous design: zod on the main thread, then the parsed input to the host.
    const parsingOnMain = createRouter({
      database: (channel, input) => {
        const parsed = contract.spells.batchUpsert.input.safeParse(input);
        if (!parsed.success) throw new Error('the bench rows do not parse');
        return host.execute(channel, parsed.data);
      },
      main: createMainHandlers(testServices(dir)),
      isTrustedSender: () => true,
    });
    const activeUs: number[] = [];
    const baselineUs: number[] = [];
    const wallUs: number[] = [];
    const timeOne = async (which: typeof router, i: number) => {
      // Fresh ids every call: each call inserts 1,000 rows.
      const rows = spellRows(MAX_BATCH_ROWS, 100 + i, `mt${i}-`);
      const before = performance.eventLoopUtilization();
      const started = performance.now();
      const reply = await which.handle('spells:batchUpsert', { rows }, SENDER);
      const wall = performance.now() - started;
      const loop = performance.eventLoopUtilization(before);
      if (!reply.ok) throw new Error(`spells:batchUpsert failed: ${reply.error.message}`);
      return { activeUs: loop.active * 1000, wallUs: wall * 1000 };
    };
    for (let i = 0; i <= samples; i++) {
      const ours = await timeOne(router, 2 * i);
      const baseline = await timeOne(parsingOnMain, 2 * i + 1);
      if (i === 0) continue; // warm-up
      activeUs.push(ours.activeUs);
      wallUs.push(ours.wallUs);
      baselineUs.push(baseline.activeUs);
    }
    const wall = stats(wallUs);
    return {
      results: [
        {
          group: 'IPC main thread (db host)',
          name: `spells:batchUpsert, ${MAX_BATCH_ROWS.toLocaleString('en-US')} rows: main-thread time per call`,
          unit: `${MAX_BATCH_ROWS.toLocaleString('en-US')} rows`,
          itemsPerOp: MAX_BATCH_ROWS,
          ours: stats(activeUs),
          baselineName: 'zod on main',
          baselineDetail: 'the same call with the router parsing the rows with the contract schema on the main thread first (the previous design)',
          baseline: stats(baselineUs),
          ratio: stats(activeUs).medianUs / stats(baselineUs).medianUs,
          noRate: true,
          note: `main thread active (event-loop utilization) while the call was in flight; the call's wall time, worker included: median ${(wall.medianUs / 1000).toFixed(1)} ms`,
        },
      ],
    };
  } finally {
    await host.close();
  }
}
