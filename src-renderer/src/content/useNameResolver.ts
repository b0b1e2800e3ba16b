/**
 * Links for text the stored references do not cover: a form preview of text not saved yet, or
 * columns the reference extractor does not read (a class's starting equipment). Each distinct
 * entity tag is looked up once by name through the kind's `list` (name prefix, NOCASE index),
 * then matched by folded name and source as the database's resolver matches them.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { referencesIn, type MarkupReference } from '../../../src-shared/markup';
import type { BrowseKind } from '../app/route';
import { browseKindOf } from '../kinds/reference-kinds';
import { listRows, type ListInputFor } from '../kinds/rows';
import { foldName, type LinkResolver, type LinkTarget } from './links';

/** Most lookups one value triggers (a long preview does not fire hundreds of list calls). */
const MAX_LOOKUPS = 60;

function keyOf(reference: MarkupReference): string | undefined {
  if (!reference.catalogKind) return undefined;
  return `${reference.catalogKind}\u0000${foldName(reference.name)}\u0000${reference.effectiveSource.toLowerCase()}`;
}

async function lookUp(reference: MarkupReference): Promise<LinkTarget | undefined> {
  if (!reference.catalogKind) return undefined;
  const kind: BrowseKind = browseKindOf(reference.catalogKind);
  // Every kind's filters include nameStartsWith (entityFilters); the union of inputs cannot say so.
  // A rules-term tag names one term type (`{@condition}` a condition).
  const filter = reference.termType ? { nameStartsWith: reference.name, termType: reference.termType } : { nameStartsWith: reference.name };
  const input = { filter, limit: 25 } as ListInputFor<typeof kind>;
  const result = await listRows(kind, input);
  if (!result.ok) return undefined;
  const folded = foldName(reference.name);
  const named = result.data.items.filter((row) => 'name' in row && foldName(row.name) === folded);
  const source = reference.effectiveSource.toLowerCase();
  const exact = named.find((row) => 'sourceId' in row && row.sourceId.toLowerCase() === source);
  // No source written and no row in the tag's default book: one row of that name is taken.
  const fallback = !reference.source && named.length === 1 ? named[0] : undefined;
  const row = exact ?? fallback;
  return row ? { kind, id: row.id } : undefined;
}

/**
 * A resolver for the entity tags in `value`: `base` first (stored references), then name lookups
 * for the tags `base` does not resolve. Links appear once their lookups answer.
 */
export function useNameResolver(value: unknown, base?: LinkResolver): LinkResolver {
  const [found, setFound] = useState<ReadonlyMap<string, LinkTarget | undefined>>(new Map());
  /** Lookups in flight: a re-render before they answer does not ask again. */
  const pending = useRef(new Set<string>());
  const wanted = useMemo(() => {
    const out = new Map<string, MarkupReference>();
    for (const reference of referencesIn(value)) {
      const key = keyOf(reference);
      if (key && !out.has(key) && !base?.covers?.(reference) && !base?.(reference)) out.set(key, reference);
      if (out.size >= MAX_LOOKUPS) break;
    }
    return out;
  }, [value, base]);

  useEffect(() => {
    const missing = [...wanted.entries()].filter(([key]) => !found.has(key) && !pending.current.has(key));
    if (missing.length === 0) return;
    for (const [key] of missing) pending.current.add(key);
    void Promise.all(missing.map(async ([key, reference]) => [key, await lookUp(reference).catch(() => undefined)] as const)).then((answers) => {
      for (const [key] of answers) pending.current.delete(key);
      setFound((previous) => new Map([...previous, ...answers]));
    });
  }, [wanted]);

  return useMemo<LinkResolver>(() => {
    const resolve: LinkResolver = (reference) => {
      const stored = base?.(reference);
      if (stored) return stored;
      const key = keyOf(reference);
      return key ? found.get(key) : undefined;
    };
    return resolve;
  }, [base, found]);
}
