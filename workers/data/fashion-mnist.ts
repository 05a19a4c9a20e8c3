// Fashion-MNIST for the worker: index.json first (from the network, so a new
// data set is seen; the cached copy only when offline), then the four IDX
// files, each from Cache Storage if a verified copy is there, else downloaded
// with progress, checked against index.json and cached. Runs in a worker or
// in Node; no DOM.

import { imageSetFrom, parseIdx, type FashionMnist } from '@/engine';
import { readBody, verifiedRaw, isGzip, type Bytes } from './bytes';
import { cached, defaultCache, fileKey, forget, forgetOtherVersions, indexKey, store, type CacheLike } from './cache';
import { failures } from './errors';
import { fileOf, parseIndex, type FashionIndex, type IndexFile } from './fashion-index';
import { Progress, type DataProgress } from './progress';

export { DataLoadError } from './errors';
export type { CacheLike } from './cache';
export type { DataProgress } from './progress';

export interface FashionMnistOptions {
  /** Ends with /, e.g. `${origin}${basePath}/data/fashion-mnist/`. */
  baseUrl: string;
  onProgress?: (p: DataProgress) => void;
  fetch?: typeof fetch;
  /** Default: Cache Storage's 'looking-glass-data-v1' where there is one; null: no cache. */
  cache?: CacheLike | null;
}

async function get(fetchFn: typeof fetch, url: string, name: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-cache' });
  } catch (err) {
    throw failures.unreachable(name, err);
  }
  if (!response.ok) throw failures.status(name, response.status);
  return response;
}

async function indexText(fetchFn: typeof fetch, baseUrl: string, cache: CacheLike | null): Promise<string> {
  let response: Response;
  try {
    response = await fetchFn(indexKey(baseUrl), { cache: 'no-cache' });
  } catch (err) {
    // Offline: the index of the last complete download will do.
    const offline = await cached(cache, indexKey(baseUrl));
    if (offline) return offline.text();
    throw failures.unreachable('index.json', err);
  }
  if (!response.ok) throw failures.status('index.json', response.status);
  try {
    return await response.text();
  } catch (err) {
    throw failures.unreachable('index.json', err);
  }
}

function indexFrom(json: string): FashionIndex {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw failures.badIndex('it is not JSON');
  }
  return parseIndex(parsed);
}

async function download(fetchFn: typeof fetch, url: string, file: IndexFile, progress: Progress, i: number): Promise<Bytes> {
  const response = await get(fetchFn, url, file.name);
  try {
    // Inflated by the host (Content-Encoding): count its bytes at the gzip scale.
    return await readBody(response, (received, gzip) => progress.set(i, gzip ? received : (received * file.gzipBytes) / file.rawBytes));
  } catch (err) {
    throw failures.stopped(file.name, progress.loaded, progress.total, err);
  }
}

/** One file's raw IDX bytes: from the cache when a good copy is there, else from the network. */
async function loadFile(fetchFn: typeof fetch, cache: CacheLike | null, baseUrl: string, index: FashionIndex, file: IndexFile, progress: Progress, i: number): Promise<Bytes> {
  const key = fileKey(baseUrl, file, index);
  const hit = await cached(cache, key);
  if (hit) {
    try {
      const raw = await verifiedRaw(file, new Uint8Array(await hit.arrayBuffer()));
      progress.set(i, file.gzipBytes);
      return raw;
    } catch {
      await forget(cache, key); // a damaged copy: download afresh
    }
  }
  const wire = await download(fetchFn, `${baseUrl}${file.name}`, file, progress, i);
  try {
    const raw = await verifiedRaw(file, wire);
    await store(cache, key, wire, isGzip(wire) ? 'application/gzip' : 'application/octet-stream');
    progress.set(i, file.gzipBytes);
    return raw;
  } catch (err) {
    await forget(cache, key);
    throw err;
  }
}

export async function loadFashionMnist(options: FashionMnistOptions): Promise<FashionMnist> {
  const { baseUrl, onProgress } = options;
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const cache = options.cache === undefined ? await defaultCache() : options.cache;
  const json = await indexText(fetchFn, baseUrl, cache);
  const index = indexFrom(json);
  const progress = new Progress(index.files.map((f) => f.gzipBytes), onProgress);
  const raw = new Map<IndexFile, Bytes>();
  for (const [i, file] of index.files.entries()) raw.set(file, await loadFile(fetchFn, cache, baseUrl, index, file, progress, i));
  await store(cache, indexKey(baseUrl), new TextEncoder().encode(json), 'application/json');
  await forgetOtherVersions(cache, baseUrl, index);
  const split = (s: 'train' | 'test') => {
    const images = fileOf(index, s, 'images');
    const labels = fileOf(index, s, 'labels');
    try {
      return imageSetFrom(parseIdx(raw.get(images)!), parseIdx(raw.get(labels)!));
    } catch (err) {
      throw failures.damaged(`${images.name} or ${labels.name}`, err instanceof Error ? err.message : String(err));
    }
  };
  return { train: split('train'), test: split('test') };
}

/** One download and everyone waiting for it. */
class SharedLoad {
  readonly listeners = new Set<(p: DataProgress) => void>();
  last?: DataProgress;
  readonly promise: Promise<FashionMnist>;
  constructor(options: FashionMnistOptions) {
    this.promise = loadFashionMnist({
      ...options,
      onProgress: (p) => {
        this.last = p;
        for (const listener of this.listeners) listener(p);
      },
    });
  }
}
const loads = new Map<string, SharedLoad>();

/** loadFashionMnist, once per worker and base URL: later callers share the
 * download (and its progress). A failure is forgotten, so a retry starts afresh. */
export function fashionMnistOnce(options: FashionMnistOptions): Promise<FashionMnist> {
  const { baseUrl, onProgress } = options;
  let load = loads.get(baseUrl);
  if (!load) {
    const fresh = new SharedLoad(options);
    fresh.promise.catch(() => {
      if (loads.get(baseUrl) === fresh) loads.delete(baseUrl);
    });
    loads.set(baseUrl, fresh);
    load = fresh;
  }
  if (onProgress) {
    const { listeners } = load;
    listeners.add(onProgress);
    if (load.last) onProgress(load.last);
    const done = () => listeners.delete(onProgress);
    load.promise.then(done, done);
  }
  return load.promise;
}

/** Whether the last complete download is in the cache (so a load needs no
 * network beyond index.json). Asks the cache only. */
export async function isFashionMnistCached(baseUrl: string, cache?: CacheLike | null): Promise<boolean> {
  const storage = cache === undefined ? await defaultCache() : cache;
  const saved = await cached(storage, indexKey(baseUrl));
  if (!saved) return false;
  try {
    const index = parseIndex(await saved.json());
    for (const file of index.files) if (!(await cached(storage, fileKey(baseUrl, file, index)))) return false;
    return true;
  } catch {
    return false;
  }
}
