// The committed Fashion-MNIST subset read by engine/data/fashion-mnist.ts:
// sizes, balance and hashes against index.json, pixels against the originals,
// and clear errors for malformed IDX bytes.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { imageSetFrom, parseIdx, type ImageSet } from '@/engine';
import { FASHION_CLASSES, FASHION_CLASSES_SHORT } from '@/components/widgets/shared/fashion/classes';
import { FASHION_SAMPLES } from '@/components/widgets/shared/fashion/samples';
import { FILE_NAMES, indexJson, rawOf } from './fashion-files';

// Computed once from Debian's originals (/usr/share/datasets/fashion-mnist/,
// package dataset-fashion-mnist 0.0~git20200523.55506a9-1) with a separate
// Python reader, not with scripts/make-fashion-mnist.mjs:
// for each class, the original index and pixel sum of its first image …
const FIRST_TRAIN = [[1, 84598], [16, 52118], [5, 84165], [3, 46649], [19, 31795], [8, 19892], [18, 88005], [6, 32526], [23, 78179], [0, 76247]];
const FIRST_TEST = [[19, 83873], [2, 51520], [1, 100994], [13, 43427], [6, 28111], [8, 10246], [4, 62655], [9, 25492], [18, 63056], [0, 33456]];
// … and the pixel sum over its first 1,000 training / first 200 test images.
const CLASS_SUMS_TRAIN = [64200331, 45129595, 75493508, 50811630, 78009458, 27137853, 67237509, 33545040, 71316297, 60252728];
const CLASS_SUMS_TEST = [12878350, 8884046, 15178142, 10766695, 15855681, 5364394, 12941710, 6767567, 13659320, 11776701];

const index = indexJson();
const set = (prefix: 'train' | 't10k'): ImageSet =>
  imageSetFrom(parseIdx(rawOf(`${prefix}-images-idx3-ubyte.gz`)), parseIdx(rawOf(`${prefix}-labels-idx1-ubyte.gz`)));
const train = set('train');
const test = set('t10k');

const pixelSum = (s: ImageSet, i: number) => s.images.subarray(i * 784, (i + 1) * 784).reduce((a, b) => a + b, 0);

describe('the committed Fashion-MNIST subset', () => {
  it('has 10,000 training and 2,000 test images of 28×28, as index.json says', () => {
    expect([train.n, train.size, train.images.length, train.labels.length]).toEqual([10_000, 28, 10_000 * 784, 10_000]);
    expect([test.n, test.size, test.images.length, test.labels.length]).toEqual([2_000, 28, 2_000 * 784, 2_000]);
    expect(index.counts).toEqual({ train: 10_000, test: 2_000 });
    expect(index.imageSize).toBe(28);
    expect(index.classes).toEqual([...FASHION_CLASSES]);
    expect(FASHION_CLASSES_SHORT).toHaveLength(10);
  });

  it('is balanced: every prefix of 10·k images holds k of each class', () => {
    for (const [s, blocks] of [[train, 1000], [test, 200]] as const) {
      for (let k = 0; k < blocks; k++) {
        const block = Array.from(s.labels.subarray(10 * k, 10 * k + 10)).sort((a, b) => a - b);
        expect(block).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      }
    }
    // Shuffled within blocks, not one fixed cycle.
    expect(Array.from(train.labels.subarray(0, 10))).not.toEqual(Array.from(train.labels.subarray(10, 20)));
  });

  it('matches index.json: raw sizes and SHA-256 of the raw bytes', () => {
    expect(index.files.map((f) => f.name)).toEqual([...FILE_NAMES]);
    for (const file of index.files) {
      const raw = rawOf(file.name);
      expect(raw.length, file.name).toBe(file.rawBytes);
      expect(createHash('sha256').update(raw).digest('hex'), file.name).toBe(file.sha256);
    }
  });

  it("holds the originals' pixels: the first image of each class, and each class's pixel sum", () => {
    // Block 0 holds the first image of every class, so image 0 is one of them.
    expect(train.labels[0]).toBe(5); // Sandal: original training image 8
    expect(pixelSum(train, 0)).toBe(19892);
    expect(test.labels[0]).toBe(6); // Shirt: original test image 4
    expect(pixelSum(test, 0)).toBe(62655);
    for (const [s, first, sums] of [[train, FIRST_TRAIN, CLASS_SUMS_TRAIN], [test, FIRST_TEST, CLASS_SUMS_TEST]] as const) {
      const totals = new Array(10).fill(0);
      for (let i = 0; i < s.n; i++) totals[s.labels[i]] += pixelSum(s, i);
      expect(totals).toEqual(sums);
      for (let c = 0; c < 10; c++) expect(pixelSum(s, s.labels.indexOf(c)), `class ${c}`).toBe(first[c][1]);
    }
  });

  it('ships 20 sample images for the page: the first two test images of each class', () => {
    expect(FASHION_SAMPLES.map((s) => s.label)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
    for (const [i, sample] of FASHION_SAMPLES.entries()) {
      expect(sample.pixels).toHaveLength(784);
      // The subset keeps each class's images in file order, so its first two of class c are the samples.
      const inSubset = Array.from(test.labels.keys()).filter((j) => test.labels[j] === sample.label)[i % 2];
      expect(Array.from(sample.pixels)).toEqual(Array.from(test.images.subarray(inSubset * 784, (inSubset + 1) * 784)));
    }
    expect(FASHION_SAMPLES[0].pixels.reduce((a, b) => a + b, 0)).toBe(FIRST_TEST[0][1]);
  });
});

describe('parseIdx and imageSetFrom refuse malformed input', () => {
  const labels = (n: number, values: number[] = []) => {
    const bytes = new Uint8Array(8 + n);
    bytes.set([0, 0, 8, 1, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    bytes.set(values, 8);
    return bytes;
  };
  const images = (n: number, side = 28) => {
    const bytes = new Uint8Array(16 + n * side * side);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, 0x803);
    [n, side, side].forEach((d, i) => view.setUint32(4 + 4 * i, d));
    return bytes;
  };

  it('reads a well-formed file', () => {
    expect(parseIdx(labels(3, [1, 2, 3]))).toEqual({ dims: [3], data: new Uint8Array([1, 2, 3]) });
    expect(parseIdx(images(2)).dims).toEqual([2, 28, 28]);
  });

  it.each([
    ['gzip bytes', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), 'not an IDX file'],
    ['bad magic', new Uint8Array([1, 0, 8, 1, 0, 0, 0, 0]), 'not an IDX file'],
    ['too short for a magic', new Uint8Array([0, 0]), 'not an IDX file'],
    ['float elements', new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 0]), 'not unsigned byte'],
    ['two dimensions', new Uint8Array([0, 0, 8, 2, 0, 0, 0, 0, 0, 0, 0, 0]), 'not an IDX image or label file'],
    ['a truncated header', new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1]), 'truncated: expected at least 16 bytes, got 8'],
    ['truncated labels', labels(5).subarray(0, 10), 'truncated: expected 13 bytes, got 10'],
    ['truncated images', images(2).subarray(0, 800), 'truncated: expected 1584 bytes, got 800'],
    ['trailing bytes', new Uint8Array([...labels(2), 7]), 'too long: expected 10 bytes, got 11'],
  ])('%s', (_, bytes, message) => {
    expect(() => parseIdx(bytes)).toThrow(message);
  });

  it('checks that images and labels agree and labels are classes', () => {
    expect(() => imageSetFrom(parseIdx(images(2)), parseIdx(labels(3)))).toThrow('2 images but 3 labels');
    expect(() => imageSetFrom(parseIdx(images(1, 16)), parseIdx(labels(1)))).toThrow('expected images of 28×28');
    expect(() => imageSetFrom(parseIdx(labels(2)), parseIdx(labels(2)))).toThrow('expected images of 28×28');
    expect(() => imageSetFrom(parseIdx(images(2)), parseIdx(images(2)))).toThrow('expected a list of labels');
    expect(() => imageSetFrom(parseIdx(images(2)), parseIdx(labels(2, [3, 10])))).toThrow('label 10 at index 1 is not a class');
  });
});
