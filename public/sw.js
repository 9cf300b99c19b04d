/*
 * Offline support without a build plugin: on install, crawl the app from its entry page and cache
 * every hashed asset it references (scripts, styles, the worker, the wasm binaries); afterwards
 * hashed assets are served cache-first and pages network-first with the cache as fallback.
 * Same-origin GET requests only; nothing is ever fetched from elsewhere.
 */
const CACHE = 'retention-studio-v1';
const SCOPE = self.registration.scope;
const HASHED = /[\w.-]+-[\w-]{8}\.(?:js|css|wasm|svg|png)/g;

async function precache() {
  const cache = await caches.open(CACHE);
  const seen = new Set();
  const queue = [SCOPE, new URL('favicon.svg', SCOPE).href];
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    try {
      const res = await fetch(url, { cache: 'no-cache' });
      if (!res.ok) continue;
      await cache.put(url, res.clone());
      if (/html|javascript|css/.test(res.headers.get('content-type') || '')) {
        const text = await res.text();
        for (const m of text.matchAll(HASHED)) queue.push(new URL(`assets/${m[0]}`, SCOPE).href);
      }
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
