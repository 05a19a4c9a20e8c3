/**
 * The data sets a worker can fetch, by name: each served from the site's
 * own `public/data/<name>/` (below the base path the site was built for),
 * kept in Cache Storage, and loaded once per worker.
 */
import type { FashionMnist } from '@/engine';
import type { DataProgress, DataSetName } from './api';
import { fashionMnistOnce, isFashionMnistCached } from './data/fashion-mnist';

export interface DataSetSource<Data> {
  /** The data, from this worker's memory, the browser's cache or the network (with progress). */
  load(onProgress?: (progress: DataProgress) => void): Promise<Data>;
  /** Whether it is already cached in this browser. */
  cached(): Promise<boolean>;
}

/** Where the site's data files are: the worker's origin and the site's base path (inlined at build). */
function dataUrl(name: DataSetName): string {
  return `${self.location.origin}${process.env.NEXT_PUBLIC_BASE_PATH ?? ''}/data/${name}/`;
}

export const DATA_SETS: { [N in DataSetName]: DataSetSource<FashionMnist> } = {
  'fashion-mnist': {
    load: (onProgress) => fashionMnistOnce({ baseUrl: dataUrl('fashion-mnist'), onProgress }),
    cached: () => isFashionMnistCached(dataUrl('fashion-mnist')),
  },
};
