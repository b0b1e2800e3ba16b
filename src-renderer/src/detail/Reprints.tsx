/** Reprint information: the newer printing that supersedes this row, and the other printings 5etools lists. */
import type { JSX } from 'preact';
import { useApi } from '../app/api';
import { formatRoute, type BrowseKind } from '../app/route';
import { getRow, rowLabel } from '../kinds/rows';

/** `"Fireball|XPHB"` → "Fireball (XPHB)". */
function printing(reference: string): string {
  const [name, source] = reference.split('|');
  return source ? `${name} (${source})` : (name ?? reference);
}

export function Reprints({ kind, supersededBy, reprintedAs }: { kind: BrowseKind; supersededBy: string | null; reprintedAs: readonly string[] | null }): JSX.Element | null {
  const newer = useApi(() => (supersededBy ? getRow(kind, supersededBy) : Promise.resolve({ ok: true as const, data: null })), [kind, supersededBy]);
  const printings = (reprintedAs ?? []).map(printing);
  // The first reprint is the one that supersedes this row when there is one; it is named once.
  const others = supersededBy ? printings.slice(1) : printings;
  if (!supersededBy && others.length === 0) return null;
  const newerRow = newer.state === 'ok' ? newer.data : undefined;
  return (
    <div class="reprints" role="note" aria-label="Printings">
      {supersededBy && (
        <p>
          <strong>Superseded</strong> by{' '}
          {newerRow ? (
            <a href={formatRoute({ view: 'browse', kind, params: {}, selected: supersededBy })}>
              {rowLabel(newerRow)} ({'sourceId' in newerRow ? newerRow.sourceId : supersededBy})
            </a>
          ) : (
            <span class="entity-unresolved" title="not in the catalog">
              {printings[0] ?? supersededBy}
            </span>
          )}
          .
        </p>
      )}
      {others.length > 0 && (
        <p>
          <strong>Other printings:</strong> {others.join(', ')}
        </p>
      )}
    </div>
  );
}
