import { describe, expect, it } from 'vitest';
import { formatRoute, parseHash, type Route } from './nav.svelte';

describe('hash routes', () => {
  it('round-trip every kind of route, customer ids with any character included', () => {
    const routes: Route[] = [
      { view: 'home' }, { view: 'help' }, { view: 'new' },
      { view: 'analysis', id: 'a1b2', tab: 'segments', customer: null },
      { view: 'analysis', id: 'a1b2', tab: 'customers', customer: '7590-VHVEG/ä #1?' },
    ];
    for (const r of routes) expect(parseHash(formatRoute(r))).toEqual(r);
  });
  it('an analysis without a tab opens its overview; anything unknown is the start page', () => {
    expect(parseHash('#/a/x')).toEqual({ view: 'analysis', id: 'x', tab: 'overview', customer: null });
    expect(parseHash('')).toEqual({ view: 'home' });
    expect(parseHash('#/nonsense')).toEqual({ view: 'home' });
  });
});
