/**
 * How a `{@spell …}`-style tag finds the catalog row it names. A resolver is a plain function, so
 * the same renderer serves a saved row (its stored references, see `referenceResolver`) and text
 * not saved yet (a name lookup, see `useNameResolver`), or no resolution at all.
 */
import { foldName } from '../../../src-shared/catalog/slug';
import { markupReferences, type MarkupReference } from '../../../src-shared/markup';
import type { ReferenceEntry } from '../../../src-shared/search';
import type { BrowseKind } from '../app/route';
import { browseKindOf } from '../kinds/reference-kinds';

export { foldName };

/** A catalog row a link opens. */
export interface LinkTarget {
  kind: BrowseKind;
  id: string;
}

/**
 * Finds the row a reference tag names; undefined when the catalog does not have it. `covers`,
 * when present, says the resolver's answer is final for that tag (a stored reference, broken or
 * not), so no name lookup is worth making.
 */
export type LinkResolver = ((reference: MarkupReference) => LinkTarget | undefined) & {
  covers?: (reference: MarkupReference) => boolean;
};


function exactKey(kind: string, name: string, source: string): string {
  return `${kind}\u0000${foldName(name)}\u0000${source.toLowerCase()}`;
}

function nameKey(kind: string, name: string): string {
  return `${kind}\u0000${foldName(name)}`;
}

/**
 * A resolver over the stored outgoing references of one row (`references:of` → `mentions`).
 * Each stored reference keeps one tag as written (its `context`); tags naming the same target
 * differently (another display text, no source) are matched by kind, name and source, then by
 * kind and name alone when only one target has that name. Broken references stay unresolved
 * (and `covers` them: the database already looked).
 */
export function referenceResolver(mentions: readonly ReferenceEntry[]): LinkResolver {
  const exact = new Map<string, LinkTarget>();
  const byName = new Map<string, LinkTarget | null>();
  const known = new Set<string>();
  for (const entry of mentions) {
    if (entry.context === null) continue;
    for (const reference of markupReferences(entry.context).slice(0, 1)) {
      if (reference.catalogKind !== entry.kind) continue;
      known.add(exactKey(entry.kind, reference.name, reference.effectiveSource));
      if (entry.broken) continue;
      const target: LinkTarget = { kind: browseKindOf(entry.kind), id: entry.id };
      exact.set(exactKey(entry.kind, reference.name, reference.effectiveSource), target);
      const key = nameKey(entry.kind, reference.name);
      const seen = byName.get(key);
      byName.set(key, seen === undefined || (seen !== null && seen.id === target.id) ? target : null);
    }
  }
  const resolve: LinkResolver = (reference) => {
    const kind = reference.catalogKind;
    if (!kind) return undefined;
    return exact.get(exactKey(kind, reference.name, reference.effectiveSource)) ?? byName.get(nameKey(kind, reference.name)) ?? undefined;
  };
  resolve.covers = (reference) => reference.catalogKind !== undefined && known.has(exactKey(reference.catalogKind, reference.name, reference.effectiveSource));
  return resolve;
}

/** The reference a tag node stands for (its outer tag), when the tag names an entry. */
export function referenceOfRaw(raw: string): MarkupReference | undefined {
  return markupReferences(raw)[0];
}
