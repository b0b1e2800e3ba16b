/**
 * `_versions` (5etools `DataUtil.generic.getVersions`, `_getVersions_template`,
 * `_getVersions_basic`, `_getVersion`): variants of a record, each built like a `_copy` of it.
 *
 * - A plain version is a record of its own properties plus `_mod`, `_templates`, `_preserve`.
 * - `{_abstract, _implementations}`: one version per implementation: the abstract with every
 *   `{{variable}}` replaced from the implementation's `_variables`, then the implementation's
 *   other properties over it.
 * - The parent, without its `_versions`, `hasToken`, `hasFluff`, `hasFluffImages` and without
 *   the `otherSources` / `additionalSources` / `referenceSources` entries of the version's own
 *   source, is the copy target; `_preserve` defaults to everything (`{"*": true}`), so a version
 *   keeps its parent's page and SRD flags unless it gives its own.
 * - Creatures also have implicit versions (5etools `DataUtil.monster._getAdditionalVersionsData`):
 *   a `variant` inset with `_version: {name, source, addAs | addHeadersAs}` is a version whose
 *   `addAs` property gets the inset (or, for `addHeadersAs`, its named sub-entries) appended, and
 *   which has no `variant`s. Expanded only when asked (`variantVersions`).
 */
import { copyJson as clone } from './walk';
import { isRecord } from '../raw';
import type { Raw } from '../types';
import { buildCopy, type CopyOptions } from './copy';
import { concatMods, normaliseMods } from './mods';
import { mapStrings } from './walk';

export interface VersionOutcome {
  /** Built versions, each with `_versionOf: {name, source}` of the parent. */
  versions: Raw[];
  /** Versions that could not be built: the version as written (or a label) and why. */
  failed: { version: Raw; reason: string }[];
}

interface VersionDraft {
  record: Raw;
  meta: Raw;
  /** `{{variables}}` its implementation does not give. */
  unfilled: string[];
}

function metaOf(draft: Raw): Raw {
  const meta: Raw = { _preserve: isRecord(draft['_preserve']) ? draft['_preserve'] : { '*': true } };
  if (draft['_mod'] !== undefined) meta['_mod'] = draft['_mod'];
  if (draft['_templates'] !== undefined) meta['_templates'] = draft['_templates'];
  return meta;
}

function withoutMeta(draft: Raw): Raw {
  const { _mod: _m, _templates: _t, _preserve: _p, ...rest } = draft;
  return rest;
}

/** The drafts of one `_abstract` entry: variables filled, implementation properties over it. */
function fromAbstract(entry: Raw): VersionDraft[] {
  const drafts: VersionDraft[] = [];
  for (const implementation of Array.isArray(entry['_implementations']) ? entry['_implementations'] : []) {
    if (!isRecord(implementation)) continue;
    const { _variables: variables, ...own } = clone(implementation);
    const values = isRecord(variables) ? variables : {};
    const unfilled = new Set<string>();
    const filled = mapStrings(clone(entry['_abstract']), (text) =>
      text.replace(/\{\{([^}]+)\}\}/g, (whole, name: string) => {
        if (values[name] === undefined) {
          unfilled.add(name);
          return whole;
        }
        return String(values[name]);
      }),
    ) as Raw;
    const meta = metaOf(filled);
    // An implementation's own patches (no data has them yet) apply after the abstract's.
    const ownMods = normaliseMods(own['_mod']);
    if (ownMods) meta['_mod'] = concatMods(normaliseMods(meta['_mod']) ?? {}, ownMods);
    drafts.push({ record: { ...withoutMeta(filled), ...withoutMeta(own) }, meta, unfilled: [...unfilled] });
  }
  return drafts;
}

/** Implicit creature versions from `variant[]._version` (see the module comment). */
export function variantVersionDrafts(creature: Raw): Raw[] {
  const out: Raw[] = [];
  for (const inset of Array.isArray(creature['variant']) ? creature['variant'] : []) {
    if (!isRecord(inset) || !isRecord(inset['_version'])) continue;
    const version = inset['_version'];
    const draft: Raw = {
      name: version['name'] ?? inset['name'],
      source: version['source'] ?? inset['source'] ?? creature['source'],
      variant: null,
    };
    if (typeof version['addAs'] === 'string') {
      const { _version: _v, type: _t, source: _s, page: _p, ...item } = clone(inset);
      draft['_mod'] = { [version['addAs']]: { mode: 'appendArr', items: item } };
    } else if (typeof version['addHeadersAs'] === 'string') {
      const entries = (Array.isArray(inset['entries']) ? inset['entries'] : [])
        .filter((e): e is Raw => isRecord(e) && Boolean(e['name']) && Boolean(e['entries']))
        .map((e) => {
          const { type: _t, source: _s, ...rest } = clone(e);
          return rest;
        });
      draft['_mod'] = { [version['addHeadersAs']]: { mode: 'appendArr', items: entries } };
    } else continue;
    out.push(draft);
  }
  return out;
}

const SOURCE_LISTS = ['additionalSources', 'otherSources', 'referenceSources'];

function parentFor(parent: Raw, versionSource: unknown): Raw {
  const base: Raw = { ...parent };
  for (const key of ['_versions', 'hasToken', 'hasFluff', 'hasFluffImages']) delete base[key];
  for (const key of SOURCE_LISTS) {
    const list = base[key];
    if (!Array.isArray(list)) continue;
    const kept = list.filter((entry) => !(isRecord(entry) && entry['source'] === versionSource));
    if (kept.length > 0) base[key] = kept;
    else delete base[key];
  }
  return base;
}

/**
 * The versions of `parent` (a resolved record). `extra` are further version drafts (the implicit
 * creature versions). `warn(version, message)` reports what a version was built without.
 */
export function expandVersions(
  parent: Raw,
  options: CopyOptions,
  warn: (version: Raw, message: string) => void,
  extra: readonly Raw[] = [],
): VersionOutcome {
  const entries = [...(Array.isArray(parent['_versions']) ? parent['_versions'] : []), ...extra];
  const outcome: VersionOutcome = { versions: [], failed: [] };
  const versionOf = { name: parent['name'], source: parent['source'] };
  for (const entry of entries) {
    if (!isRecord(entry)) {
      outcome.failed.push({ version: { name: `${String(parent['name'])} (version)` }, reason: `a _versions entry is not an object (${JSON.stringify(entry)?.slice(0, 60)})` });
      continue;
    }
    const isAbstract = isRecord(entry['_abstract']);
    const drafts: VersionDraft[] = isAbstract ? fromAbstract(entry) : [{ record: withoutMeta(clone(entry)), meta: metaOf(entry), unfilled: [] }];
    if (isAbstract && drafts.length === 0) {
      outcome.failed.push({ version: entry['_abstract'] as Raw, reason: 'its _abstract version has no _implementations' });
      continue;
    }
    for (const draft of drafts) {
      try {
        const messages: string[] = [];
        if (draft.unfilled.length > 0) messages.push(`its _versions template leaves {{${draft.unfilled.join('}}, {{')}}} unfilled`);
        const built = buildCopy(parentFor(parent, draft.record['source']), draft.record, draft.meta, options, (m) => messages.push(m));
        built['_versionOf'] = versionOf;
        for (const message of messages) warn(built, message);
        outcome.versions.push(built);
      } catch (error) {
        outcome.failed.push({ version: draft.record, reason: `its version could not be built: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  }
  return outcome;
}
