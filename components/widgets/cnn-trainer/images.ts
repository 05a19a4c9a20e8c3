/**
 * Pixel work on 28×28 greyscale images (row-major, one byte or float per
 * pixel), shared by the model in the worker and the view: scaling to
 * [0, 1], shifting with zero fill, and a fixed permutation of the pixels.
 * No engine here.
 */
import { Rng } from '@/engine/random';

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;

/** Bytes 0..255 → floats in [0, 1]. */
export function toUnit(bytes: ArrayLike<number>): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] / 255;
  return out;
}

/**
 * Image `src` (n images of PIXELS each, from offset `at`) moved right by dx
 * and down by dy pixels into `out` at `to`; what enters from the edge is 0
 * (background).
 */
export function shiftInto(src: ArrayLike<number>, at: number, dx: number, dy: number, out: Float32Array, to: number): void {
  for (let r = 0; r < SIDE; r++) {
    const sr = r - dy;
    for (let c = 0; c < SIDE; c++) {
      const sc = c - dx;
      out[to + r * SIDE + c] = sr >= 0 && sr < SIDE && sc >= 0 && sc < SIDE ? src[at + sr * SIDE + sc] : 0;
    }
  }
}

/** Every image of a set shifted by (dx, dy). */
export function shiftAll(images: Float32Array, dx: number, dy: number): Float32Array {
  const out = new Float32Array(images.length);
  for (let at = 0; at < images.length; at += PIXELS) shiftInto(images, at, dx, dy, out, at);
  return out;
}

/**
 * The one pixel order the permutation experiment uses: fixed (its own
 * seed, not the run's), so every run and every reader sees the same
 * scrambling. Pixel i of a permuted image is pixel order[i] of the original.
 */
export const PIXEL_ORDER: Int32Array = new Rng(20_170_828).permutation(PIXELS);

/** Every image of a set with its pixels reordered by PIXEL_ORDER. */
export function permuteAll(images: Float32Array, order: Int32Array = PIXEL_ORDER): Float32Array {
  const out = new Float32Array(images.length);
  for (let at = 0; at < images.length; at += PIXELS) for (let i = 0; i < PIXELS; i++) out[at + i] = images[at + order[i]];
  return out;
}
