/**
 * The detail of one row: name, source and page, reprint information, the kind's header or stat
 * block with its rules text (links resolved through the row's stored references), and
 * "Mentioned in". The row and its references are fetched together, so links do not change
 * under the reader once shown.
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useApi, useCatalogVersion } from '../app/api';
import type { BrowseKind } from '../app/route';
import { clearPreviews } from '../content/EntityLink';
import { referenceResolver, type LinkResolver } from '../content/links';
import { useNameResolver } from '../content/useNameResolver';
import { referenceKindOf } from '../kinds/reference-kinds';
import { getRow, rowLabel, type AnyRow } from '../kinds/rows';
import { DetailBody } from './DetailBody';
import { MentionedIn } from './MentionedIn';
import { referencesOf } from './references';
import { Reprints } from './Reprints';

export interface DetailViewProps {
  kind: BrowseKind;
  id: string;
}

/** Outgoing references fetched to resolve a row's links (more than any real row holds). */
const MENTIONS_LIMIT = 500;


interface Loaded {
  row: AnyRow;
  resolve: LinkResolver | undefined;
}

async function load(kind: BrowseKind, id: string): Promise<{ ok: true; data: Loaded } | { ok: false; error: { code: string; message: string } }> {
  // Every browsable kind but sources has cross-references.
  const entity = referenceKindOf(kind);
  const [row, references] = await Promise.all([
    getRow(kind, id),
    entity ? referencesOf({ entity, id, limit: MENTIONS_LIMIT }) : Promise.resolve(undefined),
  ]);
  if (!row.ok) return row;
  // Without stored references (an old build, a failed call) the text still renders, links unresolved.
  const resolve = references?.ok ? referenceResolver(references.data.mentions.items) : undefined;
  return { ok: true, data: { row: row.data, resolve } };
}

function SourceLine({ row }: { row: AnyRow }): JSX.Element | null {
  if (!('sourceId' in row)) return null;
  return (
    <p class="detail-source">
      {row.sourceId}
      {row.page !== null && row.page !== undefined ? `, p. ${row.page}` : ''}
      <span class="detail-rule-system">{` \u00b7 ${row.ruleSystemId}`}</span>
    </p>
  );
}

export function DetailView({ kind, id }: DetailViewProps) {
  const version = useCatalogVersion();
  useEffect(() => clearPreviews(), [version]);
  const result = useApi(() => load(kind, id), [kind, id, version]);
  const loaded = result.data;
  const current = loaded && loaded.row.id === id ? loaded : undefined;
  // Tags in columns the stored references do not cover (a class's starting equipment) are looked up by name.
  const resolve = useNameResolver(current?.row, current?.resolve);
  const article = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const shownId = current?.row.id;
  // A followed link removes itself from the page; keyboard focus goes to the new row's heading
  // instead of falling back to the document (focus elsewhere, such as the list, stays put).
  useEffect(() => {
    const focused = document.activeElement;
    if (shownId !== undefined && (focused === null || focused === document.body || article.current?.contains(focused))) heading.current?.focus();
  }, [shownId]);
  return (
    <article ref={article} class="detail-view" aria-label="Details" aria-busy={result.state === 'loading'}>
      {result.state === 'error' && <p role="alert">{result.error.message}</p>}
      {current && (
        <>
          <h2 ref={heading} tabIndex={-1}>
            {rowLabel(current.row)}
          </h2>
          <SourceLine row={current.row} />
          {'supersededBy' in current.row && <Reprints kind={kind} supersededBy={current.row.supersededBy} reprintedAs={current.row.reprintedAs} />}
          <DetailBody kind={kind} row={current.row} resolve={resolve} />
          {referenceKindOf(kind) && <MentionedIn kind={referenceKindOf(kind) as NonNullable<ReturnType<typeof referenceKindOf>>} id={id} />}
        </>
      )}
    </article>
  );
}
