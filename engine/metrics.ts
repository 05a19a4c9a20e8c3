// Read-outs that are not differentiable: predicted classes and accuracy.

import type { Tensor } from './tensor';

/** Index of the largest value in each row of a [N, C] tensor (first on ties).
 * For [N, 1] (or [N]) logits of a binary model: 1 where the logit > 0. */
export function argmax(logits: Tensor): Int32Array {
  const v = logits.view(); // read at once: no allocation until done
  const n = logits.shape[0];
  const c = logits.ndim === 1 ? 1 : logits.size / n;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (c === 1) {
      out[i] = v[i] > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let j = 1; j < c; j++) if (v[i * c + j] > v[i * c + best]) best = j;
    out[i] = best;
  }
  return out;
}

/** Fraction of rows whose argmax equals the label. */
export function accuracy(logits: Tensor, labels: ArrayLike<number>): number {
  const predicted = argmax(logits);
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === labels[i]) correct++;
  return predicted.length ? correct / predicted.length : 0;
}
