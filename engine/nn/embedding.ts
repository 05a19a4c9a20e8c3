// Embeddings: a learned vector per token id, and positional encodings
// (learned, or the fixed sinusoids of "Attention Is All You Need").

import type { Backend } from '../backend/backend';
import { gather, type Indices } from '../ops/gather';
import { slice } from '../ops/movement';
import type { Rng } from '../random';
import { getBackend, parameter, randn, type Tensor, tensor } from '../tensor';
import type { Module } from './module';

export interface EmbeddingOptions {
  rng: Rng;
  /** Standard deviation of the initial N(0, std²) vectors (default 1, as PyTorch). */
  std?: number;
}

/** A table of `count` vectors of size `dim`; forward(ids) looks them up. */
export class Embedding implements Module {
  /** [count, dim] */
  readonly weight: Tensor;

  constructor(
    readonly count: number,
    readonly dim: number,
    options: EmbeddingOptions,
  ) {
    this.weight = parameter(randn([count, dim], options.rng, { std: options.std ?? 1 }));
  }

  /** ids of any shape (integers in 0…count−1) → [...ids.shape, dim]. */
  forward(ids: Indices): Tensor {
    return gather(this.weight, ids, 0);
  }

  parameters(): Tensor[] {
    return [this.weight];
  }

  namedParameters(): [string, Tensor][] {
    return [['weight', this.weight]];
  }

  dispose(): void {
    this.weight.dispose();
  }
}

/** The sinusoidal encoding: a [length, dim] table with
 * PE[p, 2i] = sin(p/10000^(2i/dim)) and PE[p, 2i+1] = cos(p/10000^(2i/dim)).
 * Each pair of columns turns at its own frequency, so any fixed offset is a
 * rotation: a linear function of the encoding. */
export function sinusoidalPositions(length: number, dim: number, backend: Backend = getBackend()): Tensor {
  const pe = new Float32Array(length * dim);
  for (let p = 0; p < length; p++) {
    for (let i = 0; i < dim; i += 2) {
      const angle = p / Math.pow(10000, i / dim);
      pe[p * dim + i] = Math.sin(angle);
      if (i + 1 < dim) pe[p * dim + i + 1] = Math.cos(angle);
    }
  }
  return tensor(pe, [length, dim], backend);
}

export type PositionalKind = 'learned' | 'sinusoidal';

/** Position vectors for positions 0…length−1, added to token embeddings.
 * 'learned' trains a [context, dim] table; 'sinusoidal' has no parameters. */
export class PositionalEmbedding implements Module {
  readonly weight: Tensor | null;

  constructor(
    readonly kind: PositionalKind,
    readonly context: number,
    readonly dim: number,
    options: EmbeddingOptions,
  ) {
    this.weight = kind === 'learned' ? parameter(randn([context, dim], options.rng, { std: options.std ?? 1 })) : null;
  }

  /** [length, dim] for the first `length` positions. */
  forward(length: number): Tensor {
    if (length > this.context) throw new Error(`PositionalEmbedding: ${length} positions, context is ${this.context}`);
    return this.weight ? slice(this.weight, [0, 0], [length, this.dim]) : sinusoidalPositions(length, this.dim);
  }

  parameters(): Tensor[] {
    return this.weight ? [this.weight] : [];
  }

  namedParameters(): [string, Tensor][] {
    return this.weight ? [['weight', this.weight]] : [];
  }

  dispose(): void {
    this.weight?.dispose();
  }
}
