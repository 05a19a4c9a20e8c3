// Softmax and friends, composed from primitives (no gradient code).

import { add, div, sub } from '../ops/binary';
import { squeeze } from '../ops/movement';
import { max, sum } from '../ops/reduce';
import { detach, exp, log } from '../ops/unary';
import type { Tensor } from '../tensor';

function scaled(x: Tensor, temperature: number): Tensor {
  if (!(temperature > 0)) throw new Error(`temperature must be positive, got ${temperature}`);
  return temperature === 1 ? x : div(x, temperature);
}

/** log Σᵢ exp(xᵢ) over `axis`, stable for any magnitude:
 * logsumexp(x) = m + log Σᵢ exp(xᵢ − m) with m = max(x). m is held constant
 * (detached): its two gradient paths cancel exactly, so nothing is lost. */
export function logsumexp(x: Tensor, axis = -1, keepdims = false): Tensor {
  const m = detach(max(x, axis, true));
  const out = add(log(sum(exp(sub(x, m)), axis, true)), m);
  return keepdims ? out : squeeze(out, axis);
}

/** softmax(x/T)ᵢ = exp(xᵢ/T) / Σⱼ exp(xⱼ/T) over `axis`. T → 0 approaches a
 * one-hot of the argmax; T → ∞ approaches uniform. */
export function softmax(x: Tensor, axis = -1, temperature = 1): Tensor {
  const z = scaled(x, temperature);
  const e = exp(sub(z, detach(max(z, axis, true))));
  return div(e, sum(e, axis, true));
}

/** log softmax(x/T) = x/T − logsumexp(x/T), without forming the softmax. */
export function logSoftmax(x: Tensor, axis = -1, temperature = 1): Tensor {
  const z = scaled(x, temperature);
  return sub(z, logsumexp(z, axis, true));
}
