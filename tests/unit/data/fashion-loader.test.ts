// workers/data/fashion-mnist.ts with a fake fetch serving the committed
// files (as gzip, or inflated as a host with Content-Encoding: gzip hands them
// over), a fake Cache Storage, and the ways a download goes wrong.

import { describe, expect, it } from 'vitest';
import {
  DataLoadError, fashionMnistOnce, isFashionMnistCached, loadFashionMnist, type CacheLike, type DataProgress,
} from '@/workers/data/fashion-mnist';
import { gzipOf, indexJson, rawOf } from './fashion-files';

const BASE = 'https://book.test/data/fashion-mnist/';
const TOTAL = indexJson().files.reduce((a, f) => a + f.gzipBytes, 0);

/** Cache Storage in a Map; keeps bytes, answers fresh Responses. */
class FakeCache implements CacheLike {
  readonly entries = new Map<string, Uint8Array<ArrayBuffer>>();
  async match(key: string) {
    const bytes = this.entries.get(key);
    return bytes ? new Response(bytes.slice()) : undefined;
  }
  async put(key: string, response: Response) {
    this.entries.set(key, new Uint8Array(await response.arrayBuffer()));
  }
  async delete(key: string) {
    return this.entries.delete(key);
  }
  async keys() {
    return [...this.entries.keys()].map((url) => ({ url }));
  }
  has(name: string) {
    return [...this.entries.keys()].some((k) => k.startsWith(BASE + name));
  }
}

type Serve = (name: string) => Response | Promise<Response>;

/** A body in 64 KiB chunks, as a network delivers it; optionally cut short or failing part-way. */
function body(bytes: Uint8Array, { stopAt, fail }: { stopAt?: number; fail?: boolean } = {}): ReadableStream<Uint8Array> {
  const end = stopAt ?? bytes.length;
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= end) {
        if (fail) controller.error(new TypeError('network error'));
        else controller.close();
        return;
      }
      controller.enqueue(bytes.slice(at, Math.min(end, at + 65536)));
      at += 65536;
    },
  });
}

const asGzip: Serve = (name) =>
  name === 'index.json' ? Response.json(indexJson()) : new Response(body(gzipOf(name)), { headers: { 'Content-Type': 'application/gzip' } });
const inflated: Serve = (name) => (name === 'index.json' ? asGzip(name) : new Response(body(rawOf(name))));

function fakeFetch(serve: Serve) {
  const asked: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const url = String(input);
    expect(url.startsWith(BASE)).toBe(true);
    asked.push(url.slice(BASE.length));
    return serve(url.slice(BASE.length));
  }) as typeof globalThis.fetch;
  return { fetch, asked };
}

async function load(serve: Serve, cache: CacheLike | null = new FakeCache()) {
  const progress: DataProgress[] = [];
  const { fetch, asked } = fakeFetch(serve);
  const data = await loadFashionMnist({ baseUrl: BASE, fetch, cache, onProgress: (p) => progress.push({ ...p }) });
  return { data, progress, asked };
}

function expectProgressSound(progress: DataProgress[]) {
  expect(progress.length).toBeGreaterThan(4);
  for (const [i, p] of progress.entries()) {
    expect(p.total).toBe(TOTAL);
    expect(p.loaded).toBeLessThanOrEqual(TOTAL);
    if (i > 0) expect(p.loaded).toBeGreaterThanOrEqual(progress[i - 1].loaded);
  }
  expect(progress[0].loaded).toBe(0);
  expect(progress.at(-1)!.loaded).toBe(TOTAL);
}

/** Byte equality without element-by-element diffing of megabytes. */
const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) => expect(!!a && Buffer.from(a).equals(Buffer.from(b))).toBe(true);

async function failure(promise: Promise<unknown>): Promise<DataLoadError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DataLoadError);
  return err as DataLoadError;
}

describe('loadFashionMnist', () => {
  it('(a) reads gzip files: both splits, progress monotone and ending at the total', async () => {
    const { data, progress, asked } = await load(asGzip);
    expect([data.train.n, data.test.n, data.train.size]).toEqual([10_000, 2_000, 28]);
    expect(data.train.labels[0]).toBe(5);
    sameBytes(data.test.images, rawOf('t10k-images-idx3-ubyte.gz').subarray(16));
    expect(asked[0]).toBe('index.json');
    expectProgressSound(progress);
  });

  it('(b) reads files a host already inflated (Content-Encoding: gzip), progress never past 100 %', async () => {
    const { data, progress } = await load(inflated);
    expect([data.train.n, data.test.n]).toEqual([10_000, 2_000]);
    expectProgressSound(progress);
  });

  it('(c) a truncated body is a DataLoadError naming the file, and leaves no cache entry', async () => {
    const cut = (file: string, serve: Serve, bytes: (name: string) => Uint8Array, stopAt: number): [string, Serve] => [
      file,
      (name) => (name === file ? new Response(body(bytes(name), { stopAt })) : serve(name)),
    ];
    for (const [file, serve] of [
      cut('train-images-idx3-ubyte.gz', asGzip, gzipOf, 1_000_000),
      cut('t10k-images-idx3-ubyte.gz', inflated, rawOf, 500_000),
    ]) {
      const cache = new FakeCache();
      const err = await failure(load(serve, cache));
      expect(err.message).toMatch(new RegExp(`^The Fashion-MNIST download stopped early: ${file} arrived incomplete \\(\\d+ of \\d+ bytes\\)\\. Press play to try again\\.$`));
      expect(cache.has(file)).toBe(false);
      expect(cache.has('index.json')).toBe(false);
      expect(await isFashionMnistCached(BASE, cache)).toBe(false);
    }
  });

  it('a connection lost part-way says how far the download got', async () => {
    const cache = new FakeCache();
    const serve: Serve = (name) => (name === 'train-images-idx3-ubyte.gz' ? new Response(body(gzipOf(name), { stopAt: 2_097_152, fail: true })) : asGzip(name));
    const err = await failure(load(serve, cache));
    expect(err.message).toBe(`The Fashion-MNIST download stopped at 2.1 of ${(TOTAL / 1e6).toFixed(1)} MB (network error in train-images-idx3-ubyte.gz). Press play to try again.`);
    expect(cache.has('train-images')).toBe(false);
  });

  it('(d) HTTP 404, for a file or the index, is a DataLoadError naming it', async () => {
    const missing = (which: string): Serve => (name) => (name === which ? new Response('Not found', { status: 404 }) : asGzip(name));
    expect((await failure(load(missing('t10k-labels-idx1-ubyte.gz')))).message).toContain('t10k-labels-idx1-ubyte.gz answered HTTP 404');
    expect((await failure(load(missing('index.json')))).message).toContain('index.json answered HTTP 404');
    const offline: Serve = () => Promise.reject(new TypeError('fetch failed'));
    expect((await failure(load(offline))).message).toContain('could not be reached');
  });

  it('a file whose bytes do not match its SHA-256 is refused and not cached', async () => {
    const wrong = indexJson();
    wrong.files[1].sha256 = '0'.repeat(64);
    const cache = new FakeCache();
    const err = await failure(load((name) => (name === 'index.json' ? Response.json(wrong) : asGzip(name)), cache));
    expect(err.message).toContain('train-labels-idx1-ubyte.gz arrived damaged (its checksum does not match)');
    expect(cache.has('train-labels')).toBe(false);
  });

  it('(e) a second load reads the files from the cache: only index.json is fetched', async () => {
    const cache = new FakeCache();
    expect(await isFashionMnistCached(BASE, cache)).toBe(false);
    const first = await load(asGzip, cache);
    expect(await isFashionMnistCached(BASE, cache)).toBe(true);
    const indexOnly: Serve = (name) => (name === 'index.json' ? asGzip(name) : Promise.reject(new Error(`fetched ${name}`)));
    const second = await load(indexOnly, cache);
    expect(second.asked).toEqual(['index.json']);
    sameBytes(second.data.train.images, first.data.train.images);
    expect(second.progress.at(-1)).toEqual({ loaded: TOTAL, total: TOTAL });
    // Offline, the cached index stands in.
    const offline = await load(() => Promise.reject(new TypeError('fetch failed')), cache);
    sameBytes(offline.data.test.labels, first.data.test.labels);
  });

  it('replaces a damaged cached copy and drops another version of the data set', async () => {
    const cache = new FakeCache();
    await load(asGzip, cache);
    const key = [...cache.entries.keys()].find((k) => k.includes('t10k-labels'))!;
    cache.entries.set(key, new Uint8Array([0x1f, 0x8b, 1, 2, 3]));
    const stale = `${BASE}train-images-idx3-ubyte.gz?v=0123456789abcdef`;
    cache.entries.set(stale, new Uint8Array([1]));
    const again = await load(asGzip, cache);
    expect(again.asked).toEqual(['index.json', 't10k-labels-idx1-ubyte.gz']);
    sameBytes(cache.entries.get(key), gzipOf('t10k-labels-idx1-ubyte.gz'));
    expect(cache.entries.has(stale)).toBe(false);
  });
});

describe('fashionMnistOnce', () => {
  it('shares one download between callers, and forgets a failure so a retry starts afresh', async () => {
    let indexRequests = 0;
    const counted = (serve: Serve): Serve => (name) => {
      if (name === 'index.json') indexRequests++;
      return serve(name);
    };
    const broken = fakeFetch(counted((name) => (name === 'index.json' ? new Response('', { status: 503 }) : asGzip(name))));
    await failure(fashionMnistOnce({ baseUrl: BASE, fetch: broken.fetch, cache: null }));
    const working = fakeFetch(counted(asGzip));
    const seen: DataProgress[] = [];
    const a = fashionMnistOnce({ baseUrl: BASE, fetch: working.fetch, cache: null, onProgress: (p) => seen.push(p) });
    const b = fashionMnistOnce({ baseUrl: BASE, fetch: working.fetch, cache: null });
    expect(b).toBe(a);
    expect((await a).train.n).toBe(10_000);
    expect(indexRequests).toBe(2);
    expect(seen.at(-1)).toEqual({ loaded: TOTAL, total: TOTAL });
    expect(fashionMnistOnce({ baseUrl: BASE, fetch: working.fetch, cache: null })).toBe(a);
  });
});
