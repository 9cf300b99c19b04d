/**
 * Hash routing: a URL per analysis, tab and customer, so Back/Forward and reload work.
 *   #/                          start page          #/help           how to read the dashboard
 *   #/new                       mapping / progress of a new file (not restorable after a reload)
 *   #/a/<analysis>/<tab>        a saved analysis's tab
 *   #/a/<analysis>/customer/<id>  one customer's page
 * Query parameters (?models=... test options) sit before the hash and are left alone.
 */
export type Route =
  | { view: 'home' }
  | { view: 'help' }
  | { view: 'new' }
  | { view: 'analysis'; id: string; tab: string; customer: string | null };

export const DEFAULT_TAB = 'overview';

/** The route a location hash names (anything unknown is the start page). */
export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (parts[0] === 'help') return { view: 'help' };
  if (parts[0] === 'new') return { view: 'new' };
  if (parts[0] === 'a' && parts[1]) {
    if (parts[2] === 'customer' && parts.length > 3) return { view: 'analysis', id: parts[1], tab: 'customers', customer: parts.slice(3).join('/') };
    return { view: 'analysis', id: parts[1], tab: parts[2] || DEFAULT_TAB, customer: null };
  }
  return { view: 'home' };
}

/** The hash of a route (customer ids may hold any character: each part is URI-encoded). */
export function formatRoute(r: Route): string {
  if (r.view === 'analysis') {
    const id = encodeURIComponent(r.id);
    return r.customer !== null ? `#/a/${id}/customer/${encodeURIComponent(r.customer)}` : `#/a/${id}/${encodeURIComponent(r.tab)}`;
  }
  return r.view === 'home' ? '#/' : `#/${r.view}`;
}

export class Nav {
  route = $state<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));

  /** Reads the hash after Back/Forward, a typed URL or a plain link, and lets the app follow. */
  sync(): void {
    const r = parseHash(location.hash);
    if (formatRoute(r) === formatRoute(this.route)) return;
    this.route = r;
    this.onChange(r);
  }

  /** Called when the user goes somewhere (a link, Back/Forward, a typed URL): the app follows. */
  onChange: (r: Route) => void = () => {};

  /** The user goes to a route: a new history entry (Back returns here), or `replace` the current one. */
  go(r: Route, replace = false): void {
    this.mirror(r, replace);
    this.onChange(r);
  }

  /** The URL follows the app (a finished analysis, the mapping step), without acting on it. */
  mirror(r: Route, replace = false): void {
    const hash = formatRoute(r);
    this.route = r;
    if (hash === location.hash || (hash === '#/' && location.hash === '')) return;
    if (replace) history.replaceState(history.state, '', hash);
    else history.pushState(history.state, '', hash);
  }

  /** The current analysis route with another tab or customer. */
  analysis(patch: { tab?: string; customer?: string | null }): void {
    if (this.route.view !== 'analysis') return;
    this.go({ ...this.route, customer: null, ...patch });
  }
}

/** The app's one router (the URL is one per page). */
export const nav = new Nav();
