import type { ImportContext } from './context';
import type { ImportKind, Mapped, Raw } from './types';

/** A record the resolve stage made from another record's `_versions` (it carries `_versionOf`). */
export function isVersion(record: Raw): boolean {
  return record['_versionOf'] !== undefined;
}

/**
 * Maps every (resolved) record of a kind with `mapOne`, each under the context's per-record
 * guard; counts the `_versions` rows as generated. Records `mapOne` cannot map are its own to
 * skip (with a reason) and return undefined.
 */
export function mapEach<T>(kind: ImportKind, records: readonly Raw[], ctx: ImportContext, mapOne: (record: Raw) => T | undefined): Mapped<T> {
  const rows: T[] = [];
  let generated = 0;
  ctx.each(kind, records, (record) => {
    if (isVersion(record)) generated += 1;
    const row = mapOne(record);
    if (row) rows.push(row);
  });
  return { rows, read: records.length - generated, generated };
}
