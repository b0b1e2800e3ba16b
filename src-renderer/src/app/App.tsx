/**
 * The browser's frame: heading, navigation by kind, the current view, the status line and the
 * global search. Each view is a component owned by its own folder; this file only routes.
 */
import { useEffect, useState } from 'preact/hooks';
import { DetailView } from '../detail/DetailView';
import { EntityForm } from '../forms/EntityForm';
import { RowActions } from '../forms/RowActions';
import { ImportView } from '../import/ImportView';
import { KindNav } from '../list/KindNav';
import { ListView } from '../list/ListView';
import { SearchPalette } from '../search/SearchPalette';
import { EditionPreference } from '../settings/EditionPreference';
import { StatusLine } from '../status/StatusLine';
import { useRoute } from './router';

export function App() {
  const route = useRoute();
  const [searchOpen, setSearchOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, select, [contenteditable="true"]');
      if ((event.key === 'k' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !typing)) {
        event.preventDefault();
        setSearchOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="app">
      <header class="app-header">
        <h1>Mimir catalog</h1>
        <EditionPreference />
        <button type="button" onClick={() => setSearchOpen(true)} aria-keyshortcuts="Control+K /">
          Search the catalog
        </button>
      </header>
      <KindNav route={route} />
      <main class="app-main">
        {route.view === 'browse' && (
          <>
            <ListView route={route} />
            <div class="detail-column">
              <RowActions kind={route.kind} {...(route.selected !== undefined ? { id: route.selected } : {})} />
              {route.selected !== undefined && <DetailView kind={route.kind} id={route.selected} />}
            </div>
          </>
        )}
        {route.view === 'new' && <EntityForm kind={route.kind} />}
        {route.view === 'edit' && <EntityForm kind={route.kind} id={route.id} />}
        {route.view === 'import' && <ImportView />}
      </main>
      <StatusLine />
      <SearchPalette open={searchOpen} onClose={() => setSearchOpen(false)} />
    </div>
  );
}
