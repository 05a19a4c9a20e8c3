// One-dimensional regression targets and linear-regression sets.

import { Rng } from '../random';

export type Regression1dKind = 'sine' | 'step' | 'abs' | 'bumpy';

/** The noise-free target functions on x ∈ [−1, 1]. */
export const regressionTargets: Record<Regression1dKind, (x: number) => number> = {
  sine: (x) => Math.sin(Math.PI * x),
  step: (x) => (x < 0 ? -0.5 : 0.5),
  abs: (x) => Math.abs(x),
  // Wiggles of several widths on a slope: hard for few neurons.
  bumpy: (x) => 0.6 * Math.sin(3 * Math.PI * x) * Math.exp(-x * x) + 0.3 * x,
};

export interface Regression1dOptions {
  n?: number;
  /** Standard deviation of Gaussian noise added to y. */
  noise?: number;
  seed?: number;
}

export interface Regression1d {
  /** n inputs, sorted, uniform in [−1, 1]. */
  x: Float32Array;
  /** n noisy targets. */
  y: Float32Array;
  /** n noise-free targets at x. */
  clean: Float32Array;
  n: number;
}

/** A 1-D regression set. Defaults: n = 100, noise = 0, seed = 0. */
export function regression1d(kind: Regression1dKind, options: Regression1dOptions = {}): Regression1d {
  const { n = 100, noise = 0, seed = 0 } = options;
  const rng = new Rng(seed);
  const f = regressionTargets[kind];
  const xs = Array.from({ length: n }, () => rng.uniform(-1, 1)).sort((a, b) => a - b);
  const x = Float32Array.from(xs);
  const clean = Float32Array.from(x, f);
  const y = Float32Array.from(clean, (v) => v + (noise > 0 ? noise * rng.normal() : 0));
  return { x, y, clean, n };
}

export interface LinearRegressionOptions {
  n?: number;
  slope?: number;
  intercept?: number;
  noise?: number;
  /** Fraction of points (0 … 1) moved far off the line. */
  outliers?: number;
  seed?: number;
}

export interface LinearRegressionSet {
  x: Float32Array;
  y: Float32Array;
  /** 1 where the point is an outlier. */
  isOutlier: Uint8Array;
  slope: number;
  intercept: number;
  n: number;
}

/** Points around y = slope·x + intercept with x uniform in [−1, 1].
 * Defaults: n = 50, slope = 1.5, intercept = 0.5, noise = 0.2, no outliers.
 * An outlier is shifted by 2 to 4 (up or down) from its line value. */
export function linearRegression(options: LinearRegressionOptions = {}): LinearRegressionSet {
  const { n = 50, slope = 1.5, intercept = 0.5, noise = 0.2, outliers = 0, seed = 0 } = options;
  const rng = new Rng(seed);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const isOutlier = new Uint8Array(n);
  const outlierCount = Math.round(outliers * n);
  const chosen = new Set(Array.from(rng.permutation(n).slice(0, outlierCount)));
  for (let i = 0; i < n; i++) {
    x[i] = rng.uniform(-1, 1);
    y[i] = slope * x[i] + intercept + noise * rng.normal();
    if (chosen.has(i)) {
      isOutlier[i] = 1;
      y[i] += rng.uniform(2, 4) * (rng.uniform() < 0.5 ? -1 : 1);
    }
  }
  return { x, y, isOutlier, slope, intercept, n };
}
