/**
 * The images the explorer convolves, as the worker wants them: 784 values
 * in [0, 1]. The samples come from the shared Fashion-MNIST set; a drawing
 * is the reader's own, painted with a soft brush.
 */
import { FASHION_CLASSES } from '@/components/widgets/shared/fashion/classes';
import { FASHION_SAMPLES } from '@/components/widgets/shared/fashion/samples';
import { IMAGE_SIZE } from './geometry';

const scaled = new Map<number, Float32Array>();

/** Sample k's pixels scaled to [0, 1] (computed once). */
export function sampleImage(k: number): Float32Array {
  let image = scaled.get(k);
  if (!image) {
    image = Float32Array.from(FASHION_SAMPLES[k].pixels, (b) => b / 255);
    scaled.set(k, image);
  }
  return image;
}

export function sampleName(k: number): string {
  return FASHION_CLASSES[FASHION_SAMPLES[k].label];
}

/**
 * One dab of the brush at (row, col): the pixel to full ink, its four
 * neighbours to at least half; erasing clears the one pixel. Returns
 * whether anything changed.
 */
export function brush(image: Float32Array, row: number, col: number, erase = false, n = IMAGE_SIZE): boolean {
  let changed = false;
  const put = (r: number, c: number, v: number) => {
    if (r < 0 || c < 0 || r >= n || c >= n) return;
    const k = r * n + c;
    const next = erase ? v : Math.max(image[k], v);
    if (next !== image[k]) {
      image[k] = next;
      changed = true;
    }
  };
  if (erase) put(row, col, 0);
  else {
    put(row, col, 1);
    for (const [dr, dc] of [[-1, 0], [1, 0], [0, -1], [0, 1]]) put(row + dr, col + dc, 0.5);
  }
  return changed;
}

/** The pixels a quick stroke passes from one point to the next, so it leaves no holes. */
export function strokeCells(from: [number, number], to: [number, number]): [number, number][] {
  const steps = Math.max(Math.abs(to[0] - from[0]), Math.abs(to[1] - from[1]));
  const cells: [number, number][] = [];
  for (let s = 1; s <= steps; s++) cells.push([Math.round(from[0] + ((to[0] - from[0]) * s) / steps), Math.round(from[1] + ((to[1] - from[1]) * s) / steps)]);
  return cells;
}
