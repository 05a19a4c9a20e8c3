// The small CNN on the generated shapes: the training recipe that the
// models-learn test, the benchmark and the report share.

import { shapeImages } from '../data/shapes';
import { Minibatches, takeLabels, takeRows } from '../data/minibatch';
import { softmaxCrossEntropy } from '../losses';
import { accuracy } from '../metrics';
import { CNN } from '../nn/conv';
import { Adam } from '../optim';
import { Rng } from '../random';
import { backward, noGrad, scope } from '../tape';
import { keep, tensor } from '../tensor';

export interface CnnShapesOptions {
  trainSize?: number;
  testSize?: number;
  /** Image side (default 16). */
  size?: number;
  channels?: number[];
  batch?: number;
  lr?: number;
  seed?: number;
}

/** Builds data, model and optimizer; step() trains on one minibatch and
 * returns its loss; testAccuracy() evaluates on held-out images (drawn with
 * another seed). */
export function cnnShapesRun(options: CnnShapesOptions = {}) {
  const { trainSize = 2000, testSize = 400, size = 16, channels = [8, 16, 32], batch = 32, lr = 0.01, seed = 1 } = options;
  const train = shapeImages({ n: trainSize, size, seed });
  const test = shapeImages({ n: testSize, size, seed: seed + 1000 });
  const model = new CNN({ inChannels: 1, channels, classes: train.classes, rng: new Rng(seed) });
  const opt = new Adam(model.parameters(), { lr });
  const batches = new Minibatches(train.n, batch, new Rng(seed + 1));
  const pixels = size * size;
  const testX = keep(tensor(test.x, [test.n, size, size, 1]));

  const step = () => {
    const idx = batches.next();
    return scope(() => {
      opt.zeroGrad();
      const x = tensor(takeRows(train.x, pixels, idx), [idx.length, size, size, 1]);
      const loss = softmaxCrossEntropy(model.forward(x), takeLabels(train.y, idx));
      backward(loss);
      opt.step();
      return loss.item();
    });
  };
  const testAccuracy = () => noGrad(() => scope(() => accuracy(model.forward(testX), test.y)));
  const dispose = () => {
    model.dispose();
    opt.dispose();
    testX.dispose();
  };
  return { step, testAccuracy, model, dispose };
}
