/*
 * Looking Glass service worker: offline reading after the first visit.
 *
 * Hand-written, no library. `next build` copies this file to out/sw.js and
 * scripts/sw-manifest.mjs then fills in BUILD below: the build's version (a
 * hash of everything exported) and the short list of files to precache.
 *
 * What is cached, in one Cache Storage cache per version and scope
 * ("looking-glass-site:<scope path>:<version>"):
 *   - on install: the home page, the 404 page, the scripts and CSS those two
 *     pages load, the KaTeX fonts (woff2), the wasm builds of the engine;
 *   - as the reader goes: every page opened (network first, the cached copy
 *     when the network fails or is slower than NETWORK_TIMEOUT_MS) and every
 *     hashed file below _next/static/ (cache first: its name changes when
 *     its content does).
 * Not cached here:
 *   - data/ (the Fashion-MNIST subset): the worker keeps it in its own cache,
 *     'looking-glass-data-v1' (workers/data/cache.ts), and reads it from
 *     there when offline; caching it here too would store it twice;
 *   - the router's payloads (*.txt, ?_rsc=): when one fails, Next.js loads
 *     the page itself instead, and that navigation is answered from here.
 * A page never opened, asked for offline, gets a small offline page listing
 * the pages that are saved.
 *
 * Updates: the browser checks sw.js on each visit. A new build has a new
 * version, so the new worker installs beside the old one and waits; the page
 * offers to reload (components/site/OfflineSupport.tsx), then sends
 * 'skip-waiting'. On activation the new worker deletes the old version's
 * cache (only this scope's: another copy of the book on the same origin
 * keeps its own).
 *
 * Works at the root and below a base path: every URL is resolved against
 * the registration's scope (the folder sw.js is served from).
 */

/** @type {{ version: string, precache: string[], pages: Record<string, string> } | null} */
const BUILD = null; // @sw-build (replaced by scripts/sw-manifest.mjs)

const SCOPE = new URL(self.registration.scope); // e.g. https://example.org/course/ml/
const BASE = SCOPE.pathname; // ends with /
const VERSION = BUILD ? BUILD.version : 'dev';
const PREFIX = `looking-glass-site:${BASE}:`;
const CACHE = PREFIX + VERSION;
const NETWORK_TIMEOUT_MS = 4000;

/** A path relative to the scope ('' is the home page) as an absolute URL. */
const at = (rel) => new URL(rel, SCOPE).href;
/** The path below the scope, or null for a URL outside it. */
function below(url) {
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(BASE)) return null;
  return url.pathname.slice(BASE.length);
}
const isHashed = (path) => path.startsWith('_next/static/');
const isRouterPayload = (request, url, path) =>
  request.headers.get('RSC') === '1' || url.searchParams.has('_rsc') || path.endsWith('.txt');
/** Pages are stored without their query (widget links differ only there) or hash. */
const pageKey = (url) => url.origin + url.pathname;

/** A response safe to store and to answer a navigation with (no "redirected" flag). */
async function storable(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

// ---- install: precache the shell -----------------------------------------

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE);
  const paths = BUILD ? BUILD.precache : [''];
  await Promise.all(
    paths.map(async (path) => {
      const url = at(path);
      // A hashed file the previous version already holds need not be downloaded again.
      if (isHashed(path)) {
        const old = await caches.match(url);
        if (old) return cache.put(url, old);
      }
      const response = await fetch(url, { cache: 'reload' });
      if (!response.ok) throw new Error(`precache: ${url} answered ${response.status}`);
      await cache.put(isHashed(path) ? url : pageKey(new URL(url)), await storable(response));
    }),
  );
}

// ---- activate: drop the old versions --------------------------------------

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // The page that registered us (and any other open one) is served from now on.
      await self.clients.claim();
    })(),
  );
});

// ---- messages from the page ------------------------------------------------

self.addEventListener('message', (event) => {
  const message = event.data ?? {};
  if (message.type === 'skip-waiting') self.skipWaiting();
  else if (message.type === 'version') event.ports[0]?.postMessage({ version: VERSION, cache: CACHE });
  // The first page was loaded before this worker controlled it: it sends the
  // URLs it loaded so that it, too, can be read offline.
  else if (message.type === 'cache-urls' && Array.isArray(message.urls)) event.waitUntil(cacheLoaded(message.urls));
});

async function cacheLoaded(urls) {
  const cache = await caches.open(CACHE);
  await Promise.all(
    urls.map(async (raw) => {
      try {
        const url = new URL(raw);
        const path = below(url);
        if (path === null || path.startsWith('data/') || isRouterPayload(new Request(url), url, path)) return;
        const page = !isHashed(path) && (path === '' || path.endsWith('/'));
        if (!page && !isHashed(path)) return;
        const key = page ? pageKey(url) : url.href;
        if (await cache.match(key)) return;
        const response = await fetch(key);
        if (response.ok) await cache.put(key, await storable(response));
      } catch {
        // best effort: the next visit caches it
      }
    }),
  );
}

// ---- fetch ------------------------------------------------------------------

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const path = below(url);
  // Not ours, the data set (own cache), this script (the browser updates it),
  // router payloads: the browser fetches them as if we were not here.
  if (path === null || path.startsWith('data/') || path === 'sw.js' || isRouterPayload(request, url, path)) return;
  if (request.mode === 'navigate') event.respondWith(page(event, url));
  else if (isHashed(path)) event.respondWith(cacheFirst(event, request));
  else event.respondWith(networkFirst(event, request));
});

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

/** A page: from the network (and stored), else the stored copy, else the offline page. */
async function page(event, url) {
  const cache = await caches.open(CACHE);
  const key = pageKey(url);
  const network = fetch(event.request).then(async (response) => {
    if (response.ok) await cache.put(key, await storable(response.clone()));
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  try {
    return await Promise.race([network, timeout(NETWORK_TIMEOUT_MS)]);
  } catch {
    // offline, or slow: fall through to the stored copy
  }
  const saved = await cache.match(key);
  if (saved) return saved;
  try {
    return await network; // slow but nothing stored: keep waiting
  } catch {
    return offlinePage(cache);
  }
}

/** Hashed files never change: the stored copy when there is one. */
async function cacheFirst(event, request) {
  const cache = await caches.open(CACHE);
  const saved = await cache.match(request.url);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) event.waitUntil(cache.put(request.url, response.clone()));
  return response;
}

/** Anything else in scope (the icon, 404.html…): fresh when possible. */
async function networkFirst(event, request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) event.waitUntil(cache.put(request.url, response.clone()));
    return response;
  } catch (err) {
    const saved = await cache.match(request.url);
    if (saved) return saved;
    throw err;
  }
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The answer to a page never opened while online: what is saved instead. */
async function offlinePage(cache) {
  const titles = BUILD ? BUILD.pages : {};
  const saved = [];
  for (const request of await cache.keys()) {
    const path = below(new URL(request.url));
    if (path !== null && path !== '' && !path.startsWith('embed/') && titles[path]) saved.push([path, titles[path]]);
  }
  saved.sort((a, b) => a[0].localeCompare(b[0]));
  const list = saved.length
    ? `<p>These pages are saved on this device and open without a connection:</p><ul>${saved
        .map(([path, title]) => `<li><a href="${escapeHtml(at(path))}">${escapeHtml(title)}</a></li>`)
        .join('')}</ul>`
    : '<p>No chapter is saved on this device yet: each chapter is saved when you open it online.</p>';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>Offline · Looking Glass</title>
<style>
:root{--bg:#fbfaf6;--text:#1c1c22;--muted:#55555f;--accent:#2450b8}
@media (prefers-color-scheme:dark){:root{--bg:#15171c;--text:#e7e7ea;--muted:#a8a8b3;--accent:#93b2ff}}
body{margin:0;background:var(--bg);color:var(--text);font:1.125rem/1.65 Charter,'Bitstream Charter','Sitka Text',Cambria,'Liberation Serif',Georgia,serif}
main{max-width:68ch;margin:0 auto;padding:3rem 1.25rem}
h1{font-size:1.9rem;line-height:1.2}a{color:var(--accent)}p.muted{color:var(--muted)}
</style></head>
<body><main id="main" class="offline">
<h1>You are offline</h1>
<p>This page has not been saved on this device, and the network cannot be reached.</p>
${list}
<p><a href="${escapeHtml(at(''))}">The table of contents</a> is always saved.</p>
<p class="muted">Reload this page once you are back online.</p>
</main></body></html>`;
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
