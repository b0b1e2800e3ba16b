import type { ImportContext } from './context';
import { expandVersions, resolveCopies } from './copy';
import type { ImportKind, Mapped, Raw } from './types';

/**
 * Maps every record of a kind after resolving its `_copy`, and each of its `_versions` after it,
 * with `mapOne`; counts the version rows as generated. Records `mapOne` cannot map are its own
 * to skip (with a reason) and return undefined.
 */
export function mapWithVersions<T>(
  kind: ImportKind,
  records: Raw[],
  ctx: ImportContext,
  mapOne: (record: Raw) => T | undefined,
): Mapped<T> {
  const rows: T[] = [];
  let generated = 0;
  for (const record of resolveCopies(records, (skipped, reason) => ctx.skip(kind, skipped, reason))) {
    const row = mapOne(record);
    if (row) rows.push(row);
    for (const version of expandVersions(record)) {
      generated += 1;
      const versionRow = mapOne(version);
      if (versionRow) rows.push(versionRow);
    }
  }
  return { rows, read: records.length, generated };
}
