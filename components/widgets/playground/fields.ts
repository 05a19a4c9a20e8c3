/**
 * What the playground evaluates on a grid of the input plane, in the
 * worker: the network's class probabilities (the decision field) and every
 * hidden unit's activation (the thumbnails), from one forward pass of the
 * engine's MLP with `{ hidden: true }`. Grid sizes follow the network's
 * cost so that a large network still leaves most of the worker's time to
 * training.
 */
import { activations, noGrad, scope, slice, softmax, tensor, type MLP } from '@/engine';
import { gridPoints, type Grid } from '@/components/plots/grid';
import { DOMAIN } from './snapshot';

export function gridOf(n: number): Grid {
  return { nx: n, ny: n, ...DOMAIN };
}

/** Multiply-adds of one forward pass of one point through layers of these sizes. */
export function macsPerPoint(sizes: readonly number[]): number {
  let total = 0;
  for (let i = 0; i + 1 < sizes.length; i++) total += sizes[i] * sizes[i + 1];
  return total;
}

/** About 14 million multiply-adds per field: some 25 ms on the reference kernels. */
const FIELD_BUDGET = 14e6;

/**
 * Thumbnail grid size: 32, or 16 when a layer is wider than 16 units (its
 * thumbnails are drawn about 14 pixels wide, and finer ones would only cost
 * the page time).
 */
export function thumbSize(widest: number): number {
  return widest > 16 ? 16 : 32;
}

/**
 * The decision field's first grid size for a network: 64 for small
 * networks, down to 32 for the largest, a multiple of the thumbnails' size
 * (they are pooled from it). The run then refines it by measured cost.
 */
export function fieldSize(sizes: readonly number[]): number {
  const t = thumbSize(Math.max(0, ...sizes.slice(1, -1)));
  const n = Math.floor(Math.sqrt(FIELD_BUDGET / Math.max(1, macsPerPoint(sizes))) / t) * t;
  return Math.min(64, Math.max(32, n));
}

/** The same budget for one unit's field at full resolution (up to 128 × 128). */
export function unitFieldSize(sizes: readonly number[]): number {
  const n = Math.floor(Math.sqrt((2 * FIELD_BUDGET) / Math.max(1, macsPerPoint(sizes))) / 8) * 8;
  return Math.min(128, Math.max(48, n));
}

export interface Fields {
  /** Grid size of the decision field (n × n cells). */
  n: number;
  /** Class probabilities, cell-major: probs[cell·C + k]. */
  probs: Float32Array;
  /** Thumbnail grid size (n / 2). */
  t: number;
  /** Every hidden unit's activation on the thumbnail grid, unit after unit (layer by layer). */
  units: Float32Array;
}

/**
 * Averages f × f blocks of cells: a unit's field on an n-grid (cell-major
 * rows of `width` units, column `unit`) becomes an n/f-grid, written at
 * `out[offset …]`.
 */
export function poolInto(values: Float32Array, n: number, f: number, width: number, unit: number, out: Float32Array, offset: number): void {
  const t = n / f;
  const scale = 1 / (f * f);
  for (let j = 0; j < t; j++) {
    for (let i = 0; i < t; i++) {
      let sum = 0;
      for (let dj = 0; dj < f; dj++) {
        const row = (f * j + dj) * n + f * i;
        for (let di = 0; di < f; di++) sum += values[(row + di) * width + unit];
      }
      out[offset + j * t + i] = sum * scale;
    }
  }
}

/** The decision field and every unit's thumbnail (t × t, t dividing n), from one pass over an n × n grid. */
export function evaluateFields(model: MLP, n: number, t = n / 2): Fields {
  if (!Number.isInteger(n / t)) throw new Error(`playground: a ${t}-grid does not divide a ${n}-grid`);
  const grid = gridOf(n);
  const cells = n * n;
  return noGrad(() =>
    scope(() => {
      const x = tensor(Float32Array.from(gridPoints(grid)), [cells, 2]);
      const { output, hidden } = model.forward(x, { hidden: true });
      const probs = softmax(output, -1).toArray();
      const total = hidden.reduce((s, h) => s + h.shape[1], 0);
      const units = new Float32Array(total * t * t);
      let k = 0;
      for (const h of hidden) {
        const width = h.shape[1];
        const values = h.toArray();
        for (let u = 0; u < width; u++, k++) poolInto(values, n, n / t, width, u, units, k * t * t);
      }
      return { n, probs, t, units };
    }),
  );
}

/** One hidden unit's activation on an n × n grid (layer counts hidden layers from 0). */
export function evaluateUnit(model: MLP, layer: number, unit: number, n: number): Float32Array {
  if (!(layer >= 0 && layer < model.layers.length - 1)) throw new Error(`playground: no hidden layer ${layer}`);
  if (!(unit >= 0 && unit < model.layers[layer].outFeatures)) throw new Error(`playground: no unit ${unit} in layer ${layer}`);
  const cells = n * n;
  const act = activations[model.activation];
  return noGrad(() =>
    scope(() => {
      let h = tensor(Float32Array.from(gridPoints(gridOf(n))), [cells, 2]);
      for (let l = 0; l <= layer; l++) h = act(model.layers[l].forward(h));
      return slice(h, [0, unit], [cells, unit + 1]).toArray();
    }),
  );
}
