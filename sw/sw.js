/*
 * Offline support. The build writes this file into the site with PRECACHE (every file the build
 * produced, from sw/precachePlugin.ts) and CACHE (named after a hash of that list, so a new build
 * gets a new cache and the old one is deleted on activate). Install caches the list; afterwards
 * files are served cache-first and pages network-first with the cache as fallback.
 * Same-origin GET requests only; nothing is ever fetched from elsewhere.
 */
/* global PRECACHE, CACHE */
const SCOPE = self.registration.scope;

async function precache() {
  const cache = await caches.open(CACHE);
  for (const path of PRECACHE) {
    const url = new URL(path, SCOPE).href;
    try {
      const res = await fetch(url, { cache: 'no-cache' });
      if (!res.ok) continue;
      await cache.put(url, res.clone());
      if (path === 'index.html') await cache.put(SCOPE, res); // the page under its directory URL too
    } catch {
      /* offline during install: the next visit tries again */
    }
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (req.mode === 'navigate') {
        try {
          const res = await fetch(req);
          if (res.ok) cache.put(req, res.clone());
          return res;
        } catch {
          return (await cache.match(req, { ignoreSearch: true, ignoreVary: true })) || (await cache.match(SCOPE, { ignoreVary: true })) || Response.error();
        }
      }
      const hit = await cache.match(req, { ignoreVary: true });
      if (hit) return hit;
      const res = await fetch(req);
      if (res.ok && new URL(req.url).pathname.includes('/assets/')) cache.put(req, res.clone());
      return res;
    })(),
  );
});
