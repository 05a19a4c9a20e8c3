// Seeded randomness, data sets, minibatches and the least-squares solver.

import { describe, expect, it } from 'vitest';
import {
  classification2d, JsBackend, leastSquares, linearRegression, Minibatches, regression1d, regressionTargets, Rng,
  solveSymmetric, takeLabels, takeRows, tensor, withBackend,
} from '@/engine';

describe('Rng', () => {
  it('gives the same integers for a seed on every platform (pinned values)', () => {
    const rng = new Rng(42);
    const first = Array.from({ length: 4 }, () => rng.nextUint32());
    // Integer-only arithmetic: these are the same everywhere.
    expect(first).toEqual(PINNED_42);
    expect(new Rng(42).nextUint32()).toBe(first[0]);
    expect(new Rng(43).nextUint32()).not.toBe(first[0]);
  });

  it('draws uniforms in [0, 1) and normals with mean 0, variance 1', () => {
    const rng = new Rng(7);
    const u = Array.from({ length: 20000 }, () => rng.uniform());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((a, b) => a + b) / u.length).toBeCloseTo(0.5, 2);
    const z = Array.from({ length: 20000 }, () => rng.normal());
    const mean = z.reduce((a, b) => a + b) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
  });

  it('shuffles into a permutation, and restores its state exactly', () => {
    const rng = new Rng(1);
    expect(Array.from(rng.permutation(10)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    rng.normal();
    const saved = rng.getState();
    const next = [rng.normal(), rng.uniform(), rng.int(100)];
    const copy = new Rng(0);
    copy.setState(saved);
    expect([copy.normal(), copy.uniform(), copy.int(100)]).toEqual(next);
  });
});

describe('classification2d', () => {
  it.each(['xor', 'circles', 'moons', 'spiral', 'blobs'] as const)('%s: shapes, labels, seeded', (kind) => {
    const a = classification2d(kind, { n: 120, noise: 0.1, seed: 3, classes: 4 });
    expect(a.x).toBeInstanceOf(Float32Array);
    expect(a.x.length).toBe(240);
    expect(a.y).toBeInstanceOf(Int32Array);
    expect(a.classes).toBe(kind === 'spiral' || kind === 'blobs' ? 4 : 2);
    for (let c = 0; c < a.classes; c++) expect(a.y.filter((l) => l === c).length).toBeGreaterThan(10);
    expect(Math.max(...a.x.map(Math.abs))).toBeLessThan(1.6);
    expect(classification2d(kind, { n: 120, noise: 0.1, seed: 3, classes: 4 })).toEqual(a);
    expect(classification2d(kind, { n: 120, noise: 0.1, seed: 4, classes: 4 }).x).not.toEqual(a.x);
  });

  it('labels xor by the signs of the coordinates when noise is 0', () => {
    const { x, y } = classification2d('xor', { n: 50 });
    for (let i = 0; i < 50; i++) expect(y[i]).toBe(x[2 * i] * x[2 * i + 1] > 0 ? 0 : 1);
  });
});

describe('regression sets', () => {
  it('regression1d: sorted x in [−1, 1], y = target + noise', () => {
    for (const kind of ['sine', 'step', 'abs', 'bumpy'] as const) {
      const d = regression1d(kind, { n: 40, seed: 2 });
      expect(d.x.length).toBe(40);
      expect(Array.from(d.x)).toEqual(Array.from(d.x).sort((a, b) => a - b));
      d.x.forEach((x, i) => expect(d.y[i]).toBeCloseTo(regressionTargets[kind](x), 5));
    }
    const noisy = regression1d('sine', { n: 200, noise: 0.1, seed: 2 });
    const residual = noisy.y.map((v, i) => v - noisy.clean[i]);
    expect(Math.sqrt(residual.reduce((a, r) => a + r * r, 0) / 200)).toBeCloseTo(0.1, 1);
  });

  it('linearRegression: points near the line, with the asked outliers', () => {
    const d = linearRegression({ n: 100, slope: 2, intercept: -1, noise: 0.05, outliers: 0.1, seed: 1 });
    expect(d.isOutlier.reduce((a, b) => a + b, 0)).toBe(10);
    d.x.forEach((x, i) => {
      const off = Math.abs(d.y[i] - (2 * x - 1));
      if (d.isOutlier[i]) expect(off).toBeGreaterThan(1.5);
      else expect(off).toBeLessThan(0.3);
    });
  });
});

describe('minibatches', () => {
  it('covers every example once per epoch, in a new seeded order each epoch', () => {
    const batches = new Minibatches(10, 4, new Rng(5));
    const epoch1 = [batches.next(), batches.next(), batches.next()];
    expect(epoch1.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(epoch1.flatMap((b) => Array.from(b)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const epoch2 = [batches.next(), batches.next(), batches.next()].flatMap((b) => Array.from(b));
    expect(batches.epoch).toBe(1);
    expect(epoch2).not.toEqual(epoch1.flatMap((b) => Array.from(b)));
    const again = new Minibatches(10, 4, new Rng(5));
    expect(Array.from(again.next())).toEqual(Array.from(epoch1[0]));
    const dropping = new Minibatches(10, 4, new Rng(5), { dropLast: true });
    expect([dropping.next(), dropping.next(), dropping.next()].map((b) => b.length)).toEqual([4, 4, 4]);
  });

  it('gathers rows and labels', () => {
    expect(Array.from(takeRows(Float32Array.from([0, 1, 2, 3, 4, 5]), 2, [2, 0]))).toEqual([4, 5, 0, 1]);
    expect(Array.from(takeLabels(Int32Array.from([7, 8, 9]), [1, 1]))).toEqual([8, 8]);
  });
});

describe('solver', () => {
  it('recovers exact coefficients and fits an intercept', () => {
    // y = 2·x₀ − 3·x₁ + 0.5
    const x = [1, 0, 0, 1, 1, 1, 2, -1, -1, 3];
    const y = [2.5, -2.5, -0.5, 7.5, -10.5];
    const fit = leastSquares(x, y, 2);
    expect(Array.from(fit.weights)).toEqual([expect.closeTo(2, 10), expect.closeTo(-3, 10)]);
    expect(fit.intercept).toBeCloseTo(0.5, 10);
    expect(fit.jitter).toBe(0);
  });

  it('ridge shrinks the weights: w = Σxy / (Σx² + λ) for centered 1-D data', () => {
    const x = [-1, 0, 1];
    const y = [-2, 0, 2];
    expect(leastSquares(x, y, 1, { ridge: 2 }).weights[0]).toBeCloseTo(4 / 4, 10);
    expect(leastSquares(x, y, 1, { ridge: 0 }).weights[0]).toBeCloseTo(2, 10);
  });

  it('falls back to jitter for singular systems', () => {
    // Two identical columns: XᵀX is singular; the jittered solution splits
    // the weight evenly (the minimum-norm answer) and still fits.
    const x = [1, 1, 2, 2, 3, 3];
    const fit = leastSquares(x, [2, 4, 6], 2, { fitIntercept: false });
    expect(fit.jitter).toBeGreaterThan(0);
    expect(fit.weights[0]).toBeCloseTo(1, 4);
    expect(fit.weights[1]).toBeCloseTo(1, 4);
    const { x: sol } = solveSymmetric([4, 2, 2, 3], [2, 1], 2);
    expect(Array.from(sol)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(0, 12)]);
  });
});

describe('the float64 backend', () => {
  it('stores Float64Array and counts 8 bytes per element', () => {
    const b64 = new JsBackend({ dtype: 'float64' });
    withBackend(b64, () => {
      const t = tensor([1 / 3]);
      expect(t.view()).toBeInstanceOf(Float64Array);
      expect(t.toFloat64Array()[0]).toBe(1 / 3);
      expect(b64.bytesInUse()).toBe(8);
      t.dispose();
    });
    expect(b64.bytesInUse()).toBe(0);
  });
});

// xoshiro128** seeded by splitmix32(42), from an independent implementation
// (Python integers masked to 32 bits).
const PINNED_42 = [2837322924, 544945897, 479756282, 3500138142];
