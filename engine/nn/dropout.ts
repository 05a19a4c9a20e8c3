// Dropout, composed from primitives: a seeded random mask, scaled.

import { mul } from '../ops/binary';
import type { Rng } from '../random';
import { type Tensor, tensor } from '../tensor';

export interface DropoutOptions {
  /** Probability of zeroing each element. */
  p: number;
  /** Where the mask comes from: the same seed drops the same elements. */
  rng: Rng;
  /** Off (the identity) unless true: evaluation never drops. */
  training: boolean;
}

/** Inverted dropout: while training, each element is zeroed with
 * probability p and the survivors are scaled by 1/(1 − p), so the expected
 * value is unchanged and evaluation needs no rescaling. */
export function dropout(x: Tensor, { p, rng, training }: DropoutOptions): Tensor {
  if (!training || p === 0) return x;
  if (!(p >= 0 && p < 1)) throw new Error(`dropout: p must be in [0, 1), got ${p}`);
  const keepScale = 1 / (1 - p);
  const mask = new Float32Array(x.size);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.uniform() < p ? 0 : keepScale;
  return mul(x, tensor(mask, x.shape, x.backend));
}
