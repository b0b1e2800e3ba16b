/** The detail of one row. (Placeholder of the scaffold: ui-content renders entries, stat blocks, links.) */
import { useApi, useCatalogVersion } from '../app/api';
import type { BrowseKind } from '../app/route';
import { getRow, rowLabel } from '../kinds/rows';

export interface DetailViewProps {
  kind: BrowseKind;
  id: string;
}

export function DetailView({ kind, id }: DetailViewProps) {
  const version = useCatalogVersion();
  const result = useApi(() => getRow(kind, id), [kind, id, version]);
  return (
    <article class="detail-view" aria-label="Details">
      {result.state === 'error' && <p role="alert">{result.error.message}</p>}
      {result.data && <h2>{rowLabel(result.data)}</h2>}
    </article>
  );
}
