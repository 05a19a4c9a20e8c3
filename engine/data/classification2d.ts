// Two-dimensional classification sets, the playground's staples. Points lie
// roughly in [−1, 1]²; `noise` is the standard deviation of Gaussian noise
// added to each coordinate after labelling (so noisy points can cross the
// boundary). Every set is a pure function of its options and seed.

import { Rng } from '../random';

export type Classification2dKind = 'xor' | 'circles' | 'moons' | 'spiral' | 'blobs';

export interface Classification2dOptions {
  n?: number;
  noise?: number;
  seed?: number;
  /** Number of classes: arms of the spiral, or blobs (default 3; the
   * other kinds always have 2). */
  classes?: number;
}

export interface Classification2d {
  /** n×2 coordinates, row-major. */
  x: Float32Array;
  /** n class labels in 0 … classes−1. */
  y: Int32Array;
  classes: number;
  n: number;
}

type Point = [number, number, number]; // x, y, label

const generators: Record<Classification2dKind, (n: number, k: number, rng: Rng) => Point[]> = {
  // Quadrants: label 1 where the signs of x and y differ. A small margin
  // keeps clean points off the axes.
  xor: (n, _k, rng) =>
    Array.from({ length: n }, () => {
      const px = rng.uniform(0.05, 1) * (rng.uniform() < 0.5 ? -1 : 1);
      const py = rng.uniform(0.05, 1) * (rng.uniform() < 0.5 ? -1 : 1);
      return [px, py, px * py > 0 ? 0 : 1];
    }),
  // A disc (class 0) inside a ring (class 1).
  circles: (n, _k, rng) =>
    Array.from({ length: n }, (_, i) => {
      const label = i % 2;
      const r = label === 0 ? rng.uniform(0, 0.5) : rng.uniform(0.7, 1);
      const a = rng.uniform(0, 2 * Math.PI);
      return [r * Math.cos(a), r * Math.sin(a), label];
    }),
  // Two interleaved half circles (as scikit-learn's make_moons), centred
  // and scaled into [−0.9, 0.9] × [−0.45, 0.45].
  moons: (n, _k, rng) =>
    Array.from({ length: n }, (_, i) => {
      const label = i % 2;
      const t = rng.uniform(0, Math.PI);
      const [mx, my] = label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
      return [(mx - 0.5) * 0.6, (my - 0.25) * 0.6, label];
    }),
  // k arms winding out from the centre; arm j starts at angle 2πj/k and
  // turns by 4 radians on the way out (as in CS231n's spiral).
  spiral: (n, k, rng) =>
    Array.from({ length: n }, (_, i) => {
      const label = i % k;
      const r = rng.uniform(0.05, 1);
      const a = (2 * Math.PI * label) / k + 4 * r;
      return [r * Math.cos(a), r * Math.sin(a), label];
    }),
  // k Gaussian blobs (σ = 0.1 before noise) centred on a circle of radius
  // 0.6: well separated, so linearly separable for small noise.
  blobs: (n, k, rng) =>
    Array.from({ length: n }, (_, i) => {
      const label = i % k;
      const a = (2 * Math.PI * label) / k + Math.PI / 4;
      return [0.6 * Math.cos(a) + 0.1 * rng.normal(), 0.6 * Math.sin(a) + 0.1 * rng.normal(), label];
    }),
};

/** A 2-D classification set. Defaults: n = 200, noise = 0, seed = 0,
 * classes = 3 for spiral and blobs. */
export function classification2d(kind: Classification2dKind, options: Classification2dOptions = {}): Classification2d {
  const { n = 200, noise = 0, seed = 0 } = options;
  const k = kind === 'spiral' || kind === 'blobs' ? (options.classes ?? 3) : 2;
  const rng = new Rng(seed);
  const points = rng.shuffle(generators[kind](n, k, rng));
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  points.forEach(([px, py, label], i) => {
    x[2 * i] = px + (noise > 0 ? noise * rng.normal() : 0);
    x[2 * i + 1] = py + (noise > 0 ? noise * rng.normal() : 0);
    y[i] = label;
  });
  return { x, y, classes: k, n };
}
