/**
 * The current route as Preact state. `navigate` pushes a history entry (back/forward work as in a
 * browser); `replace` changes the URL without one (typing in a search box should not leave a
 * history entry per keystroke).
 */
import { useEffect, useState } from 'preact/hooks';
import { formatRoute, parseRoute, type Route } from './route';

export function currentRoute(): Route {
  return parseRoute(window.location.hash);
}

export function navigate(route: Route): void {
  const hash = formatRoute(route);
  if (hash === window.location.hash) return;
  window.location.hash = hash; // fires hashchange, which useRoute listens to
}

export function replace(route: Route): void {
  const hash = formatRoute(route);
  if (hash === window.location.hash) return;
  window.history.replaceState(window.history.state, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** The current route, re-rendering on every change of the hash. */
export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = (): void => setRoute(currentRoute());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
