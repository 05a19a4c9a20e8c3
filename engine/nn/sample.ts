// Sampling the next token from logits (temperature, top-k), and generating
// text with a language model one token at a time.

import type { Rng } from '../random';
import { noGrad, scope } from '../tape';
import type { Tensor } from '../tensor';

export interface SampleOptions {
  /** Divides the logits: below 1 sharpens, above 1 flattens; 0 picks the
   * most likely token (greedy). Default 1. */
  temperature?: number;
  /** Only the k most likely tokens can be drawn (default: all). */
  topK?: number;
  rng: Rng;
}

/** Draws an index from softmax(logits/T), restricted to the top k logits. */
export function sampleLogits(logits: ArrayLike<number>, options: SampleOptions): number {
  const { temperature = 1, topK = logits.length, rng } = options;
  if (!(temperature >= 0)) throw new Error(`sampleLogits: temperature must be ≥ 0, got ${temperature}`);
  const order = Array.from({ length: logits.length }, (_, i) => i).sort((a, b) => logits[b] - logits[a] || a - b);
  if (temperature === 0) return order[0];
  const kept = order.slice(0, Math.max(1, Math.min(topK, logits.length)));
  const top = logits[kept[0]];
  // softmax over the kept logits, shifted by the largest for stability
  const weights = kept.map((i) => Math.exp((logits[i] - top) / temperature));
  let u = rng.uniform() * weights.reduce((a, b) => a + b, 0);
  for (let j = 0; j < kept.length; j++) {
    u -= weights[j];
    if (u < 0) return kept[j];
  }
  return kept[kept.length - 1];
}

/** What generate() needs of a model: logits [1, T, vocab] for ids of one
 * sequence, and the longest input it takes. Transformer fits. */
export interface LanguageModel {
  readonly context: number;
  forward(ids: ArrayLike<number>): Tensor;
}

export interface GenerateOptions extends SampleOptions {
  maxNewTokens: number;
  /** Stop after producing this token (it is included in the result). */
  stopToken?: number;
}

/** Extends `prompt` by up to maxNewTokens sampled tokens, feeding the model
 * its last `context` tokens each time. Returns only the new tokens. */
export function generate(model: LanguageModel, prompt: readonly number[], options: GenerateOptions): number[] {
  const ids = [...prompt];
  const produced: number[] = [];
  for (let n = 0; n < options.maxNewTokens; n++) {
    const window = ids.slice(-model.context);
    const last = noGrad(() =>
      scope(() => {
        const logits = model.forward(window);
        const v = logits.shape[2];
        return logits.toArray().slice((window.length - 1) * v, window.length * v);
      }),
    );
    const next = sampleLogits(last, options);
    ids.push(next);
    produced.push(next);
    if (next === options.stopToken) break;
  }
  return produced;
}
