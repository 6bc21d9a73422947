/*
 * 回头看 service worker (hand-written; the build fills in the two constants below, see
 * vite.config.ts precacheServiceWorker). It keeps the app shell — index.html, the built scripts
 * and styles, the icons and manifest — so the app opens with no network. API requests (/api/…)
 * are never touched: the app keeps what it needs in IndexedDB itself.
 */
const VERSION = '__LOOKBACK_SW_VERSION__';
const PRECACHE = __LOOKBACK_PRECACHE__;
const CACHE = `lookback-shell-${VERSION}`;
const SHELL = '/index.html';
const NAVIGATION_TIMEOUT_MS = 4000;
const precached = new Set(PRECACHE);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('lookback-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

/** The network first (a new version is seen at once), the cached shell when there is none or it is too slow. */
async function navigation(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), NAVIGATION_TIMEOUT_MS)),
    ]);
    if (response.ok) return response;
    return (await cache.match(SHELL)) || response;
  } catch {
    return (await cache.match(SHELL)) || Response.error();
  }
}

/** Built files have content hashes in their names: the cached copy is the right one. */
async function precachedFile(request, path) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(path);
  if (hit) return hit;
  return fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
    return;
  }
  const path = url.pathname === '/' ? SHELL : url.pathname;
  if (precached.has(path)) event.respondWith(precachedFile(request, path));
});
