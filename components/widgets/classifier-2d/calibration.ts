/**
 * Read-outs of a classifier's probabilities, as plain arithmetic (no engine,
 * no DOM): the decision at a threshold, confusion counts, and the
 * reliability diagram with its expected calibration error. The worker uses
 * them on held-out points; the page uses them when τ moves.
 */

/** The logit at which σ(z) = τ: the decision rule σ(z) ≥ τ is z ≥ log(τ/(1 − τ)). */
export function logitOf(tau: number): number {
  return Math.log(tau / (1 - tau));
}

export interface Confusion {
  /** Class 1 predicted, class 1 true. */
  tp: number;
  /** Class 1 predicted, class 0 true. */
  fp: number;
  tn: number;
  fn: number;
}

/** Counts of ŷ = [p ≥ τ] against the labels, for p = p(class 1) per point. */
export function confusionAt(p1: ArrayLike<number>, labels: ArrayLike<number>, tau: number): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < p1.length; i++) {
    const predicted = p1[i] >= tau;
    const actual = labels[i] === 1;
    if (predicted && actual) c.tp++;
    else if (predicted) c.fp++;
    else if (actual) c.fn++;
    else c.tn++;
  }
  return c;
}

/** Index of the largest of the K probabilities of point i (first on ties). */
export function argmaxRow(probs: ArrayLike<number>, i: number, K: number): number {
  let best = 0;
  for (let k = 1; k < K; k++) if (probs[i * K + k] > probs[i * K + best]) best = k;
  return best;
}

/** Fraction of points whose predicted class (p ≥ ½ with one column, the argmax with K) is the label. */
export function accuracyOf(probs: ArrayLike<number>, labels: ArrayLike<number>, K: number): number {
  const n = labels.length;
  if (n === 0) return 0;
  let right = 0;
  for (let i = 0; i < n; i++) {
    const predicted = K === 1 ? (probs[i] >= 0.5 ? 1 : 0) : argmaxRow(probs, i, K);
    if (predicted === labels[i]) right++;
  }
  return right / n;
}

export interface Reliability {
  /** Mean predicted probability in each bin (0 for an empty bin). */
  confidence: Float32Array;
  /** Observed frequency in each bin (0 for an empty bin). */
  frequency: Float32Array;
  count: Float32Array;
  /** Σ_b (|B_b|/n)·|frequency_b − confidence_b|. */
  ece: number;
}

/**
 * The reliability diagram on B equal bins of [0, 1].
 * One column (binary): the predicted p(class 1) against how often the label
 * is 1. K columns: the top-label form, the largest probability (the
 * confidence) against how often the argmax is right.
 */
export function reliability(probs: ArrayLike<number>, labels: ArrayLike<number>, K: number, B: number): Reliability {
  const n = labels.length;
  const sumP = new Float64Array(B);
  const sumHit = new Float64Array(B);
  const count = new Float32Array(B);
  for (let i = 0; i < n; i++) {
    let p: number;
    let hit: boolean;
    if (K === 1) {
      p = probs[i];
      hit = labels[i] === 1;
    } else {
      const k = argmaxRow(probs, i, K);
      p = probs[i * K + k];
      hit = k === labels[i];
    }
    if (!Number.isFinite(p)) continue;
    const b = Math.min(B - 1, Math.max(0, Math.floor(p * B)));
    sumP[b] += p;
    sumHit[b] += hit ? 1 : 0;
    count[b]++;
  }
  const confidence = new Float32Array(B);
  const frequency = new Float32Array(B);
  let ece = 0;
  let total = 0;
  for (let b = 0; b < B; b++) total += count[b];
  for (let b = 0; b < B; b++) {
    if (count[b] === 0) continue;
    confidence[b] = sumP[b] / count[b];
    frequency[b] = sumHit[b] / count[b];
    ece += (count[b] / total) * Math.abs(frequency[b] - confidence[b]);
  }
  return { confidence, frequency, count, ece: total > 0 ? ece : 0 };
}
