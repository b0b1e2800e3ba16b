/**
 * The resolve stage of the importer (README.md, "_copy, _mod, _versions, _templates"): between
 * reading the files and mapping the records, every `_copy` of every collection is resolved and
 * every `_versions` entry becomes a record of its own, as 5etools resolves them when it loads its
 * data, so the mappers only ever see complete records.
 *
 * One record can never fail the stage: a record that cannot be resolved is a skip with a reason,
 * a patch that cannot be applied is a warning; only cancellation throws.
 */
import { fail } from '../../../../src-shared/errors';
import { isRecord } from '../raw';
import type { Raw } from '../types';
import { CopyResolver, preserveOnlyFor, type CopyOptions } from './copy';
import { messageOf, SkipError } from './errors';
import { indexTemplates, type TemplateIndex } from './templates';
import { expandVersions, variantVersionDrafts } from './versions';

export interface ResolveReporter {
  /** `record` is left out of the result; `reason` says why. */
  skip(collection: string, record: Raw, reason: string): void;
  /** `record` is in the result, with something of it not applied; `message` says what. */
  warn(collection: string, record: Raw, message: string): void;
}

export interface ResolveOptions {
  signal?: AbortSignal;
  /**
   * Also expand creatures' implicit versions (`variant[]._version`, which 5etools lists as
   * versions of the creature). Off by default: the rows they would add are not imported yet.
   */
  variantVersions?: boolean;
}

/**
 * Collections whose `_copy` targets are also looked up in other collections, after their own
 * (an item may name a base item or an item group).
 */
const SHARED_POOLS: Readonly<Record<string, readonly string[]>> = {
  item: ['baseitem', 'itemGroup'],
  itemGroup: ['item', 'baseitem'],
  baseitem: ['item', 'itemGroup'],
};

const TEMPLATE_SUFFIX = 'Template';

/**
 * Collections whose `_versions` are not expanded here: 5etools applies a subrace's versions to
 * the race merged with the subrace (`Renderer.race._getMergedSubrace`, then `getVersions`), and
 * that merge is the race mapper's. It passes the merged record to `versionsOf`.
 */
const VERSIONS_AFTER_MERGE = new Set(['subrace']);

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw fail('Cancelled', 'The import was cancelled.', { operation: 'import' });
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
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
  const valid: Record<string, Raw[]> = {};
  for (const [key, records] of Object.entries(collections)) {
    if (!Array.isArray(records)) {
      reporter.skip(key, { name: `(collection ${key})` }, `the collection "${key}" is ${kindOf(records)}, not a list of records`);
      valid[key] = [];
      continue;
    }
    valid[key] = records.filter((record, index) => {
      if (isRecord(record)) return true;
      reporter.skip(key, { name: `(${key} #${index + 1})` }, `record #${index + 1} of "${key}" is ${kindOf(record)}, not an object`);
      return false;
    });
  }

  // Templates first: other collections apply them, resolved (templates copy each other too).
  const keys = Object.keys(valid).sort((a, b) => Number(b.endsWith(TEMPLATE_SUFFIX)) - Number(a.endsWith(TEMPLATE_SUFFIX)));
  const templates = new Map<string, TemplateIndex>();
  const out: Record<string, Raw[]> = {};
  for (const key of keys) {
    const result = resolveCollection(key, valid, templates.get(key + TEMPLATE_SUFFIX) ?? new Map(), reporter, options);
    out[key] = result;
    if (key.endsWith(TEMPLATE_SUFFIX)) templates.set(key, indexTemplates(result));
  }
  // The same key order as given.
  return Object.fromEntries(Object.keys(collections).map((key) => [key, out[key] ?? []]));
}

function resolveCollection(
  key: string,
  collections: Readonly<Record<string, Raw[]>>,
  templates: TemplateIndex,
  reporter: ResolveReporter,
  options: ResolveOptions,
): Raw[] {
  const records = collections[key] ?? [];
  const pool = [...records, ...(SHARED_POOLS[key] ?? []).flatMap((other) => collections[other] ?? [])];
  const copyOptions: CopyOptions = { preserveOnly: preserveOnlyFor(key), templates };
  const warn = (record: Raw, message: string) => reporter.warn(key, record, message);
  const resolver = new CopyResolver(pool, copyOptions, warn);
  const out: Raw[] = [];
  for (const record of records) {
    throwIfCancelled(options.signal);
    let resolved: Raw;
    try {
      resolved = resolver.resolve(record);
    } catch (error) {
      reporter.skip(key, record, error instanceof SkipError ? error.message : `it could not be resolved (unexpected error: ${messageOf(error)})`);
      continue;
    }
    try {
      const extra = options.variantVersions && key === 'monster' ? variantVersionDrafts(resolved) : [];
      if ((!Array.isArray(resolved['_versions']) || VERSIONS_AFTER_MERGE.has(key)) && extra.length === 0) {
        out.push(resolved);
        continue;
      }
      const { versions, failed } = expandVersions(resolved, copyOptions, warn, extra);
      const { _versions: _dropped, ...base } = resolved;
      out.push(base, ...versions);
      for (const { version, reason } of failed) reporter.skip(key, version, reason);
    } catch (error) {
      reporter.skip(key, record, `its _versions could not be resolved (unexpected error: ${messageOf(error)})`);
    }
  }
  return out;
}

/**
 * The versions of one record built outside this stage (a subrace merged with its race), each
 * with `_versionOf`; versions that cannot be built are reported to `reporter.skip`, what a
 * version was built without to `reporter.warn`. Never throws.
 */
export function versionsOf(collection: string, record: Raw, reporter: ResolveReporter): Raw[] {
  const copyOptions: CopyOptions = { preserveOnly: preserveOnlyFor(collection), templates: new Map() };
  try {
    const { versions, failed } = expandVersions(record, copyOptions, (version, message) => reporter.warn(collection, version, message));
    for (const { version, reason } of failed) reporter.skip(collection, version, reason);
    return versions;
  } catch (error) {
    reporter.skip(collection, record, `its _versions could not be resolved: ${messageOf(error)}`);
    return [];
  }
}
