// public/sw.js run in Node inside a fake service-worker global: which
// requests it answers, from where, and what it keeps.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { inject } from '../../../scripts/sw-manifest.mjs';

class FakeCache {
  entries = new Map<string, Response>();
  async match(key: string | Request) {
    return this.entries.get(typeof key === 'string' ? key : key.url)?.clone();
  }
  async put(key: string | Request, response: Response) {
    this.entries.set(typeof key === 'string' ? key : key.url, response);
  }
  async keys() {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

class FakeCaches {
  stores = new Map<string, FakeCache>();
  async open(name: string) {
    if (!this.stores.has(name)) this.stores.set(name, new FakeCache());
    return this.stores.get(name)!;
  }
  async keys() {
    return [...this.stores.keys()];
  }
  async delete(name: string) {
    return this.stores.delete(name);
  }
  async match(key: string) {
    for (const cache of this.stores.values()) {
      const hit = await cache.match(key);
      if (hit) return hit;
    }
    return undefined;
  }
}

type Listener = (event: unknown) => void;

function load(scope: string, opts: { version?: string; online?: () => boolean; caches?: FakeCaches } = {}) {
  const listeners = new Map<string, Listener>();
  const caches = opts.caches ?? new FakeCaches();
  const fetched: string[] = [];
  const online = opts.online ?? (() => true);
  const fetchFn = async (input: string | Request) => {
    const url = typeof input === 'string' ? input : input.url;
    fetched.push(url);
    if (!online()) throw new TypeError('Failed to fetch');
    return new Response(`body of ${url}`, { status: 200 });
  };
  let claimed = false;
  let skipped = false;
  const self = {
    registration: { scope },
    addEventListener: (type: string, fn: Listener) => listeners.set(type, fn),
    clients: { claim: async () => void (claimed = true) },
    skipWaiting: () => void (skipped = true),
  };
  const build = { version: opts.version ?? 'v1', precache: ['', '404.html', '_next/static/media/k.wasm'], pages: { '': 'Home', 'chapters/learning/': 'Chapter 1', 'chapters/mlp/': 'Chapter 4' } };
  const source = inject(readFileSync(new URL('../../../public/sw.js', import.meta.url), 'utf8'), build);
  vm.runInNewContext(source, { self, caches, fetch: fetchFn, Response, Request, URL, Promise, setTimeout, Array, Error, TypeError, console });

  async function extendable(type: string, extra: Record<string, unknown> = {}) {
    const waits: Promise<unknown>[] = [];
    listeners.get(type)!({ ...extra, waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
  }
  /** Sends a fetch event; resolves to the response, or null if the worker let the browser handle it. */
  async function request(url: string, init: { navigate?: boolean; headers?: Record<string, string> } = {}) {
    const req = new Request(url, { headers: init.headers });
    const request = init.navigate ? { mode: 'navigate', url: req.url, method: 'GET', headers: req.headers } : req;
    const answered: { response?: Promise<Response> } = {};
    const waits: Promise<unknown>[] = [];
    listeners.get('fetch')!({ request, respondWith: (p: Promise<Response>) => (answered.response = p), waitUntil: (p: Promise<unknown>) => waits.push(p) });
    const response = answered.response ? await answered.response : null;
    await Promise.allSettled(waits);
    return response;
  }
  return { caches, fetched, request, extendable, state: () => ({ claimed, skipped }), post: (data: unknown) => extendable('message', { data, ports: [] }) };
}

describe('service worker', () => {
  for (const scope of ['http://host/', 'http://host/course/ml/']) {
    describe(`scope ${scope}`, () => {
      it('precaches the shell below its scope, in a cache named after scope and version', async () => {
        const sw = load(scope);
        await sw.extendable('install');
        const name = `looking-glass-site:${new URL(scope).pathname}:v1`;
        expect([...sw.caches.stores.keys()]).toEqual([name]);
        expect([...sw.caches.stores.get(name)!.entries.keys()].sort()).toEqual([`${scope}`, `${scope}404.html`, `${scope}_next/static/media/k.wasm`]);
      });

      it('leaves the data set, router payloads, sw.js and other origins or paths to the browser', async () => {
        const sw = load(scope);
        for (const url of [`${scope}data/fashion-mnist/index.json`, `${scope}chapters/learning/index.txt?_rsc=1x`, `${scope}sw.js`, 'http://elsewhere/x.js', 'http://host/outside-scope.js']) {
          if (scope === 'http://host/' && url === 'http://host/outside-scope.js') continue;
          expect(await sw.request(url), url).toBeNull();
        }
        expect(await sw.request(`${scope}chapters/learning/`, { headers: { RSC: '1' } })).toBeNull();
        expect([...sw.caches.stores.values()].every((c) => c.entries.size === 0)).toBe(true);
      });

      it('keeps pages (without their query) and hashed files it served, and serves them offline', async () => {
        let online = true;
        const sw = load(scope, { online: () => online });
        await sw.extendable('install');
        await sw.request(`${scope}chapters/learning/?descent-playground=v.1`, { navigate: true });
        await sw.request(`${scope}_next/static/chunks/widget.js`);
        online = false;
        expect(await (await sw.request(`${scope}chapters/learning/`, { navigate: true }))!.text()).toBe(`body of ${scope}chapters/learning/?descent-playground=v.1`);
        expect((await sw.request(`${scope}_next/static/chunks/widget.js`))!.status).toBe(200);
        expect((await sw.request(`${scope}_next/static/media/k.wasm`))!.status).toBe(200);
        // Never opened: the offline page, linking what is saved.
        const offline = (await sw.request(`${scope}chapters/mlp/`, { navigate: true }))!;
        expect(offline.status).toBe(503);
        const html = await offline.text();
        expect(html).toContain('You are offline');
        expect(html).toContain(`<a href="${scope}chapters/learning/">Chapter 1</a>`);
        expect(html).not.toContain('Chapter 4');
      });
    });
  }

  it('a new version deletes the old version’s cache on activation, not the data set’s or another scope’s', async () => {
    const caches = new FakeCaches();
    const old = load('http://host/', { caches, version: 'v1' });
    await old.extendable('install');
    await caches.open('looking-glass-data-v1');
    await caches.open('looking-glass-site:/other/:v0');
    const fresh = load('http://host/', { caches, version: 'v2' });
    await fresh.extendable('install');
    // The hashed wasm came from the old cache, not the network.
    expect(fresh.fetched.filter((u) => u.endsWith('.wasm'))).toEqual([]);
    await fresh.extendable('activate');
    expect((await caches.keys()).sort()).toEqual(['looking-glass-data-v1', 'looking-glass-site:/:v2', 'looking-glass-site:/other/:v0']);
    expect(fresh.state().claimed).toBe(true);
    await fresh.post({ type: 'skip-waiting' });
    expect(fresh.state().skipped).toBe(true);
  });

  it('caches the pages and hashed files the first page loaded before it was in control, nothing else', async () => {
    const sw = load('http://host/course/ml/');
    await sw.post({
      type: 'cache-urls',
      urls: ['http://host/course/ml/chapters/learning/?x=1', 'http://host/course/ml/_next/static/chunks/a.js', 'http://host/course/ml/data/fashion-mnist/index.json', 'http://host/course/ml/index.txt?_rsc=1', 'http://other/_next/static/chunks/b.js'],
    });
    const keys = [...(await sw.caches.open('looking-glass-site:/course/ml/:v1')).entries.keys()].sort();
    expect(keys).toEqual(['http://host/course/ml/_next/static/chunks/a.js', 'http://host/course/ml/chapters/learning/']);
  });
});
