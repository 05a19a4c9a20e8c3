// Layer normalization, on the fused layerNorm primitive (ops/rows.ts).

import { layerNormRows } from '../ops/rows';
import { ones, parameter, type Tensor, zeros } from '../tensor';
import type { Module } from './module';

/** Normalizes each vector along the last axis to mean 0 and variance 1,
 * then scales and shifts: y = (x − μ)/√(σ² + ε)·γ + β, with μ and σ² the
 * mean and (biased) variance of that vector. γ and β are optional. As
 * primitives: centred = x − mean(x); y = centred / √(mean(centred²) + ε)·γ + β. */
export function layerNorm(x: Tensor, weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  const d = x.shape[x.ndim - 1];
  return layerNormRows(x, weight ?? ones([d], x.backend), bias ?? zeros([d], x.backend), eps);
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
