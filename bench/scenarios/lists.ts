/**
 * Filtered lists (scenario 2): one page of 50 plus the total, as the UI asks for them.
 *
 * Ours: `repository.list({ filter, limit: 50 })` — input validated by zod, statements prepared
 * once per combination of filters, rows mapped by drizzle.
 * Raw: two prepared statements (page, count) with the WHERE a developer would write by hand
 * (`level = ?`, `type = ?`: ours binds a single filter value the same way), rows' JSON columns
 * parsed. Both sort by name, then id.
 */
import { creatures, spells } from '../../src-shared/catalog/tables';
import { nth, type Dataset } from '../dataset';
import { compare, type Budget, type Comparison } from '../harness';
import { jsonColumns, parseAll, type RawRow } from '../raw';

const PAGE = 50;

export function lists(data: Dataset, budget: Budget): Comparison[] {
  const { catalog, sqlite } = data;
  const spellJson = jsonColumns(spells);
  const creatureJson = jsonColumns(creatures);

  /** Page + count on two raw statements sharing one WHERE clause. */
  function rawPage(table: string, where: string, json: string[]) {
    const page = sqlite.prepare(`SELECT * FROM ${table} WHERE ${where} ORDER BY name, id LIMIT ? OFFSET ?`);
    const total = sqlite.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck();
    return (params: unknown[]) => ({
      items: parseAll(page.all(...params, PAGE, 0) as RawRow[], json),
      total: total.get(...params) as number,
    });
  }

  const spellsByClass = rawPage(
    'spells',
    'level = ? AND id IN (SELECT spell_id FROM spell_classes WHERE class_name = ?)',
    spellJson,
  );
  const creaturesByCr = rawPage('creatures', 'type = ? AND cr_value >= ? AND cr_value <= ?', creatureJson);
  const spellsByPrefix = rawPage('spells', "name >= ? AND name < ? || char(1114111)", spellJson);

  const cases: { name: string; ours: (i: number) => unknown; raw: (i: number) => unknown }[] = [
    {
      name: 'spells by class + level',
      ours: (i) => {
        const q = nth(data.spellsByClassLevel, i);
        return catalog.spells.list({ filter: { class: q.className, level: q.level }, limit: PAGE });
      },
      raw: (i) => {
        const q = nth(data.spellsByClassLevel, i);
        return spellsByClass([q.level, q.className]);
      },
    },
    {
      name: 'creatures by CR range + type',
      ours: (i) => {
        const q = nth(data.creaturesByCrType, i);
        return catalog.creatures.list({ filter: { crMin: q.crMin, crMax: q.crMax, type: q.type }, limit: PAGE });
      },
      raw: (i) => {
        const q = nth(data.creaturesByCrType, i);
        return creaturesByCr([q.type, q.crMin, q.crMax]);
      },
    },
    {
      name: 'spells by name prefix',
      ours: (i) => catalog.spells.list({ filter: { nameStartsWith: nth(data.spellNamePrefixes, i) }, limit: PAGE }),
      raw: (i) => {
        const prefix = nth(data.spellNamePrefixes, i);
        return spellsByPrefix([prefix, prefix]);
      },
    },
  ];

  return cases.map(({ name, ours, raw }) => {
    const r = compare({ run: ours }, { run: raw }, budget);
    return {
      group: `list (${data.label})`,
      name,
      unit: 'page of 50 + total',
      itemsPerOp: 1,
      ours: r.ours,
      baselineName: 'raw',
      baselineDetail:
        'better-sqlite3, two prepared statements (page of 50 ORDER BY name, id; count) with hand-written WHERE, JSON columns parsed',
      baseline: r.baseline,
      ratio: r.ours.medianUs / r.baseline.medianUs,
    };
  });
}
