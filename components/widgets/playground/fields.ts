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
 * The decision field's grid size for a network: 64 for small networks,
 * down to 32 for the largest (6 × 32 gets 48), a multiple of 8 so the
 * thumbnails (half as fine) stay whole.
 */
export function fieldSize(sizes: readonly number[]): number {
  const n = Math.floor(Math.sqrt(FIELD_BUDGET / Math.max(1, macsPerPoint(sizes))) / 8) * 8;
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
 * Averages 2 × 2 blocks of cells: a unit's field on an n-grid (cell-major
 * rows of `width` units, column `unit`) becomes an n/2-grid, written at
 * `out[offset …]`.
 */
export function halveInto(values: Float32Array, n: number, width: number, unit: number, out: Float32Array, offset: number): void {
  const t = n / 2;
  for (let j = 0; j < t; j++) {
    for (let i = 0; i < t; i++) {
      const a = (2 * j * n + 2 * i) * width + unit;
      const b = a + width;
      const c = a + n * width;
      const d = c + width;
      out[offset + j * t + i] = 0.25 * (values[a] + values[b] + values[c] + values[d]);
    }
  }
}

/** The decision field and every unit's thumbnail, from one pass over an n × n grid. */
export function evaluateFields(model: MLP, n: number): Fields {
  const grid = gridOf(n);
  const cells = n * n;
  const t = n / 2;
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
        for (let u = 0; u < width; u++, k++) halveInto(values, n, width, u, units, k * t * t);
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
