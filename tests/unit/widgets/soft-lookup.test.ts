/**
 * soft-lookup's model: its numbers are the engine's scaledDotProductAttention
 * (and softmax(q·Kᵀ/√d)·V written out in float64), the output is a convex
 * combination of the values, unscaled dot products of random vectors have
 * variance d (scaled: 1) so the weights collapse as d grows, and permuting
 * the pairs permutes the weights and leaves the output where it was.
 */
import { describe, expect, it } from 'vitest';
import { getBackend, noGrad, Rng, scaledDotProductAttention, scope, tensor } from '@/engine';
import { defaultsOf } from '@/components/widgets/kit/schema';
import { convexHull } from '@/components/widgets/soft-lookup/draw';
import softLookupModel, { fullVector, hiddenCoordinates, softLookup, spreadOf, type LookupQuery } from '@/components/widgets/soft-lookup/model';
import { byPair, D_STEPS, pairOrder, type Point } from '@/components/widgets/soft-lookup/pairs';
import { softLookupSchema } from '@/components/widgets/soft-lookup/schema';
import { openRun } from '../helpers/open-run';

const defaults = defaultsOf(softLookupSchema);

function queryOf(over: Partial<LookupQuery> = {}): LookupQuery {
  const n = over.keys?.length ?? defaults.n;
  return { query: defaults.query[0], keys: defaults.keys.slice(0, n), values: defaults.values.slice(0, n), scaled: true, d: 2, seed: 1, shift: 0, ...over };
}

/** A query with every visible coordinate drawn from N(0, 1) too, so all d coordinates of q and the keys are standard normal. */
function randomQuery(rng: Rng, n: number, over: Partial<LookupQuery>): LookupQuery {
  const point = (): Point => [rng.normal(), rng.normal()];
  const uniform = (): Point => [rng.uniform(-3, 3), rng.uniform(-3, 3)];
  return queryOf({ query: point(), keys: Array.from({ length: n }, point), values: Array.from({ length: n }, uniform), ...over });
}

/** softmax(q·Kᵀ·scale)·V in float64, from the same d-dimensional vectors the model builds. */
function byHand(query: LookupQuery) {
  const { d, seed } = query;
  const q = fullVector(query.query, seed, 0, d);
  const order = pairOrder(query.keys.length, query.shift);
  const scale = query.scaled ? 1 / Math.sqrt(d) : 1;
  const scores = order.map((pair) => {
    const k = fullVector(query.keys[pair], seed, pair + 1, d);
    let s = 0;
    for (let c = 0; c < d; c++) s += q[c] * k[c];
    return s * scale;
  });
  const top = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - top));
  const total = e.reduce((x, y) => x + y, 0);
  const weights = e.map((x) => x / total);
  const output = [0, 1].map((c) => order.reduce((acc, pair, i) => acc + weights[i] * query.values[pair][c], 0));
  return { scores, weights, output };
}

describe('soft-lookup: the engine’s attention', () => {
  it('equals scaledDotProductAttention of the same tensors, exactly', () => {
    for (const d of [2, 16, 512]) {
      for (const shift of [0, 1, 3]) {
        const query = queryOf({ d, shift, seed: 7 });
        const answer = softLookup(query);
        const order = pairOrder(4, shift);
        const engine = noGrad(() =>
          scope(() => {
            const K = new Float32Array(4 * d);
            const V = new Float32Array(4 * 2);
            order.forEach((pair, i) => {
              K.set(fullVector(query.keys[pair], 7, pair + 1, d), i * d);
              V.set(query.values[pair], i * 2);
            });
            const r = scaledDotProductAttention(tensor(fullVector(query.query, 7, 0, d), [1, d]), tensor(K, [4, d]), tensor(V, [4, 2]));
            return { weights: r.weights.toArray(), output: r.output.toArray() };
          }),
        );
        expect(answer.weights, `d ${d} shift ${shift}`).toEqual(engine.weights);
        expect(answer.output).toEqual(Array.from(engine.output));
        expect(answer.order).toEqual(order);
      }
    }
  });

  it('is softmax(q·Kᵀ/√d)·V written out in float64, and softmax(q·Kᵀ)·V when not divided', () => {
    const rng = new Rng(3);
    for (const scaled of [true, false]) {
      for (const d of [2, 8, 64, 512]) {
        const query = randomQuery(rng, 5, { d, scaled, seed: d, shift: 2 });
        const answer = softLookup(query);
        const hand = byHand(query);
        hand.scores.forEach((s, i) => expect(Math.abs(answer.scores[i] - s), `score ${i}, d ${d} ${scaled}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(s))));
        hand.weights.forEach((a, i) => expect(Math.abs(answer.weights[i] - a), `weight ${i}, d ${d} ${scaled}`).toBeLessThan(1e-4));
        hand.output.forEach((o, c) => expect(Math.abs(answer.output[c] - o)).toBeLessThan(1e-4));
        expect(answer.spread).toBeCloseTo(spreadOf(hand.scores), 3);
        const entropy = -hand.weights.reduce((h, a) => h + (a > 0 ? a * Math.log(a) : 0), 0);
        expect(Math.abs(answer.entropy - entropy)).toBeLessThan(1e-4);
      }
    }
  });

  it('weights are positive and sum to 1; the output is Σ aᵢvᵢ, inside the values’ convex hull', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + (trial % 5);
      const query = randomQuery(rng, n, { d: D_STEPS[trial % D_STEPS.length], scaled: trial % 2 === 0, seed: trial, shift: trial % n });
      const a = softLookup(query);
      let total = 0;
      a.weights.forEach((w) => {
        expect(w).toBeGreaterThanOrEqual(0);
        total += w;
      });
      expect(Math.abs(total - 1)).toBeLessThan(1e-5);
      const o = [0, 1].map((c) => a.order.reduce((acc, pair, i) => acc + a.weights[i] * query.values[pair][c], 0));
      expect(Math.abs(a.output[0] - o[0]) + Math.abs(a.output[1] - o[1])).toBeLessThan(1e-5);
      const hull = convexHull(query.values);
      if (hull.length < 3) continue;
      // Counter-clockwise hull: the output is left of (or on) every edge.
      hull.forEach((p, i) => {
        const q = hull[(i + 1) % hull.length];
        const cross = (q[0] - p[0]) * (a.output[1] - p[1]) - (q[1] - p[1]) * (a.output[0] - p[0]);
        expect(cross, `trial ${trial}`).toBeGreaterThan(-1e-4);
      });
    }
  });

  it('the run only answers lookups, and frees what it used', () => {
    const before = getBackend().bytesInUse();
    const run = openRun(softLookupModel, {});
    expect(() => run.step()).toThrow(/does not train/);
    const a = run.evaluate('lookup', queryOf({ d: 64 }));
    expect(a.n).toBe(4);
    expect(a.d).toBe(64);
    run.dispose();
    expect(getBackend().bytesInUse()).toBe(before);
  });
});

describe('soft-lookup: why divide by √d', () => {
  it('the hidden coordinates are fixed by seed and d, a larger d only appends, and they differ by owner and seed', () => {
    expect(hiddenCoordinates(4, 2, 10)).toEqual(hiddenCoordinates(4, 2, 10));
    expect(hiddenCoordinates(4, 2, 30).slice(0, 10)).toEqual(hiddenCoordinates(4, 2, 10));
    expect(hiddenCoordinates(4, 2, 10)).not.toEqual(hiddenCoordinates(4, 3, 10));
    expect(hiddenCoordinates(4, 2, 10)).not.toEqual(hiddenCoordinates(5, 2, 10));
    expect(fullVector([1.5, -2], 4, 0, 2)).toEqual(Float32Array.from([1.5, -2]));
  });

  it('q·k of random unit-variance vectors has variance d; divided by √d, variance 1', () => {
    const rng = new Rng(21);
    for (const d of [16, 64, 256]) {
      const unscaled: number[] = [];
      const scaled: number[] = [];
      for (let seed = 0; seed < 300; seed++) {
        const query = randomQuery(rng, 6, { d, seed });
        unscaled.push(...softLookup({ ...query, scaled: false }).scores);
        scaled.push(...softLookup({ ...query, scaled: true }).scores);
      }
      const variance = (xs: number[]) => spreadOf(xs) ** 2;
      // 1800 scores: the sample variance's relative standard error is about √(2/1800) ≈ 3%.
      expect(variance(unscaled) / d, `d ${d}`).toBeGreaterThan(0.88);
      expect(variance(unscaled) / d, `d ${d}`).toBeLessThan(1.12);
      expect(variance(scaled), `d ${d}`).toBeGreaterThan(0.88);
      expect(variance(scaled), `d ${d}`).toBeLessThan(1.12);
    }
  });

  it('unscaled, the weights’ entropy falls toward 0 as d grows; scaled, it stays put', () => {
    const meanOver = (d: number, scaled: boolean, key: 'entropy' | 'spread') => {
      let total = 0;
      for (let seed = 0; seed < 40; seed++) total += softLookup(queryOf({ d, scaled, seed }))[key] / 40;
      return total;
    };
    const unscaled = [2, 8, 32, 128, 512].map((d) => meanOver(d, false, 'entropy'));
    for (let i = 1; i < unscaled.length; i++) expect(unscaled[i], `d ${2 ** (2 * i + 1)}`).toBeLessThan(unscaled[i - 1]);
    expect(unscaled[4]).toBeLessThan(0.05);
    const scaled = [2, 8, 32, 128, 512].map((d) => meanOver(d, true, 'entropy'));
    for (const h of scaled) expect(h).toBeGreaterThan(0.7);
    // The score spread grows like √d unscaled and stays near 1 scaled.
    expect(meanOver(512, false, 'spread')).toBeGreaterThan(12);
    expect(meanOver(512, true, 'spread')).toBeLessThan(1.5);
    // The chapter's preset: d = 256, not divided, is one-hot.
    expect(Math.max(...softLookup(queryOf({ d: 256, scaled: false })).weights)).toBeGreaterThan(0.99);
  });
});

describe('soft-lookup: permuting the pairs', () => {
  it('each weight moves with its pair, the output stays, and the sequence’s outputs permute', () => {
    for (const d of [2, 64]) {
      for (const n of [2, 4, 6]) {
        const keys = defaults.keys.slice(0, n);
        const first = softLookup(queryOf({ d, keys, values: defaults.values.slice(0, n) }));
        for (let shift = 1; shift < n; shift++) {
          const moved = softLookup(queryOf({ d, keys, values: defaults.values.slice(0, n), shift }));
          expect(moved.order).toEqual(pairOrder(n, shift));
          expect(moved.order).not.toEqual(first.order);
          // By pair, the weights are the first order's (to float32 rounding), though by position they moved.
          const now = byPair(moved.order, moved.weights);
          const then = byPair(first.order, first.weights);
          now.forEach((w, j) => expect(Math.abs(w - then[j])).toBeLessThan(1e-6));
          expect(Math.abs(moved.output[0] - first.output[0]) + Math.abs(moved.output[1] - first.output[1])).toBeLessThan(1e-6);
          expect(moved.permutation.outputDifference).toBeLessThan(1e-6);
          expect(moved.permutation.weightsDifference).toBeLessThan(1e-6);
          expect(moved.sequenceDifference).toBeLessThan(1e-6);
        }
      }
    }
  });

  it('the cyclic permutation moves every pair one place on, the last to the front', () => {
    expect(pairOrder(4, 0)).toEqual([0, 1, 2, 3]);
    expect(pairOrder(4, 1)).toEqual([3, 0, 1, 2]);
    expect(pairOrder(4, 5)).toEqual([3, 0, 1, 2]);
    expect(pairOrder(3, 3)).toEqual([0, 1, 2]);
    expect(Array.from(byPair([3, 0, 1, 2], [0.4, 0.1, 0.2, 0.3]))).toEqual([0.1, 0.2, 0.3, 0.4]);
  });
});
