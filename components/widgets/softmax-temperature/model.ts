/**
 * The softmax at a temperature, computed by the engine in the worker: the
 * widget trains nothing, so its run only answers evaluations. Beside the
 * engine's stable softmax it computes the naive normalize(exp(z/T)) in the
 * same float32 arithmetic, to show where that overflows.
 */
import { div, exp, logSoftmax, logsumexp, max, mul, noGrad, scope, softmax, sub, sum, tensor } from '@/engine';
import { defineQueryModel } from '@/workers/model';

export interface SoftmaxQuery {
  logits: readonly number[];
  temperature: number;
}

export interface SoftmaxReport {
  /** z/T. */
  scaled: Float32Array;
  /** softmax(z/T), the engine's stable form. */
  probs: Float32Array;
  /** log softmax(z/T) = z/T − logsumexp(z/T). */
  logProbs: Float32Array;
  /** logsumexp(z/T). */
  lse: number;
  /** m = max(z/T), the shift of the logsumexp trick. */
  shift: number;
  /** exp(z/T − m): every entry in (0, 1], one of them exactly 1. */
  shiftedExp: Float32Array;
  /** Naive: exp(z/T), its sum, and their ratio, in float32 (may be ∞, 0 or not a number). */
  naiveExp: Float32Array;
  naiveSum: number;
  naiveProbs: Float32Array;
  /** H = −Σ pᵢ log pᵢ in nats. */
  entropy: number;
  maxProb: number;
  argmax: number;
}

export function softmaxReport(query: SoftmaxQuery): SoftmaxReport {
  const T = query.temperature;
  return noGrad(() =>
    scope(() => {
      const z = tensor(Float32Array.from(query.logits));
      const scaled = div(z, T);
      const probs = softmax(z, -1, T);
      const logProbs = logSoftmax(z, -1, T);
      const m = max(scaled);
      const naiveExp = exp(scaled);
      const naiveSum = sum(naiveExp);
      const p = probs.toArray();
      let argmax = 0;
      for (let i = 1; i < p.length; i++) if (p[i] > p[argmax]) argmax = i;
      return {
        scaled: scaled.toArray(),
        probs: p,
        logProbs: logProbs.toArray(),
        lse: logsumexp(scaled).item(),
        shift: m.item(),
        shiftedExp: exp(sub(scaled, m)).toArray(),
        naiveExp: naiveExp.toArray(),
        naiveSum: naiveSum.item(),
        naiveProbs: div(naiveExp, naiveSum).toArray(),
        entropy: -sum(mul(probs, logProbs)).item(),
        maxProb: p[argmax],
        argmax,
      };
    }),
  );
}

/** A run that never trains: it only answers softmax reports. */
export default defineQueryModel('softmax-temperature', { report: softmaxReport });
