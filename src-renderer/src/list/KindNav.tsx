/** Navigation by kind, each with its live row count (read again on every `catalog:changed`). */
import { useApi, useCatalogVersion } from '../app/api';
import { navigate } from '../app/router';
import { BROWSE_KINDS, type Route } from '../app/route';
import { kindConfig } from '../kinds/kinds';

export function KindNav({ route }: { route: Route }) {
  const version = useCatalogVersion();
  const status = useApi(() => window.mimir.db.status(), [version]);
  const counts = status.data?.counts;
  const current = route.view === 'import' ? null : route.kind;
  return (
    <nav class="kind-nav" aria-label="Catalog">
      <ul>
        {BROWSE_KINDS.map((kind) => (
          <li key={kind}>
            <a
              href={`#/${kind}`}
              aria-current={current === kind ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate({ view: 'browse', kind, params: {} });
              }}
            >
              <span class="kind-name">{kindConfig(kind).title}</span>
              {counts !== undefined && <span class="kind-count">{(counts[kind] ?? 0).toLocaleString('en-US')}</span>}
            </a>
          </li>
        ))}
        <li>
          <a href="#/import" aria-current={route.view === 'import' ? 'page' : undefined}>
            Import
          </a>
        </li>
      </ul>
    </nav>
  );
}
