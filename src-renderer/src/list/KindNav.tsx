/** Navigation by kind. (Placeholder of the scaffold: ui-shell adds live counts.) */
import { navigate } from '../app/router';
import { BROWSE_KINDS, type Route } from '../app/route';

export function KindNav({ route }: { route: Route }) {
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
              {kind[0]?.toUpperCase()}
              {kind.slice(1)}
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
