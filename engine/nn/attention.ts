// Attention, composed from primitives (no gradient code): scaled dot-product
// attention and multi-head attention.

import { mul, where } from '../ops/binary';
import { matmul } from '../ops/matmul';
import { reshape, transpose } from '../ops/movement';
import type { Rng } from '../random';
import type { Backend } from '../backend/backend';
import { getBackend, type Tensor, tensor } from '../tensor';
import { dropout } from './dropout';
import { Linear } from './linear';
import { type Module, prefixed } from './module';
import { softmax } from './softmax';

/** 1 where query i may attend to key j, 0 elsewhere: [tq, tk] with j ≤ i +
 * (tk − tq), so that the last query sits at the last key (as when new
 * queries extend a longer history). */
export function causalMask(tq: number, tk = tq, backend: Backend = getBackend()): Tensor {
  const m = new Float32Array(tq * tk);
  for (let i = 0; i < tq; i++) for (let j = 0; j <= Math.min(tk - 1, i + tk - tq); j++) m[i * tk + j] = 1;
  return tensor(m, [tq, tk], backend);
}

export interface AttentionOptions {
  /** Each query sees only keys at its position or before. */
  causal?: boolean;
  /** 1 where attention is allowed, 0 where not; broadcasts to [..., tq, tk].
   * Combined with `causal` when both are given. Every query needs at least
   * one allowed key. */
  mask?: Tensor;
  /** Dropout on the attention weights while training. */
  dropout?: { p: number; rng: Rng; training: boolean };
}

export interface AttentionResult {
  /** [..., tq, dv] */
  output: Tensor;
  /** softmax(q·kᵀ/√d) after masking: [..., tq, tk], each row sums to 1. */
  weights: Tensor;
}

/** softmax(q·kᵀ/√d)·v for q [..., tq, d], k [..., tk, d], v [..., tk, dv]
 * (leading axes broadcast). Masked scores are −∞ before the softmax, so
 * their weights are exactly 0. Returns the output and the weights. */
export function scaledDotProductAttention(q: Tensor, k: Tensor, v: Tensor, options: AttentionOptions = {}): AttentionResult {
  const d = q.shape[q.ndim - 1];
  const tq = q.shape[q.ndim - 2];
  const tk = k.shape[k.ndim - 2];
  let scores = mul(matmul(q, k, { transB: true }), 1 / Math.sqrt(d));
  if (options.causal) scores = where(causalMask(tq, tk, q.backend), scores, -Infinity);
  if (options.mask) scores = where(options.mask, scores, -Infinity);
  const weights = softmax(scores, -1);
  const used = options.dropout ? dropout(weights, options.dropout) : weights;
  return { output: matmul(used, v), weights };
}

export interface MultiHeadAttentionOptions {
  dModel: number;
  heads: number;
  rng: Rng;
  /** Biases on the four projections (default true). */
  bias?: boolean;
}

export interface MultiHeadForwardOptions extends AttentionOptions {
  /** Keys and values come from here instead of x (cross-attention). */
  memory?: Tensor;
}

/** Multi-head attention: project x to queries, keys and values, split
 * d_model into `heads` slices of d_model/heads, attend within each head,
 * concatenate the heads and project back. */
export class MultiHeadAttention implements Module {
  readonly query: Linear;
  readonly key: Linear;
  readonly value: Linear;
  readonly output: Linear;
  readonly heads: number;
  readonly headDim: number;

  constructor(options: MultiHeadAttentionOptions) {
    const { dModel, heads, rng, bias = true } = options;
    if (dModel % heads !== 0) throw new Error(`MultiHeadAttention: d_model ${dModel} is not divisible by ${heads} heads`);
    this.heads = heads;
    this.headDim = dModel / heads;
    const make = () => new Linear(dModel, dModel, { rng, bias });
    this.query = make();
    this.key = make();
    this.value = make();
    this.output = make();
  }

  /** [B, T, D] → [B, H, T, D/H] */
  private split(x: Tensor): Tensor {
    const [b, t] = x.shape;
    return transpose(reshape(x, [b, t, this.heads, this.headDim]), [0, 2, 1, 3]);
  }

  /** x [B, T, D] → output [B, T, D] and weights [B, H, T, Tk]. */
  forward(x: Tensor, options: MultiHeadForwardOptions = {}): AttentionResult {
    const source = options.memory ?? x;
    const q = this.split(this.query.forward(x));
    const k = this.split(this.key.forward(source));
    const v = this.split(this.value.forward(source));
    const { output, weights } = scaledDotProductAttention(q, k, v, options);
    const [b, , t] = output.shape;
    const merged = reshape(transpose(output, [0, 2, 1, 3]), [b, t, this.heads * this.headDim]);
    return { output: this.output.forward(merged), weights };
  }

  parameters(): Tensor[] {
    return [this.query, this.key, this.value, this.output].flatMap((l) => l.parameters());
  }

  namedParameters(): [string, Tensor][] {
    return [
      ...prefixed('query', this.query),
      ...prefixed('key', this.key),
      ...prefixed('value', this.value),
      ...prefixed('output', this.output),
    ];
  }

  dispose(): void {
    for (const l of [this.query, this.key, this.value, this.output]) l.dispose();
  }
}
