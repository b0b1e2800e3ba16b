/**
 * Get by id (scenario 1) and what preparing the statement saves (scenario 4).
 *
 * Ours: `catalog.spells.get(id)` — id validated by zod, drizzle prepared statement, row mapped to
 * camelCase keys with JSON columns parsed and booleans decoded.
 * Raw: one prepared `SELECT * FROM spells WHERE id = ?` plus JSON.parse of the JSON columns.
 */
import { eq, sql } from 'drizzle-orm';
import { spells } from '../../src-shared/catalog/tables';
import { nth, type Dataset } from '../dataset';
import { compare, type Budget, type Comparison } from '../harness';
import { jsonColumns, parseJson, type RawRow } from '../raw';

export function getById(data: Dataset, budget: Budget): Comparison[] {
  const { catalog, sqlite, spellIds } = data;
  const db = catalog.connection.db;
  const json = jsonColumns(spells);
  const rawGet = sqlite.prepare('SELECT * FROM spells WHERE id = ?');
  const raw = { run: (i: number) => parseJson(rawGet.get(nth(spellIds, i)) as RawRow | undefined, json) };
  const ours = { run: (i: number) => catalog.spells.get(nth(spellIds, i)) };
  // The same drizzle statement the repository prepares, without the repository around it: the
  // difference to `ours` is id validation and the NotFound check.
  const drizzlePrepared = db.select().from(spells).where(eq(spells.id, sql.placeholder('id'))).prepare();
  const drizzleBuiltPerCall = { run: (i: number) => db.select().from(spells).where(eq(spells.id, nth(spellIds, i))).get() };

  const group = `get by id (${data.label})`;
  const unit = '1 spell';
  const vsRaw = ['raw', 'better-sqlite3 prepared `SELECT * FROM spells WHERE id = ?`, JSON columns parsed'] as const;
  const vsRepository = ['repository.get', 'the repository\'s prepared path (row 1)'] as const;
  const out: Comparison[] = [];
  const push = (name: string, [baselineName, baselineDetail]: readonly [string, string], r: ReturnType<typeof compare>, note?: string) =>
    out.push({
      group,
      name,
      unit,
      itemsPerOp: 1,
      ours: r.ours,
      baselineName,
      baselineDetail,
      baseline: r.baseline,
      ratio: r.ours.medianUs / r.baseline.medianUs,
      ...(note ? { note } : {}),
    });

  push('repository.get', vsRaw, compare(ours, raw, budget));
  push(
    'drizzle prepared, no repository',
    vsRaw,
    compare({ run: (i) => drizzlePrepared.get({ id: nth(spellIds, i) }) }, raw, budget),
    'diagnostic: the repository\'s statement without validation and NotFound check',
  );
  push(
    'drizzle built per call (no .prepare())',
    vsRepository,
    compare(drizzleBuiltPerCall, ours, budget),
    'what preparing once saves: building and compiling the query on every call',
  );
  return out;
}
