// Activation functions. Those that are not primitives are composed from
// primitives here and carry no gradient code: autodiff derives it.

import { add, greater, maximum, mul, sub, where } from '../ops/binary';
import { abs, exp, gelu, geluTanh, log1p, relu, sigmoid, step, tanh } from '../ops/unary';
import type { Tensor } from '../tensor';

// GELU in both forms is a primitive (ops/unary.ts): fused, it is one kernel
// forward and two backward instead of seven and fifteen.
export { gelu, geluTanh, relu, sigmoid, step, tanh };

/** x for x > 0, slope·x otherwise. */
export function leakyRelu(x: Tensor, slope = 0.01): Tensor {
  return where(greater(x, 0), x, mul(x, slope));
}

/** x for x > 0, α(eˣ − 1) otherwise. exp sees x clipped to ≤ 0 so that
 * large positive x cannot overflow into the unused branch (inf·0 = NaN in
 * the gradient). The clip is a `where` on the same condition, not
 * min(x, 0), whose tie rule would halve the slope at x = 0: ELU′(0) = α. */
export function elu(x: Tensor, alpha = 1): Tensor {
  const positive = greater(x, 0);
  return where(positive, x, mul(sub(exp(where(positive, 0, x)), 1), alpha));
}

/** softplus(x) = log(1 + eˣ), computed as max(x, 0) + log(1 + e^(−|x|)),
 * which never overflows. */
export function softplus(x: Tensor): Tensor {
  return add(maximum(x, 0), log1p(exp(mul(abs(x), -1))));
}

/** SiLU (swish): x·σ(x). */
export function silu(x: Tensor): Tensor {
  return mul(x, sigmoid(x));
}

/** The identity, for output layers and linear models. */
export function linear(x: Tensor): Tensor {
  return x;
}

/** Activations by name, for model specs. `step` is for display only: it
 * passes no gradient, so layers before it do not learn. */
export const activations = {
  linear,
  relu,
  leakyRelu: (x: Tensor) => leakyRelu(x),
  elu: (x: Tensor) => elu(x),
  sigmoid,
  tanh,
  softplus,
  gelu,
  geluTanh,
  silu,
  step,
} satisfies Record<string, (x: Tensor) => Tensor>;

export type ActivationName = keyof typeof activations;
