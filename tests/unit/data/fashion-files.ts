// The committed Fashion-MNIST subset (public/data/fashion-mnist/), read from disk.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export const DATA_DIR = path.resolve(import.meta.dirname, '../../../public/data/fashion-mnist');

export const FILE_NAMES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'] as const;

export interface IndexEntry {
  name: string;
  split: 'train' | 'test';
  kind: 'images' | 'labels';
  gzipBytes: number;
  rawBytes: number;
  sha256: string;
}

export interface IndexJson {
  imageSize: number;
  classes: string[];
  counts: { train: number; test: number };
  perClass: { train: number; test: number };
  files: IndexEntry[];
  source: string;
  licence: string;
}

export const indexJson = (): IndexJson => JSON.parse(readFileSync(path.join(DATA_DIR, 'index.json'), 'utf8'));

/** A file as served: its gzip bytes. */
export const gzipOf = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(path.join(DATA_DIR, name)));

/** A file's raw IDX bytes. */
export const rawOf = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(gunzipSync(gzipOf(name)));
