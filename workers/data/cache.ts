// Cache Storage for the data set: each downloaded file under its URL with
// `?v=<version>`, and index.json once all four files are in. A new data set
// (new hashes, so a new version) replaces the old one's entries.

import { type FashionIndex, type IndexFile } from './fashion-index';

/** The part of the Cache API used here (a `Cache` is one; tests pass a Map-backed fake). */
export interface CacheLike {
  match(request: string): Promise<Response | undefined>;
  put(request: string, response: Response): Promise<void>;
  delete(request: string): Promise<boolean>;
  keys?(): Promise<readonly { url: string }[]>;
}

export const DATA_CACHE_NAME = 'looking-glass-data-v1';

/** The browser's cache, or null where there is none (Node, insecure contexts, some private windows). */
export async function defaultCache(): Promise<CacheLike | null> {
  try {
    return (await globalThis.caches?.open(DATA_CACHE_NAME)) ?? null;
  } catch {
    return null;
  }
}

export const indexKey = (baseUrl: string) => `${baseUrl}index.json`;
export const fileKey = (baseUrl: string, file: IndexFile, index: FashionIndex) => `${baseUrl}${file.name}?v=${index.version}`;

// A cache that fails (quota, storage cleared mid-read) is as good as none:
// the data still comes from the network.
export async function cached(cache: CacheLike | null, key: string): Promise<Response | undefined> {
  try {
    return (await cache?.match(key)) ?? undefined;
  } catch {
    return undefined;
  }
}

export async function store(cache: CacheLike | null, key: string, body: Uint8Array<ArrayBuffer>, type: string): Promise<void> {
  try {
    await cache?.put(key, new Response(body, { headers: { 'Content-Type': type } }));
  } catch {
    // see cached()
  }
}

export async function forget(cache: CacheLike | null, key: string): Promise<void> {
  try {
    await cache?.delete(key);
  } catch {
    // see cached()
  }
}

/** Deletes this base URL's files of any other version. */
export async function forgetOtherVersions(cache: CacheLike | null, baseUrl: string, index: FashionIndex): Promise<void> {
  if (!cache?.keys) return;
  try {
    for (const { url } of await cache.keys()) {
      const v = url.startsWith(baseUrl) ? new URL(url).searchParams.get('v') : null;
      if (v !== null && v !== index.version) await cache.delete(url);
    }
  } catch {
    // see cached()
  }
}
