// Softmax and friends over any axis, on the fused row primitives
// (ops/rows.ts): an axis other than the last is moved last and back.
//
// What the kernels compute, as compositions of primitives (the tests check
// the fused forms against exactly these):
//   logsumexp(x) = m + log Σᵢ exp(xᵢ − m), m = max(x) held constant;
//   softmax(x)   = exp(x − m) / Σᵢ exp(xᵢ − m);
//   logSoftmax(x) = x − logsumexp(x).

import type { RowKernel } from '../backend/backend';
import { div } from '../ops/binary';
import { squeeze, transpose } from '../ops/movement';
import { rowSoftmax } from '../ops/rows';
import type { Tensor } from '../tensor';

function scaled(x: Tensor, temperature: number): Tensor {
  if (!(temperature > 0)) throw new Error(`temperature must be positive, got ${temperature}`);
  return temperature === 1 ? x : div(x, temperature);
}

/** The row kernel applied along `axis`, keeping every axis. */
function alongAxis(op: RowKernel, x: Tensor, axis: number): Tensor {
  const a = axis < 0 ? axis + x.ndim : axis;
  if (a < 0 || a >= x.ndim) throw new Error(`axis ${axis} out of range for ${x.ndim} dimensions`);
  if (a === x.ndim - 1) return rowSoftmax(op, x);
  // Swapping two axes is its own inverse.
  const perm = x.shape.map((_, i) => (i === a ? x.ndim - 1 : i === x.ndim - 1 ? a : i));
  return transpose(rowSoftmax(op, transpose(x, perm)), perm);
}

/** log Σᵢ exp(xᵢ) over `axis`, stable for any magnitude. */
export function logsumexp(x: Tensor, axis = -1, keepdims = false): Tensor {
  const out = alongAxis('logsumexp', x, axis);
  return keepdims ? out : squeeze(out, axis);
}

/** softmax(x/T)ᵢ = exp(xᵢ/T) / Σⱼ exp(xⱼ/T) over `axis`. T → 0 approaches a
 * one-hot of the argmax; T → ∞ approaches uniform. */
export function softmax(x: Tensor, axis = -1, temperature = 1): Tensor {
  return alongAxis('softmax', scaled(x, temperature), axis);
}

/** log softmax(x/T) = x/T − logsumexp(x/T), without forming the softmax. */
export function logSoftmax(x: Tensor, axis = -1, temperature = 1): Tensor {
  return alongAxis('logSoftmax', scaled(x, temperature), axis);
}
