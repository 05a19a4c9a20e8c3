// The tiny transformer as a character-level language model of first names,
// against the bigram baseline on the same split: the recipe shared by the
// models-learn test and the report.

import { firstNames } from '../data/names';
import { Minibatches } from '../data/minibatch';
import { nextTokenBatch } from '../data/text';
import { softmaxCrossEntropy } from '../losses';
import { BigramModel } from '../nn/bigram';
import { generate } from '../nn/sample';
import { Transformer } from '../nn/transformer';
import { reshape } from '../ops/movement';
import { Adam } from '../optim';
import { Rng } from '../random';
import { backward, noGrad, scope } from '../tape';
import { tensor } from '../tensor';

export interface NamesRunOptions {
  dModel?: number;
  heads?: number;
  layers?: number;
  /** MLP width as a multiple of d_model (default 2). */
  mlpRatio?: number;
  /** Longest input: 16 fits every name (15 letters) after the start token. */
  context?: number;
  batch?: number;
  lr?: number;
  seed?: number;
  /** Seed of the train/validation split. */
  splitSeed?: number;
}

/** Smoothing values tried for the bigram; the best on validation is kept,
 * the most favourable choice for the baseline. */
const BIGRAM_SMOOTHING = [1, 0.3, 0.1, 0.03, 0.01];

export function namesRun(options: NamesRunOptions = {}) {
  const { dModel = 32, heads = 4, layers = 1, mlpRatio = 2, context = 16, batch = 16, lr = 0.004, seed = 1, splitSeed = 1 } = options;
  const data = firstNames({ seed: splitSeed });
  const tok = data.tokenizer;
  const train = data.train.map((n) => tok.encode(n));
  const validation = data.validation.map((n) => tok.encode(n));
  const bigram = BIGRAM_SMOOTHING.map((alpha) => ({ alpha, loss: new BigramModel(tok.vocabSize, train, alpha).loss(validation) })).sort((a, b) => a.loss - b.loss)[0];

  const model = new Transformer({ vocabSize: tok.vocabSize, context, dModel, heads, layers, mlpRatio, rng: new Rng(seed) });
  const opt = new Adam(model.parameters(), { lr });
  const batches = new Minibatches(train.length, batch, new Rng(seed + 1));
  // Each batch is as long as its longest name: less padding to compute.
  const batchOf = (seqs: number[][], idx: ArrayLike<number>) => {
    let longest = 1;
    for (let i = 0; i < idx.length; i++) longest = Math.max(longest, seqs[idx[i]].length - 1);
    return nextTokenBatch(seqs, idx, Math.min(context, longest), tok.endId);
  };
  const lossOf = (b: ReturnType<typeof batchOf>, reduction: 'mean' | 'sum') => {
    const logits = model.forward(tensor(b.inputs, [b.batch, b.context]));
    return softmaxCrossEntropy(reshape(logits, [b.batch * b.context, tok.vocabSize]), b.targets, { ignoreIndex: -1, reduction });
  };

  const step = () => {
    const b = batchOf(train, batches.next());
    return scope(() => {
      opt.zeroGrad();
      const loss = lossOf(b, 'mean');
      backward(loss);
      opt.step();
      return loss.item();
    });
  };

  /** Mean cross-entropy per token (nats) over every validation name,
   * its end token included: the quantity bigramLoss measures. */
  const validationLoss = () =>
    noGrad(() => {
      let total = 0;
      let count = 0;
      for (let start = 0; start < validation.length; start += 256) {
        const idx = Array.from({ length: Math.min(256, validation.length - start) }, (_, i) => start + i);
        const b = batchOf(validation, idx);
        total += scope(() => lossOf(b, 'sum').item());
        count += b.targets.filter((y) => y >= 0).length;
      }
      return total / count;
    });

  /** New names, sampled one character at a time from the start token. */
  const sample = (count: number, options: { temperature?: number; topK?: number; rng: Rng }) =>
    Array.from({ length: count }, () => tok.decode(generate(model, [tok.startId], { ...options, maxNewTokens: context, stopToken: tok.endId })));

  const dispose = () => {
    model.dispose();
    opt.dispose();
  };
  return { step, validationLoss, bigramLoss: bigram.loss, bigramSmoothing: bigram.alpha, sample, model, data, dispose };
}
