/** The list of one kind. (Placeholder of the scaffold: ui-shell builds facets, sort, virtual list.) */
import { useApi, useCatalogVersion } from '../app/api';
import { navigate } from '../app/router';
import type { BrowseRoute } from '../app/route';
import { listRows, rowLabel } from '../kinds/rows';

const PAGE_SIZE = 50;

export function ListView({ route }: { route: BrowseRoute }) {
  const version = useCatalogVersion();
  const result = useApi(() => listRows(route.kind, { limit: PAGE_SIZE }), [route.kind, version]);
  return (
    <section class="list-view" aria-label={`${route.kind} list`}>
      {result.state === 'error' && <p role="alert">{result.error.message}</p>}
      <ul>
        {(result.data?.items ?? []).map((row) => (
          <li key={row.id}>
            <a
              href={`#/${route.kind}/${encodeURIComponent(row.id)}`}
              aria-current={route.selected === row.id ? 'true' : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate({ ...route, selected: row.id });
              }}
            >
              {rowLabel(row)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
