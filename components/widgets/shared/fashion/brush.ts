/**
 * Painting on a 28×28 image of unit floats with a soft round brush, and
 * what a drawing needs to look like the data set's images: Fashion-MNIST
 * garments fill most of the frame, centred. Pure.
 */
export const SIDE = 28;

/** Adds ink around (x, y) (pixel units, may be fractional): full within `radius`, fading over one more pixel. */
export function paint(image: Float32Array, x: number, y: number, radius = 1.6): void {
  const reach = Math.ceil(radius + 1);
  for (let r = Math.max(0, Math.floor(y) - reach); r <= Math.min(SIDE - 1, Math.floor(y) + reach); r++) {
    for (let c = Math.max(0, Math.floor(x) - reach); c <= Math.min(SIDE - 1, Math.floor(x) + reach); c++) {
      const d = Math.hypot(c + 0.5 - x, r + 0.5 - y);
      const ink = Math.max(0, Math.min(1, radius + 1 - d));
      image[r * SIDE + c] = Math.max(image[r * SIDE + c], ink);
    }
  }
}

/** Paints a stroke from one point to the next, in steps of half a pixel. */
export function stroke(image: Float32Array, from: readonly [number, number], to: readonly [number, number], radius?: number): void {
  const n = Math.max(1, Math.ceil(2 * Math.hypot(to[0] - from[0], to[1] - from[1])));
  for (let i = 0; i <= n; i++) paint(image, from[0] + ((to[0] - from[0]) * i) / n, from[1] + ((to[1] - from[1]) * i) / n, radius);
}

/** Whether anything has been drawn. */
export function isBlank(image: ArrayLike<number>): boolean {
  for (let i = 0; i < image.length; i++) if (image[i] > 0) return false;
  return true;
}
