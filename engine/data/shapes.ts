// A generated image set for CNNs: outlines of squares, crosses, rings and
// triangles at random positions, sizes, stroke widths and small rotations,
// with Gaussian pixel noise. Grayscale, NHWC ([n, size, size, 1]), ink 1 on
// background 0 before noise. Drawn from signed distances, so edges are
// anti-aliased. A pure function of its options and seed.

import { Rng } from '../random';

export const SHAPE_CLASSES = ['square', 'cross', 'ring', 'triangle'] as const;
export type ShapeClass = (typeof SHAPE_CLASSES)[number];

export interface ShapeImagesOptions {
  n?: number;
  /** Image side in pixels (default 16, at least 12). */
  size?: number;
  /** Standard deviation of the pixel noise (default 0.1). */
  noise?: number;
  /** Largest rotation either way, radians (default 0.3). */
  rotation?: number;
  seed?: number;
}

export interface ShapeImages {
  /** n × size × size × 1, row-major (NHWC). */
  x: Float32Array;
  /** Class ids: index into SHAPE_CLASSES. */
  y: Int32Array;
  n: number;
  size: number;
  channels: 1;
  classes: number;
  labels: readonly ShapeClass[];
}

/** Distance from p to the segment a–b. */
function segment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Distance from a point (in the shape's own frame: centred, unrotated,
 * radius r) to the shape's outline. */
const outline: Record<ShapeClass, (x: number, y: number, r: number) => number> = {
  square: (x, y, r) => Math.abs(Math.max(Math.abs(x), Math.abs(y)) - r * 0.8),
  cross: (x, y, r) => Math.min(segment(x, y, -r, 0, r, 0), segment(x, y, 0, -r, 0, r)),
  ring: (x, y, r) => Math.abs(Math.hypot(x, y) - r),
  triangle: (x, y, r) => {
    // vertices at −90°, 30°, 150° (apex up; image y grows downward)
    const v = [-Math.PI / 2, Math.PI / 6, (5 * Math.PI) / 6].map((a) => [r * Math.cos(a), r * Math.sin(a)]);
    return Math.min(...v.map(([ax, ay], i) => segment(x, y, ax, ay, v[(i + 1) % 3][0], v[(i + 1) % 3][1])));
  },
};

/** n images, classes in rotation (balanced), everything else random. */
export function shapeImages(options: ShapeImagesOptions = {}): ShapeImages {
  const { n = 400, size = 16, noise = 0.1, rotation = 0.3, seed = 0 } = options;
  if (size < 12) throw new Error('shapeImages: size must be at least 12');
  const rng = new Rng(seed);
  const x = new Float32Array(n * size * size);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % SHAPE_CLASSES.length;
    y[i] = label;
    const draw = outline[SHAPE_CLASSES[label]];
    const r = rng.uniform(0.25, 0.42) * size;
    const cx = rng.uniform(r + 1, size - 1 - r);
    const cy = rng.uniform(r + 1, size - 1 - r);
    const half = rng.uniform(0.5, 0.8); // half the stroke width
    const angle = rng.uniform(-rotation, rotation);
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    for (let py = 0; py < size; py++) {
      for (let px = 0; px < size; px++) {
        // pixel centre in the shape's frame
        const dx = px + 0.5 - cx;
        const dy = py + 0.5 - cy;
        const d = draw(cos * dx + sin * dy, -sin * dx + cos * dy, r);
        const ink = Math.max(0, Math.min(1, half + 0.5 - d));
        x[(i * size + py) * size + px] = ink + noise * rng.normal();
      }
    }
  }
  return { x, y, n, size, channels: 1, classes: SHAPE_CLASSES.length, labels: SHAPE_CLASSES };
}
