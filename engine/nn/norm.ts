// Layer normalization, composed from primitives (no gradient code).

import { add, div, mul, sub } from '../ops/binary';
import { mean } from '../ops/reduce';
import { sqrt } from '../ops/unary';
import { ones, parameter, type Tensor, zeros } from '../tensor';
import type { Module } from './module';

/** Normalizes each vector along the last axis to mean 0 and variance 1,
 * then scales and shifts: y = (x − μ)/√(σ² + ε)·γ + β, with μ and σ² the
 * mean and (biased) variance of that vector. γ and β are optional. */
export function layerNorm(x: Tensor, weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  const centered = sub(x, mean(x, -1, true));
  const variance = mean(mul(centered, centered), -1, true);
  let y = div(centered, sqrt(add(variance, eps)));
  if (weight) y = mul(y, weight);
  if (bias) y = add(y, bias);
  return y;
}

/** layerNorm with a learned gain γ (starts at 1) and shift β (starts at 0). */
export class LayerNorm implements Module {
  readonly weight: Tensor;
  readonly bias: Tensor;

  constructor(
    readonly dim: number,
    readonly eps = 1e-5,
  ) {
    this.weight = parameter(ones([dim]));
    this.bias = parameter(zeros([dim]));
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.weight, this.bias, this.eps);
  }

  parameters(): Tensor[] {
    return [this.weight, this.bias];
  }

  namedParameters(): [string, Tensor][] {
    return [['weight', this.weight], ['bias', this.bias]];
  }

  dispose(): void {
    this.weight.dispose();
    this.bias.dispose();
  }
}
