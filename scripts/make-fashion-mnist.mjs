#!/usr/bin/env node
/**
 * Makes the Fashion-MNIST subset the book ships: public/data/fashion-mnist/
 * (four gzipped IDX files, index.json, LICENSE, README.md) and
 * components/widgets/shared/fashion/samples.ts (20 test images for the page).
 *
 * From: the four original IDX files of Fashion-MNIST (Xiao, Rasul, Vollgraf
 * 2017) as Debian packages them, and the licence in Debian's copyright file.
 *
 * Regenerate:
 *   apt-get install dataset-fashion-mnist && node scripts/make-fashion-mnist.mjs
 *   node scripts/make-fashion-mnist.mjs --src DIR [--copyright FILE]   # files elsewhere
 *
 * The subset: the first 1,000 images of each class in the training file
 * (10,000) and the first 200 of each class in the test file (2,000), pixels
 * untouched. Order: block k holds the k-th image of every class, the ten
 * classes in a seeded random order, so any prefix of 10·k images has exactly
 * k of each class and the labels follow no fixed cycle. The output is
 * byte-for-byte the same on every run (gzip level 9, header mtime 0).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'public/data/fashion-mnist');
const samplesFile = path.join(root, 'components/widgets/shared/fashion/samples.ts');

const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const SIZE = 28;
const PIXELS = SIZE * SIZE;
const PER_CLASS = { train: 1000, test: 200 };
const SEED = 0x1708_0774; // arXiv:1708.07747
const SAMPLES_PER_CLASS = 2;

function argOf(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** An IDX file's dims and bytes (unsigned byte type only). */
function readIdx(file) {
  const bytes = gunzipSync(readFileSync(file));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 0x08) throw new Error(`${file}: not an unsigned-byte IDX file`);
  const dims = Array.from({ length: bytes[3] }, (_, i) => view.getUint32(4 + 4 * i));
  const header = 4 + 4 * dims.length;
  const length = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== header + length) throw new Error(`${file}: expected ${header + length} bytes, got ${bytes.length}`);
  return { dims, data: bytes.subarray(header) };
}

function writeIdx(dims, data) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(0x0800 | dims.length, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, data]);
}

/** mulberry32: a small seeded generator, so the order is the same everywhere. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(items, random) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Source indices of the subset: the first `perClass` of each class, in blocks of one per class. */
function choose(labels, perClass, random) {
  const byClass = CLASSES.map(() => []);
  for (let i = 0; i < labels.length; i++) if (byClass[labels[i]].length < perClass) byClass[labels[i]].push(i);
  byClass.forEach((list, c) => {
    if (list.length < perClass) throw new Error(`class ${c} has only ${list.length} images`);
  });
  const order = [];
  for (let k = 0; k < perClass; k++) for (const c of shuffled(CLASSES.keys(), random)) order.push(byClass[c][k]);
  return order;
}

function subset(images, labels, indices) {
  const outImages = Buffer.alloc(indices.length * PIXELS);
  const outLabels = Buffer.alloc(indices.length);
  indices.forEach((src, i) => {
    outImages.set(images.data.subarray(src * PIXELS, (src + 1) * PIXELS), i * PIXELS);
    outLabels[i] = labels.data[src];
  });
  return {
    images: writeIdx([indices.length, SIZE, SIZE], outImages),
    labels: writeIdx([indices.length], outLabels),
  };
}

/** The copyright line of `Files: *` and the Expat text, from a Debian copyright file. */
function licenceFrom(file) {
  const text = readFileSync(file, 'utf8');
  const copyright = /^Files: \*\nCopyright: (.+)$/m.exec(text)?.[1];
  const stanza = /^License: Expat\n((?: .*\n?)+)/m.exec(text)?.[1];
  if (!copyright || !stanza) throw new Error(`${file}: no Expat licence with a copyright line for Files: *`);
  const body = stanza
    .split('\n')
    .map((line) => line.trim())
    .map((line) => (line === '.' ? '' : line))
    .join('\n')
    .trim();
  // Debian writes "https:tech.zalando.com"; upstream's README has the URL whole.
  const [year, ...holder] = copyright.split(', ');
  const who = holder.join(', ').replace('https:tech.', 'https://tech.');
  return `MIT License\n\nCopyright (c) ${year} ${who}\n\n${body}\n`;
}

function readme(index) {
  const mb = (index.files.reduce((a, f) => a + f.gzipBytes, 0) / 1e6).toFixed(1);
  return `# Fashion-MNIST subset

A class-balanced subset of Fashion-MNIST, the Zalando article-image data set:
28×28 grayscale images of ten kinds of clothing (${CLASSES.join(', ')}).

Han Xiao, Kashif Rasul, Roland Vollgraf (2017). "Fashion-MNIST: a Novel Image
Dataset for Benchmarking Machine Learning Algorithms". arXiv:1708.07747.
https://github.com/zalandoresearch/fashion-mnist

Licence: MIT, Copyright (c) 2017 Zalando SE (see LICENSE).

## The subset

- train: the first ${PER_CLASS.train} images of each class in the original training
  file, in file order (${index.counts.train} images);
- t10k: the first ${PER_CLASS.test} images of each class in the original test file
  (${index.counts.test} images).

Pixels are unchanged (0 = background, 255 = ink). The images are reordered
in blocks of ten, one of each class per block in a seeded random order, so
any prefix of 10·k images holds exactly k of each class. The files keep the
original IDX format and names, gzipped (${mb} MB together). index.json lists
each file's compressed and raw size and the SHA-256 of its raw bytes.

## Regenerate

    apt-get install dataset-fashion-mnist && node scripts/make-fashion-mnist.mjs

The script writes the same bytes on every run.
`;
}

function samplesSource(images, labels) {
  const rows = [];
  for (let c = 0; c < CLASSES.length; c++) {
    let taken = 0;
    for (let i = 0; i < labels.data.length && taken < SAMPLES_PER_CLASS; i++) {
      if (labels.data[i] !== c) continue;
      const b64 = Buffer.from(images.data.subarray(i * PIXELS, (i + 1) * PIXELS)).toString('base64');
      rows.push(`  [${c}, '${b64}'], // test image ${i}`);
      taken++;
    }
  }
  return `// Generated by scripts/make-fashion-mnist.mjs: do not edit.
// The first ${SAMPLES_PER_CLASS} images of each class in the Fashion-MNIST test file (MIT,
// Copyright (c) 2017 Zalando SE; see public/data/fashion-mnist/), ordered by class.

export interface FashionSample { label: number; pixels: Uint8Array } // 784 bytes, row-major 28×28, 0 = background, 255 = ink (as in the IDX files)

/** [label, base64 of the 784 pixel bytes] */
const ROWS: readonly (readonly [number, string])[] = [
${rows.join('\n')}
];

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** ${rows.length} test-set images, ${SAMPLES_PER_CLASS} per class, ordered by class (0, 0, 1, 1, …). */
export const FASHION_SAMPLES: readonly FashionSample[] = ROWS.map(([label, base64]) => ({ label, pixels: decode(base64) }));
`;
}

function main() {
  const src = argOf('src', '/usr/share/datasets/fashion-mnist');
  const copyrightFile = argOf('copyright', '/usr/share/doc/dataset-fashion-mnist/copyright');
  const read = (name) => readIdx(path.join(src, name));
  const random = mulberry32(SEED);
  const splits = [
    { split: 'train', prefix: 'train', perClass: PER_CLASS.train },
    { split: 'test', prefix: 't10k', perClass: PER_CLASS.test },
  ];
  mkdirSync(outDir, { recursive: true });
  const files = [];
  const counts = {};
  let test;
  for (const { split, prefix, perClass } of splits) {
    const images = read(`${prefix}-images-idx3-ubyte.gz`);
    const labels = read(`${prefix}-labels-idx1-ubyte.gz`);
    if (images.dims[0] !== labels.dims[0] || images.dims[1] !== SIZE || images.dims[2] !== SIZE) throw new Error(`${prefix}: unexpected dims`);
    if (split === 'test') test = { images, labels };
    const indices = choose(labels.data, perClass, random);
    counts[split] = indices.length;
    const made = subset(images, labels, indices);
    for (const kind of ['images', 'labels']) {
      const name = `${prefix}-${kind}-idx${kind === 'images' ? 3 : 1}-ubyte.gz`;
      const raw = made[kind];
      const gz = gzipSync(raw, { level: 9 });
      writeFileSync(path.join(outDir, name), gz, { flag: 'w' });
      files.push({ name, split, kind, gzipBytes: gz.length, rawBytes: raw.length, sha256: createHash('sha256').update(raw).digest('hex') });
    }
  }
  const index = {
    name: 'Fashion-MNIST subset',
    imageSize: SIZE,
    classes: CLASSES,
    counts,
    perClass: PER_CLASS,
    files,
    source: 'Fashion-MNIST (Xiao, Rasul, Vollgraf 2017, arXiv:1708.07747), https://github.com/zalandoresearch/fashion-mnist, via Debian package dataset-fashion-mnist',
    licence: 'MIT, Copyright (c) 2017 Zalando SE (see LICENSE)',
  };
  writeFileSync(path.join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'LICENSE'), licenceFrom(copyrightFile));
  writeFileSync(path.join(outDir, 'README.md'), readme(index));
  mkdirSync(path.dirname(samplesFile), { recursive: true });
  writeFileSync(samplesFile, samplesSource(test.images, test.labels));
  for (const f of files) console.log(`${f.name.padEnd(28)} ${String(f.gzipBytes).padStart(9)} bytes gzipped, ${f.rawBytes} raw`);
  console.log(`total ${files.reduce((a, f) => a + f.gzipBytes, 0)} bytes gzipped`);
}

main();
