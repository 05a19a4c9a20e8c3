/**
 * The two classification losses of the playground and the tape viewer, on
 * the engine (worker side only).
 */
import { mse, mul, softmax, softmaxCrossEntropy, type Tensor } from '@/engine';
import type { LossName } from './params';

/**
 * The training loss of logits against labels.
 * 'ce':  (1/n) Σᵢ [logsumexp(zᵢ) − zᵢ,yᵢ], softmax cross-entropy;
 * 'sq':  (1/n) Σᵢ Σₖ (pᵢₖ − [yᵢ = k])², p = softmax(z), the squared error of the probabilities.
 */
export function lossOf(kind: LossName, logits: Tensor, labels: Int32Array): Tensor {
  if (kind === 'ce') return softmaxCrossEntropy(logits, labels);
  const [n, c] = logits.shape;
  const oneHot = new Float32Array(n * c);
  for (let i = 0; i < n; i++) oneHot[i * c + labels[i]] = 1;
  // mse averages over all n·c entries; the loss sums over classes.
  return mul(mse(softmax(logits, -1), oneHot), c);
}
