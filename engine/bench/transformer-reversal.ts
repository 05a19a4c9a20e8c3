// The tiny transformer on sequence reversal (or sort, copy): the recipe
// shared by the models-learn test, the benchmark and the report.

import { type SequenceSplit, type SequenceTaskKind, sequenceTask } from '../data/sequences';
import { Minibatches, takeRows } from '../data/minibatch';
import { softmaxCrossEntropy } from '../losses';
import { argmax } from '../metrics';
import { reshape } from '../ops/movement';
import { Transformer } from '../nn/transformer';
import { Adam } from '../optim';
import { Rng } from '../random';
import { backward, noGrad, scope } from '../tape';
import { tensor } from '../tensor';

export interface SequenceRunOptions {
  kind?: SequenceTaskKind;
  length?: number;
  alphabet?: number;
  trainSize?: number;
  testSize?: number;
  dModel?: number;
  heads?: number;
  layers?: number;
  /** MLP width as a multiple of d_model (default 2). */
  mlpRatio?: number;
  batch?: number;
  lr?: number;
  seed?: number;
}

export function sequenceRun(options: SequenceRunOptions = {}) {
  const { kind = 'reverse', length = 6, alphabet = 8, trainSize = 4000, testSize = 200, dModel = 32, heads = 4, layers = 2, mlpRatio = 2, batch = 32, lr = 0.003, seed = 1 } = options;
  const task = sequenceTask(kind, { length, alphabet, train: trainSize, test: testSize, seed });
  const t = task.sequenceLength;
  const model = new Transformer({ vocabSize: task.vocabSize, context: t, dModel, heads, layers, mlpRatio, rng: new Rng(seed) });
  const opt = new Adam(model.parameters(), { lr });
  const batches = new Minibatches(task.train.n, batch, new Rng(seed + 1));

  const step = () => {
    const idx = batches.next();
    return scope(() => {
      opt.zeroGrad();
      const logits = model.forward(tensor(takeRows(task.train.inputs, t, idx), [idx.length, t]));
      const loss = softmaxCrossEntropy(reshape(logits, [idx.length * t, task.vocabSize]), takeRows(task.train.targets, t, idx), { ignoreIndex: -1 });
      backward(loss);
      opt.step();
      return loss.item();
    });
  };

  /** Fraction of answer tokens predicted right when every earlier answer
   * token is given (teacher forcing). */
  const tokenAccuracy = (split: SequenceSplit = task.test) =>
    noGrad(() =>
      scope(() => {
        const predicted = argmax(reshape(model.forward(tensor(split.inputs, [split.n, t])), [split.n * t, task.vocabSize]));
        let right = 0;
        let counted = 0;
        split.targets.forEach((y, i) => {
          if (y < 0) return;
          counted++;
          if (predicted[i] === y) right++;
        });
        return right / counted;
      }),
    );

  /** Fraction of answer tokens right when the model writes the whole answer
   * itself, greedily, from the source and separator alone. */
  const greedyAccuracy = (split: SequenceSplit = task.test) =>
    noGrad(() => {
      const n = split.n;
      const written = new Float32Array(n * (length + 1 + length));
      const w = 2 * length + 1;
      for (let i = 0; i < n; i++) {
        written.set(split.sources.subarray(i * length, (i + 1) * length), i * w);
        written[i * w + length] = task.separator;
      }
      for (let j = 0; j < length; j++) {
        const known = length + 1 + j; // tokens so far
        const prefix = new Float32Array(n * known);
        for (let i = 0; i < n; i++) prefix.set(written.subarray(i * w, i * w + known), i * known);
        const next = scope(() => {
          const logits = model.forward(tensor(prefix, [n, known]));
          return argmax(reshape(logits, [n * known, task.vocabSize]));
        });
        for (let i = 0; i < n; i++) written[i * w + known] = next[i * known + known - 1];
      }
      let right = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < length; j++) if (written[i * w + length + 1 + j] === split.targets[i * t + length + j]) right++;
      }
      return right / (n * length);
    });

  const dispose = () => {
    model.dispose();
    opt.dispose();
  };
  return { step, tokenAccuracy, greedyAccuracy, model, task, dispose };
}
