/**
 * The resolve stage of the importer (README.md, "_copy, _mod, _versions, _templates"): between
 * reading the files and mapping the records, every `_copy` of every collection is resolved and
 * every `_versions` entry becomes a record of its own, so the mappers only ever see complete
 * records.
 */
import { fail } from '../../../../src-shared/errors';
import { isRecord, str } from '../raw';
import type { Raw } from '../types';
import { expandVersions, resolveCopies } from './copy';

export interface ResolveReporter {
  /** `record` is left out of the result; `reason` says why. */
  skip(collection: string, record: Raw, reason: string): void;
  /** `record` is in the result, with something of it not applied; `message` says what. */
  warn(collection: string, record: Raw, message: string): void;
}

export interface ResolveOptions {
  signal?: AbortSignal;
}

/**
 * Collections whose `_copy` targets are looked up in each other as well as in themselves
 * (an item may copy a base item or an item group).
 */
const SHARED_POOLS: readonly (readonly string[])[] = [['item', 'baseitem', 'itemGroup']];

function poolOf(key: string, collections: Readonly<Record<string, Raw[]>>): Raw[] {
  const shared = SHARED_POOLS.find((keys) => keys.includes(key));
  if (!shared) return collections[key] ?? [];
  return shared.flatMap((k) => collections[k] ?? []);
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw fail('Cancelled', 'The import was cancelled.', { operation: 'import' });
}

/**
 * Resolves `_copy` (with `_mod`, `_templates`, `_preserve`) and expands `_versions` in every
 * collection. Returns the same keys; no record keeps `_copy` or `_versions`; each version follows
 * its base and carries `_versionOf: {name, source}` of it. A record that cannot be resolved is
 * reported to `reporter.skip` and left out; the stage throws only when `options.signal` aborts.
 */
export function resolveDataSet(
  collections: Readonly<Record<string, Raw[]>>,
  reporter: ResolveReporter,
  options: ResolveOptions = {},
): Record<string, Raw[]> {
  const out: Record<string, Raw[]> = {};
  for (const [key, records] of Object.entries(collections)) {
    throwIfCancelled(options.signal);
    const skip = (record: Raw, reason: string) => reporter.skip(key, record, reason);
    let resolved: Raw[];
    try {
      resolved = resolveCopies(records, skip, poolOf(key, collections));
    } catch (error) {
      // resolveCopies turns its own errors into skips; anything else leaves the collection as read.
      for (const record of records) skip(record, `it could not be resolved: ${error instanceof Error ? error.message : String(error)}`);
      resolved = [];
    }
    const list: Raw[] = [];
    for (const record of resolved) {
      throwIfCancelled(options.signal);
      let versions: Raw[];
      try {
        versions = expandVersions(record);
      } catch (error) {
        skip(record, `its _versions could not be resolved: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const { _versions: _dropped, ...base } = record;
      list.push(base);
      const versionOf = { name: str(record['name']) ?? '', source: str(record['source']) ?? '' };
      for (const version of versions) if (isRecord(version)) list.push({ ...version, _versionOf: versionOf });
    }
    out[key] = list;
  }
  return out;
}
