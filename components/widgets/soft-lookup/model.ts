/**
 * One query attending over n (key, value) pairs, computed by the engine's
 * scaledDotProductAttention in the worker: a = softmax(q·Kᵀ/√d), o = a·V.
 * Nothing trains; the run answers one query.
 *
 * The reader places 2-D points. q and the keys are d-dimensional: their
 * first two coordinates are the points, the other d − 2 are standard
 * normal draws fixed by the seed and by whose they are (the query's, or
 * pair j's), so they travel with their pair when the pairs are permuted and
 * a larger d only appends coordinates. The values stay 2-D: the output is a
 * point of the value plane.
 */
import { logSoftmax, matmul, mul, noGrad, Rng, scaledDotProductAttention, scope, sum, tensor, type Tensor } from '@/engine';
import { defineQueryModel } from '@/workers/model';
import { pairOrder, type Point } from './pairs';

export interface LookupQuery {
  /** q's two visible coordinates. */
  query: Point;
  /** Pair j's key and value at index j (n of each), before any permutation. */
  keys: readonly Point[];
  values: readonly Point[];
  /** Divide the scores by √d (the engine's attention), or not. */
  scaled: boolean;
  /** Width of q and the keys: 2 visible coordinates and d − 2 hidden ones. */
  d: number;
  seed: number;
  /** Times the cyclic permutation of the pairs was applied. */
  shift: number;
}

export interface Attended {
  /** q·kᵢ/√d (or q·kᵢ unscaled), one per position. */
  scores: Float32Array;
  /** aᵢ = softmax(scores)ᵢ. */
  weights: Float32Array;
  /** o = Σ aᵢ vᵢ. */
  output: [number, number];
  /** H(a) = −Σ aᵢ log aᵢ in nats, from log softmax (finite when a weight underflows to 0). */
  entropy: number;
}

export interface LookupAnswer extends Attended {
  /** What this answer was computed for (a later request may have changed the page). */
  n: number;
  d: number;
  scaled: boolean;
  shift: number;
  /** The pair at each position: the order the engine saw the rows of K and V in. */
  order: number[];
  /** Standard deviation of the n scores. */
  spread: number;
  /** The same query over the pairs in their first order, compared with this order. */
  permutation: {
    /** max |o − o_first|. */
    outputDifference: number;
    /** max over pairs of |its weight now − its weight in the first order|. */
    weightsDifference: number;
  };
  /**
   * Self-attention over the pairs as a sequence of n tokens (each key also
   * a query): max |O(this order) − O(first order) reordered the same way|.
   */
  sequenceDifference: number;
}

/** Hidden coordinates of the query (who = 0) or of pair j's key (who = j + 1): `count` standard normals, fixed by seed and who. */
export function hiddenCoordinates(seed: number, who: number, count: number): Float64Array {
  const rng = new Rng(seed * 8 + who);
  return Float64Array.from({ length: Math.max(0, count) }, () => rng.normal());
}

/** A point extended to d coordinates by its hidden ones. */
export function fullVector(point: Point, seed: number, who: number, d: number): Float32Array {
  const v = new Float32Array(d);
  v[0] = point[0];
  v[1] = point[1];
  v.set(hiddenCoordinates(seed, who, d - 2), 2);
  return v;
}

/**
 * softmax(q·Kᵀ/√d)·V by the engine's attention for q [tq, d], K [n, d],
 * V [n, 2]. Unscaled is the same attention of √d·q: the engine divides by
 * √d, so this undoes it (dividing by √d is a softmax temperature T = √d).
 */
export function attend(q: Tensor, k: Tensor, v: Tensor, scaled: boolean): { scores: Tensor; weights: Tensor; output: Tensor } {
  const d = q.shape[q.ndim - 1];
  const scores = mul(matmul(q, k, { transB: true }), scaled ? 1 / Math.sqrt(d) : 1);
  const { weights, output } = scaledDotProductAttention(scaled ? q : mul(q, Math.sqrt(d)), k, v);
  return { scores, weights, output };
}

/** K [n, d] and V [n, 2] with the pairs in the order `order` (pair at each position). */
function rows(query: LookupQuery, order: readonly number[]): { keys: Float32Array; values: Float32Array } {
  const { d, seed } = query;
  const keys = new Float32Array(order.length * d);
  const values = new Float32Array(order.length * 2);
  order.forEach((pair, i) => {
    keys.set(fullVector(query.keys[pair], seed, pair + 1, d), i * d);
    values.set(query.values[pair], i * 2);
  });
  return { keys, values };
}

/** One query over the pairs in the order `order`. */
function lookupIn(query: LookupQuery, order: readonly number[]): Attended {
  const { d, seed, scaled } = query;
  const n = order.length;
  const { keys, values } = rows(query, order);
  return noGrad(() =>
    scope(() => {
      const q = tensor(fullVector(query.query, seed, 0, d), [1, d]);
      const { scores, weights, output } = attend(q, tensor(keys, [n, d]), tensor(values, [n, 2]), scaled);
      const o = output.toArray();
      return {
        scores: scores.toArray(),
        weights: weights.toArray(),
        output: [o[0], o[1]] as [number, number],
        entropy: -sum(mul(weights, logSoftmax(scores, -1))).item(),
      };
    }),
  );
}

/** Self-attention of the pairs as a sequence: outputs [n, 2], row i for the token at position i. */
function selfAttention(query: LookupQuery, order: readonly number[]): Float32Array {
  const { d } = query;
  const n = order.length;
  const { keys, values } = rows(query, order);
  return noGrad(() =>
    scope(() => {
      const x = tensor(keys, [n, d]);
      return attend(x, x, tensor(values, [n, 2]), query.scaled).output.toArray();
    }),
  );
}

/** Population standard deviation. */
export function spreadOf(values: ArrayLike<number>): number {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i] - mean) ** 2 / n;
  return Math.sqrt(variance);
}

export function softLookup(query: LookupQuery): LookupAnswer {
  const n = query.keys.length;
  const order = pairOrder(n, query.shift);
  const first = pairOrder(n, 0);
  const now = lookupIn(query, order);
  const before = lookupIn(query, first);
  let weightsDifference = 0;
  order.forEach((pair, i) => (weightsDifference = Math.max(weightsDifference, Math.abs(now.weights[i] - before.weights[pair]))));
  const outputDifference = Math.max(Math.abs(now.output[0] - before.output[0]), Math.abs(now.output[1] - before.output[1]));
  // Token at position i is pair order[i]; in the first order that pair's output is row order[i].
  const seqNow = selfAttention(query, order);
  const seqFirst = selfAttention(query, first);
  let sequenceDifference = 0;
  order.forEach((pair, i) => {
    for (let c = 0; c < 2; c++) sequenceDifference = Math.max(sequenceDifference, Math.abs(seqNow[i * 2 + c] - seqFirst[pair * 2 + c]));
  });
  return {
    ...now,
    n,
    d: query.d,
    scaled: query.scaled,
    shift: query.shift,
    order,
    spread: spreadOf(now.scores),
    permutation: { outputDifference, weightsDifference },
    sequenceDifference,
  };
}

/** A run that never trains: it only answers lookups. */
export default defineQueryModel('soft-lookup', { lookup: (query: LookupQuery) => softLookup(query) });
