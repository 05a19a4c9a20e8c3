// index.json, written by scripts/make-fashion-mnist.mjs: one entry per IDX
// file with its compressed and raw size and the SHA-256 of its raw bytes.

import { failures } from './errors';

export type Split = 'train' | 'test';
export type FileKind = 'images' | 'labels';

export interface IndexFile {
  name: string;
  split: Split;
  kind: FileKind;
  gzipBytes: number;
  rawBytes: number;
  sha256: string;
}

export interface FashionIndex {
  files: IndexFile[];
  /** Names this data set: changes whenever any file's bytes do. */
  version: string;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

function fileFrom(entry: unknown): IndexFile {
  const e = (entry ?? {}) as Partial<Record<keyof IndexFile, unknown>>;
  const { name, split, kind, gzipBytes, rawBytes, sha256 } = e;
  if (typeof name !== 'string' || !/^[\w.-]+$/.test(name)) throw failures.badIndex('a file without a plain name');
  if ((split !== 'train' && split !== 'test') || (kind !== 'images' && kind !== 'labels')) throw failures.badIndex(`${name} has no split or kind`);
  if (!isCount(gzipBytes) || !isCount(rawBytes)) throw failures.badIndex(`${name} has no sizes`);
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) throw failures.badIndex(`${name} has no SHA-256`);
  return { name, split, kind, gzipBytes, rawBytes, sha256 };
}

/** Checks index.json's shape: exactly one images and one labels file per split. */
export function parseIndex(json: unknown): FashionIndex {
  const list = (json as { files?: unknown } | null)?.files;
  if (!Array.isArray(list)) throw failures.badIndex('it lists no files');
  const files = list.map(fileFrom);
  for (const split of ['train', 'test'] as const) {
    for (const kind of ['images', 'labels'] as const) {
      const found = files.filter((f) => f.split === split && f.kind === kind).length;
      if (found !== 1) throw failures.badIndex(`it lists ${found} ${split} ${kind} files`);
    }
  }
  return { files, version: files.map((f) => f.sha256.slice(0, 8)).join('') };
}

export function fileOf(index: FashionIndex, split: Split, kind: FileKind): IndexFile {
  return index.files.find((f) => f.split === split && f.kind === kind)!;
}
