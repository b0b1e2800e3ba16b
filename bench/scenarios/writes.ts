/**
 * Batch upsert (scenario 3): N spell rows with ids not in the table (insert path), then the same
 * rows again (unchanged path: the upsert's WHERE finds nothing to change and writes nothing).
 *
 * Ours: `catalog.spells.batchUpsert(rows)` — every row validated by zod before anything is
 * written, then per row an existence check and the upsert, in one transaction, counting
 * inserted / updated / unchanged.
 * Raw: one prepared `INSERT … ON CONFLICT(id) DO UPDATE … WHERE <row differs>` run per row in a
 * better-sqlite3 transaction, JSON stringified; no validation, no counts.
 */
import { spells } from '../../src-shared/catalog/tables';
import type { Dataset } from '../dataset';
import { compare, measure, type Budget, type Comparison } from '../harness';
import { rawUpsert } from '../raw';
import { spellRows } from '../seed';

/** Ids of the batch rows start with this, which no seeded id does. */
const PREFIX = 'zz-';

export function batchUpserts(data: Dataset, rowCount: number, budget: Budget): Comparison[] {
  const { catalog, sqlite } = data;
  const rows = spellRows(rowCount, 99, PREFIX);
  const upsert = rawUpsert(spells);
  const upsertStatement = sqlite.prepare(upsert.sql);
  const rawBatch = sqlite.transaction((batch: Record<string, unknown>[]) => {
    let changes = 0;
    for (const row of batch) changes += upsertStatement.run(...upsert.encode(row)).changes;
    return changes;
  });
  const deleteBatch = sqlite.prepare(`DELETE FROM spells WHERE id >= '${PREFIX}' AND id < 'zz.'`);
  const cleanup = () => {
    deleteBatch.run();
  };
  const unit = `${rowCount.toLocaleString('en-US')} rows`;
  const group = `batchUpsert spells (${data.label})`;
  const baseline = {
    baselineName: 'raw',
    baselineDetail:
      'better-sqlite3, one prepared INSERT … ON CONFLICT (id) DO UPDATE … WHERE <row differs> per row in a transaction, JSON stringified, no validation',
  };
  const out: Comparison[] = [];

  // Fresh ids: each call inserts every row; the rows are deleted, untimed, after each call.
  cleanup();
  const fresh = compare(
    { run: () => catalog.spells.batchUpsert(rows), reset: cleanup },
    { run: () => rawBatch.immediate(rows), reset: cleanup },
    budget,
  );
  out.push({ group, name: 'insert (fresh ids)', unit, itemsPerOp: rowCount, ...withRatio(fresh), ...baseline });

  // Same rows again: stored once, then every call finds them unchanged.
  const first = catalog.spells.batchUpsert(rows);
  if (first.inserted !== rowCount) throw new Error(`setup: expected ${rowCount} inserted, got ${JSON.stringify(first)}`);
  const again = compare(
    { run: () => catalog.spells.batchUpsert(rows) },
    { run: () => rawBatch.immediate(rows) },
    budget,
  );
  out.push({ group, name: 're-upsert (unchanged)', unit, itemsPerOp: rowCount, ...withRatio(again), ...baseline });
  const check = catalog.spells.batchUpsert(rows);
  if (check.unchanged !== rowCount) throw new Error(`re-upsert changed rows: ${JSON.stringify(check)}`);

  // Diagnostic: the validation step alone, to show how much of ours is zod.
  const schema = catalog.spells.definition.insert.array();
  out.push({
    group,
    name: 'zod validation alone',
    unit,
    itemsPerOp: rowCount,
    // Warm already: batchUpsert ran this schema above.
    ours: measure({ run: () => schema.parse(rows) }, { ...budget, warmup: 0 }),
    note: 'diagnostic: the part of batchUpsert before any SQL',
  });
  cleanup();
  return out;
}

function withRatio(r: ReturnType<typeof compare>) {
  return { ours: r.ours, baseline: r.baseline, ratio: r.ours.medianUs / r.baseline.medianUs };
}
