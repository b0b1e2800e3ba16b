/**
 * The view state of the browser, kept in the URL hash so that a reload, back/forward and a copied
 * link return to the same place. One parser and one serialiser; components never read
 * `location` themselves.
 *
 *   #/spells?q=fire&level=3&sort=level&sel=fireball-phb   browse a kind (filters, sort, selected row)
 *   #/spells/new                                          create a homebrew row
 *   #/spells/fireball-phb/edit                            edit a row
 *   #/import                                              the import screen
 */
export const BROWSE_KINDS = ['spells', 'creatures', 'items', 'races', 'classes', 'backgrounds', 'feats', 'rulesTerms', 'sources'] as const;
export type BrowseKind = (typeof BROWSE_KINDS)[number];

export function isBrowseKind(value: unknown): value is BrowseKind {
  return typeof value === 'string' && (BROWSE_KINDS as readonly string[]).includes(value);
}

/** The URL parameter holding the selected row of a browse view. */
export const SELECTED_PARAM = 'sel';

export type BrowseRoute = {
  view: 'browse';
  kind: BrowseKind;
  /** Name search, facets and sort as URL parameters (owned by the list view), without `sel`. */
  params: Readonly<Record<string, string>>;
  selected?: string;
};
export type Route =
  | BrowseRoute
  | { view: 'new'; kind: BrowseKind }
  | { view: 'edit'; kind: BrowseKind; id: string }
  | { view: 'import' };

export const DEFAULT_ROUTE: Route = { view: 'browse', kind: 'spells', params: {} };

export function parseRoute(hash: string): Route {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path = '', search = ''] = splitOnce(text, '?');
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  if (parts.length === 1 && parts[0] === 'import') return { view: 'import' };
  const [kind, second, third] = parts;
  if (!isBrowseKind(kind)) return DEFAULT_ROUTE;
  if (second === 'new' && third === undefined) return { view: 'new', kind };
  if (second !== undefined && third === 'edit') return { view: 'edit', kind, id: second };
  if (second !== undefined) return DEFAULT_ROUTE.view === 'browse' ? { view: 'browse', kind, params: {}, selected: second } : DEFAULT_ROUTE;
  const params: Record<string, string> = {};
  let selected: string | undefined;
  for (const [key, value] of new URLSearchParams(search)) {
    if (key === SELECTED_PARAM) selected = value;
    else if (value !== '') params[key] = value;
  }
  return selected === undefined ? { view: 'browse', kind, params } : { view: 'browse', kind, params, selected };
}

export function formatRoute(route: Route): string {
  switch (route.view) {
    case 'import':
      return '#/import';
    case 'new':
      return `#/${route.kind}/new`;
    case 'edit':
      return `#/${route.kind}/${encodeURIComponent(route.id)}/edit`;
    case 'browse': {
      const search = new URLSearchParams();
      for (const key of Object.keys(route.params).sort()) {
        const value = route.params[key];
        if (value !== undefined && value !== '') search.set(key, value);
      }
      if (route.selected !== undefined) search.set(SELECTED_PARAM, route.selected);
      const query = search.toString();
      return `#/${route.kind}${query ? `?${query}` : ''}`;
    }
  }
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
