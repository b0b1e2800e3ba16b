/**
 * How a `{@spell …}`-style tag finds the catalog row it names. A resolver is a plain function, so
 * the same renderer serves a saved row (its stored references, see `referenceResolver`) and text
 * not saved yet (a name lookup, see `useNameResolver`), or no resolution at all.
 */
import { markupReferences, type MarkupReference } from '../../../src-shared/markup';
import type { ReferenceEntry } from '../../../src-shared/search';
import type { BrowseKind } from '../app/route';

/** A catalog row a link opens. */
export interface LinkTarget {
  kind: BrowseKind;
  id: string;
}

/** Finds the row a reference tag names; undefined when the catalog does not have it. */
export type LinkResolver = (reference: MarkupReference) => LinkTarget | undefined;

/** Names compared as the reference resolver of the database compares them: case, accents and punctuation ignored. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

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
 * kind and name alone when only one target has that name. Broken references stay unresolved.
 */
export function referenceResolver(mentions: readonly ReferenceEntry[]): LinkResolver {
  const exact = new Map<string, LinkTarget>();
  const byName = new Map<string, LinkTarget | null>();
  for (const entry of mentions) {
    if (entry.broken || entry.context === null) continue;
    const target: LinkTarget = { kind: entry.kind, id: entry.id };
    for (const reference of markupReferences(entry.context).slice(0, 1)) {
      if (reference.catalogKind !== entry.kind) continue;
      exact.set(exactKey(entry.kind, reference.name, reference.effectiveSource), target);
      const key = nameKey(entry.kind, reference.name);
      const known = byName.get(key);
      byName.set(key, known === undefined || (known !== null && known.id === target.id) ? target : null);
    }
  }
  return (reference) => {
    const kind = reference.catalogKind;
    if (!kind) return undefined;
    return exact.get(exactKey(kind, reference.name, reference.effectiveSource)) ?? byName.get(nameKey(kind, reference.name)) ?? undefined;
  };
}

/** The reference a tag node stands for (its outer tag), when the tag names an entry. */
export function referenceOfRaw(raw: string): MarkupReference | undefined {
  return markupReferences(raw)[0];
}
