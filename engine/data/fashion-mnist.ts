// Fashion-MNIST in its original IDX format, read from bytes (the worker
// fetches them; see workers/data/fashion-mnist.ts). The book ships a
// class-balanced subset made by scripts/make-fashion-mnist.mjs.
//
// IDX: bytes 0–1 zero, byte 2 the element type (0x08 = unsigned byte),
// byte 3 the number of dimensions d; then d big-endian uint32 sizes; then
// the elements, row-major. Images are d = 3 (n × 28 × 28, magic 0x00000803),
// labels d = 1 (n, magic 0x00000801).

/** A parsed IDX file. `data` is a view into the bytes given, not a copy. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Images with their labels: pixels 0 (background) to 255 (ink). */
export interface ImageSet {
  n: number;
  /** Side in pixels. */
  size: 28;
  /** n × 28 × 28, row-major. */
  images: Uint8Array;
  /** Class ids 0–9. */
  labels: Uint8Array;
}

export interface FashionMnist {
  train: ImageSet;
  test: ImageSet;
}

const UNSIGNED_BYTE = 0x08;
const FASHION_SIZE = 28;
const FASHION_CLASS_COUNT = 10;

/** Reads an IDX file of unsigned bytes with 1 (labels) or 3 (images) dimensions. */
export function parseIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new Error('not an IDX file');
  if (bytes[2] !== UNSIGNED_BYTE) throw new Error(`IDX element type 0x${bytes[2].toString(16).padStart(2, '0')} is not unsigned byte (0x08)`);
  const rank = bytes[3];
  if (rank !== 1 && rank !== 3) throw new Error(`not an IDX image or label file (${rank} dimensions)`);
  const header = 4 + 4 * rank;
  if (bytes.length < header) throw new Error(`truncated: expected at least ${header} bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const expected = header + dims.reduce((a, b) => a * b, 1);
  if (bytes.length < expected) throw new Error(`truncated: expected ${expected} bytes, got ${bytes.length}`);
  if (bytes.length > expected) throw new Error(`IDX file too long: expected ${expected} bytes, got ${bytes.length}`);
  return { dims, data: bytes.subarray(header) };
}

/** Pairs parsed images (n × 28 × 28) with their labels (n, each below 10). */
export function imageSetFrom(images: IdxArray, labels: IdxArray): ImageSet {
  const [n, rows, cols] = images.dims;
  if (images.dims.length !== 3 || rows !== FASHION_SIZE || cols !== FASHION_SIZE) {
    throw new Error(`expected images of ${FASHION_SIZE}×${FASHION_SIZE}, got dims [${images.dims.join(', ')}]`);
  }
  if (labels.dims.length !== 1) throw new Error(`expected a list of labels, got dims [${labels.dims.join(', ')}]`);
  if (labels.dims[0] !== n) throw new Error(`${n} images but ${labels.dims[0]} labels`);
  const bad = labels.data.findIndex((label) => label >= FASHION_CLASS_COUNT);
  if (bad >= 0) throw new Error(`label ${labels.data[bad]} at index ${bad} is not a class (0–${FASHION_CLASS_COUNT - 1})`);
  return { n, size: FASHION_SIZE, images: images.data, labels: labels.data };
}
