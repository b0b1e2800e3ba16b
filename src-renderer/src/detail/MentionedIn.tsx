/**
 * "Mentioned in": the rows whose text names this one (backlinks from `references:of`), grouped by
 * kind and reference type ("Creatures that can cast it"), a page at a time.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ReferenceEntry, ReferenceKind } from '../../../src-shared/search';
import { useApi, useCatalogVersion } from '../app/api';
import { formatRoute } from '../app/route';
import { browseKindOf } from '../kinds/reference-kinds';
import { referencesOf } from './references';

export const MENTIONED_PAGE_SIZE = 25;

const KIND_WORDS: Readonly<Record<ReferenceKind, string>> = {
  spells: 'Spells',
  creatures: 'Creatures',
  items: 'Items',
  races: 'Races',
  classes: 'Classes',
  backgrounds: 'Backgrounds',
  feats: 'Feats',
  rules_terms: 'Rules terms',
};

/** A group's heading: who mentions this row, and how. */
export function groupTitle(kind: ReferenceKind, referenceType: string, targetKind: ReferenceKind): string {
  const who = KIND_WORDS[kind];
  if (referenceType === 'grants') return targetKind === 'spells' ? (kind === 'creatures' ? `${who} that can cast it` : `${who} that grant it`) : `${who} that grant it`;
  if (referenceType === 'mentions') return `${who} that mention it`;
  return `${who} (${referenceType})`;
}

export function MentionedIn({ kind, id }: { kind: ReferenceKind; id: string }): JSX.Element | null {
  const version = useCatalogVersion();
  const [page, setPage] = useState({ for: `${kind}/${id}`, offset: 0 });
  const offset = page.for === `${kind}/${id}` ? page.offset : 0;
  const result = useApi(() => referencesOf({ entity: kind, id, limit: MENTIONED_PAGE_SIZE, offset }), [kind, id, offset, version]);
  if (result.state === 'error') {
    return (
      <section class="mentioned-in" aria-label="Mentioned in">
        <h3>Mentioned in</h3>
        <p>Backlinks are not available: {result.error.message}</p>
      </section>
    );
  }
  const data = result.data?.mentionedBy;
  if (!data) return null;
  const groups = new Map<string, ReferenceEntry[]>();
  for (const item of data.items) {
    const key = `${item.kind}\u0000${item.referenceType}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const countOf = (groupKind: ReferenceKind, type: string): number => data.groups.find((g) => g.kind === groupKind && g.referenceType === type)?.count ?? 0;
  const last = Math.min(offset + MENTIONED_PAGE_SIZE, data.total);
  return (
    <section class="mentioned-in" aria-labelledby="mentioned-in-title">
      <h3 id="mentioned-in-title">
        Mentioned in <span class="count">({data.total})</span>
      </h3>
      {data.total === 0 && <p>Nothing in the catalog mentions this.</p>}
      {[...groups.entries()].map(([key, items]) => {
        const first = items[0] as ReferenceEntry;
        const title = groupTitle(first.kind, first.referenceType, kind);
        return (
          <section key={key} class="mentioned-group" aria-label={title}>
            <h4>
              {title} <span class="count">({countOf(first.kind, first.referenceType)})</span>
            </h4>
            <ul>
              {items.map((item) => (
                <li key={`${item.kind}/${item.id}`}>
                  {item.broken || item.name === null ? (
                    <span class="entity-unresolved" title="not in the catalog">
                      {item.name ?? item.id}
                    </span>
                  ) : (
                    <a href={formatRoute({ view: 'browse', kind: browseKindOf(item.kind), params: {}, selected: item.id })}>{item.name}</a>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {data.total > MENTIONED_PAGE_SIZE && (
        <nav class="mentioned-pages" aria-label="Mentioned in pages">
          <button type="button" disabled={offset === 0} onClick={() => setPage({ for: `${kind}/${id}`, offset: Math.max(0, offset - MENTIONED_PAGE_SIZE) })}>
            Previous
          </button>
          <span>
            {`${offset + 1}\u2013${last} of ${data.total}`}
          </span>
          <button type="button" disabled={last >= data.total} onClick={() => setPage({ for: `${kind}/${id}`, offset: offset + MENTIONED_PAGE_SIZE })}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
