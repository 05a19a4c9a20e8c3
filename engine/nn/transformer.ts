// A pre-norm transformer block and a tiny decoder-only transformer (the
// GPT shape): token + position embeddings, blocks, a final layer norm and a
// linear head over the vocabulary. Composed from primitives.

import { add } from '../ops/binary';
import { noGrad, scope } from '../tape';
import type { Rng } from '../random';
import { Tensor, tensor } from '../tensor';
import { type ActivationName, activations } from './activations';
import { MultiHeadAttention } from './attention';
import { dropout } from './dropout';
import { Embedding, PositionalEmbedding, type PositionalKind } from './embedding';
import { Linear } from './linear';
import { type Module, prefixed } from './module';
import { LayerNorm } from './norm';

export interface TransformerBlockOptions {
  dModel: number;
  heads: number;
  rng: Rng;
  /** Hidden width of the MLP as a multiple of d_model (default 4). */
  mlpRatio?: number;
  /** Between the MLP's two layers (default gelu). */
  activation?: ActivationName;
  /** Dropout rate on each residual branch and on attention weights while
   * training (default 0). */
  dropout?: number;
}

export interface BlockForwardOptions {
  /** Causal self-attention (default true: a decoder). */
  causal?: boolean;
  /** Dropout on (default false: evaluation). */
  training?: boolean;
}

/** x + attention(LN(x)), then + MLP(LN(·)): the pre-norm block (GPT-2). */
export class TransformerBlock implements Module {
  readonly norm1: LayerNorm;
  readonly attention: MultiHeadAttention;
  readonly norm2: LayerNorm;
  readonly fc1: Linear;
  readonly fc2: Linear;
  readonly activation: ActivationName;
  readonly dropout: number;
  private readonly rng: Rng;

  constructor(options: TransformerBlockOptions) {
    const { dModel, heads, rng, mlpRatio = 4 } = options;
    this.activation = options.activation ?? 'gelu';
    this.dropout = options.dropout ?? 0;
    this.norm1 = new LayerNorm(dModel);
    this.attention = new MultiHeadAttention({ dModel, heads, rng });
    this.norm2 = new LayerNorm(dModel);
    this.fc1 = new Linear(dModel, dModel * mlpRatio, { rng, init: 'heUniform' });
    this.fc2 = new Linear(dModel * mlpRatio, dModel, { rng });
    this.rng = rng.fork();
  }

  /** x [B, T, D] → output [B, T, D] and attention weights [B, H, T, T]. */
  forward(x: Tensor, options: BlockForwardOptions = {}): { output: Tensor; weights: Tensor } {
    const { causal = true, training = false } = options;
    const drop = (t: Tensor) => dropout(t, { p: this.dropout, rng: this.rng, training });
    const attended = this.attention.forward(this.norm1.forward(x), {
      causal,
      dropout: training && this.dropout > 0 ? { p: this.dropout, rng: this.rng, training } : undefined,
    });
    const h = add(x, drop(attended.output));
    const mlp = this.fc2.forward(activations[this.activation](this.fc1.forward(this.norm2.forward(h))));
    return { output: add(h, drop(mlp)), weights: attended.weights };
  }

  private children(): [string, Module & { dispose(): void }][] {
    return [['norm1', this.norm1], ['attention', this.attention], ['norm2', this.norm2], ['fc1', this.fc1], ['fc2', this.fc2]];
  }

  parameters(): Tensor[] {
    return this.children().flatMap(([, m]) => m.parameters());
  }

  namedParameters(): [string, Tensor][] {
    return this.children().flatMap(([name, m]) => prefixed(name, m));
  }

  dispose(): void {
    for (const [, m] of this.children()) m.dispose();
  }
}

export interface TransformerOptions {
  vocabSize: number;
  /** Longest input, in tokens. */
  context: number;
  dModel: number;
  heads: number;
  layers: number;
  rng: Rng;
  mlpRatio?: number;
  activation?: ActivationName;
  dropout?: number;
  /** Default 'learned'. 'none' adds no position vectors: the model then sees
   * a set of tokens, and (without the mask) any reordering of the input
   * reorders its outputs the same way. */
  positional?: PositionalKind | 'none';
  /** Each position attends only to itself and earlier ones (default true: a
   * decoder). Without the mask, position i sees the token it must predict. */
  causal?: boolean;
}

export interface TransformerForwardOptions {
  training?: boolean;
}

/** A decoder-only transformer: logits for the next token at every position.
 * Token ids go in as a [B, T] tensor (or a flat array of T ids for B = 1). */
export class Transformer implements Module {
  readonly tokens: Embedding;
  /** null with positional 'none'. */
  readonly positions: PositionalEmbedding | null;
  /** Settable: the lab measures a model trained without the mask as it must generate, with it. */
  causal: boolean;
  readonly blocks: TransformerBlock[];
  readonly norm: LayerNorm;
  readonly head: Linear;
  readonly vocabSize: number;
  readonly context: number;
  readonly dropout: number;
  private readonly rng: Rng;

  constructor(options: TransformerOptions) {
    const { vocabSize, context, dModel, heads, layers, rng } = options;
    this.vocabSize = vocabSize;
    this.context = context;
    this.dropout = options.dropout ?? 0;
    // Small initial embeddings (GPT-2 uses std 0.02): the residual stream
    // starts near zero and each block's contribution is comparable.
    this.tokens = new Embedding(vocabSize, dModel, { rng, std: 0.1 });
    const positional = options.positional ?? 'learned';
    this.positions = positional === 'none' ? null : new PositionalEmbedding(positional, context, dModel, { rng, std: 0.1 });
    this.causal = options.causal ?? true;
    this.blocks = Array.from(
      { length: layers },
      () => new TransformerBlock({ dModel, heads, rng, mlpRatio: options.mlpRatio, activation: options.activation, dropout: this.dropout }),
    );
    this.norm = new LayerNorm(dModel);
    this.head = new Linear(dModel, vocabSize, { rng });
    this.rng = rng.fork();
  }

  /** ids [B, T] → logits [B, T, vocab]. With { attention: true }, also the
   * attention weights of every layer, each [B, heads, T, T]. */
  forward(ids: Tensor | ArrayLike<number>, options?: TransformerForwardOptions): Tensor;
  forward(ids: Tensor | ArrayLike<number>, options: TransformerForwardOptions & { attention: true }): { logits: Tensor; attention: Tensor[] };
  forward(ids: Tensor | ArrayLike<number>, options: TransformerForwardOptions & { attention?: boolean } = {}): Tensor | { logits: Tensor; attention: Tensor[] } {
    const batch = ids instanceof Tensor ? ids : tensor(ids, [1, ids.length], this.head.weight.backend);
    if (batch.ndim !== 2) throw new Error(`Transformer: ids must be [batch, time], got ${batch.ndim} axes`);
    const training = options.training ?? false;
    if (batch.shape[1] > this.context) throw new Error(`Transformer: ${batch.shape[1]} tokens, context is ${this.context}`);
    const embedded = this.tokens.forward(batch);
    let x = this.positions ? add(embedded, this.positions.forward(batch.shape[1])) : embedded;
    x = dropout(x, { p: this.dropout, rng: this.rng, training });
    const attention: Tensor[] = [];
    for (const block of this.blocks) {
      const { output, weights } = block.forward(x, { causal: this.causal, training });
      attention.push(weights);
      x = output;
    }
    const logits = this.head.forward(this.norm.forward(x));
    return options.attention ? { logits, attention } : logits;
  }

  /** The attention weights for one sequence, as plain arrays to post or
   * draw: maps[layer][head] is a T×T row-major Float32Array whose row i
   * holds how much position i attends to each position. */
  attentionMaps(ids: ArrayLike<number>): Float32Array[][] {
    const t = ids.length;
    return noGrad(() =>
      scope(() => {
        const { attention } = this.forward(ids, { attention: true });
        return attention.map((w) => {
          const all = w.toArray();
          return Array.from({ length: w.shape[1] }, (_, h) => all.slice(h * t * t, (h + 1) * t * t));
        });
      }),
    );
  }

  private children(): [string, Module & { dispose(): void }][] {
    return [['tokens', this.tokens], ...(this.positions ? [['positions', this.positions] as [string, PositionalEmbedding]] : []), ...this.blocks.map((b, i): [string, TransformerBlock] => [`blocks.${i}`, b]), ['norm', this.norm], ['head', this.head]];
  }

  parameters(): Tensor[] {
    return this.children().flatMap(([, m]) => m.parameters());
  }

  namedParameters(): [string, Tensor][] {
    return this.children().flatMap(([name, m]) => prefixed(name, m));
  }

  dispose(): void {
    for (const [, m] of this.children()) m.dispose();
  }
}
