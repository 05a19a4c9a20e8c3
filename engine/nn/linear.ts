// A fully connected layer: y = x·Wᵀ + b (PyTorch's layout, W is out×in).
//
// Rows are examples: X is [batch, in], Y = X·Wᵀ + b is [batch, out]. Its
// gradients, with G = ∂L/∂Y ([batch, out]), are what matmul's rule for
// C = A·Bᵀ gives (ops/matmul.ts): dX = G·W and dW = Gᵀ·X, and db = Σ_rows G.
// A textbook writes one example as a column, y = W·x + b; with the upstream
// gradient v = ∂L/∂y (a column), dx = Wᵀ·v and dW = v·xᵀ. These are the same
// formulas: with batch 1 the row G is vᵀ, so dX = vᵀ·W = (Wᵀ·v)ᵀ and
// dW = Gᵀ·X = v·xᵀ; with a batch, dW = Σₙ vₙ·xₙᵀ, one outer product per
// example, summed, which Gᵀ·X computes as one matmul.

import { add } from '../ops/binary';
import { matmul } from '../ops/matmul';
import type { Rng } from '../random';
import { parameter, type Tensor, zeros } from '../tensor';
import { type InitName, initializers } from './init';
import type { Module } from './module';

export interface LinearOptions {
  rng: Rng;
  /** How to draw W (default xavierUniform); b starts at zero. */
  init?: InitName;
  bias?: boolean;
}

export class Linear implements Module {
  /** Shape [outFeatures, inFeatures]. */
  readonly weight: Tensor;
  /** Shape [outFeatures], or null without bias. */
  readonly bias: Tensor | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions,
  ) {
    const init = initializers[options.init ?? 'xavierUniform'];
    this.weight = parameter(init([outFeatures, inFeatures], inFeatures, outFeatures, options.rng));
    this.bias = options.bias === false ? null : parameter(zeros([outFeatures]));
  }

  /** x: [batch, inFeatures] (or more leading axes) → [batch, outFeatures]. */
  forward(x: Tensor): Tensor {
    const y = matmul(x, this.weight, { transB: true });
    return this.bias ? add(y, this.bias) : y;
  }

  parameters(): Tensor[] {
    return this.bias ? [this.weight, this.bias] : [this.weight];
  }

  namedParameters(): [string, Tensor][] {
    return this.bias ? [['weight', this.weight], ['bias', this.bias]] : [['weight', this.weight]];
  }

  dispose(): void {
    this.weight.dispose();
    this.bias?.dispose();
  }
}
