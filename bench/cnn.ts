// The book's small CNN on the 4-class shapes: 16×16 grey images, three
// blocks of 3×3 'same' convolution + ReLU + 2×2 max pooling (8, 16, 32
// channels), global average pooling and a linear head; batch 32, one fixed
// batch, SGD. The same network in TensorFlow.js ops for its contenders.
// tfjs-wasm has no Conv2DBackpropFilter kernel, so it cannot train this
// network: it is left out (the run says so), not given a zero.
import * as tf from '@tensorflow/tfjs';
import { CNN, Rng, setBackend, shapeImages, softmaxCrossEntropy, tensor, type Backend } from '../engine';
import { engineSgdContender, useTf, type EngineName, type TfName } from './contenders';
import type { Contender } from './harness';

export const SMALL_CNN = { size: 16, channels: [8, 16, 32], batch: 32, lr: 0.05 };

function fixedBatch() {
  const { size, batch } = SMALL_CNN;
  const data = shapeImages({ n: batch, size, seed: 1 });
  return { x: data.x, y: data.y, classes: data.classes };
}

export function engineCnnTraining(name: EngineName, backend: Backend): Contender {
  setBackend(backend);
  const { size, channels, batch, lr } = SMALL_CNN;
  const b = fixedBatch();
  const model = new CNN({ inChannels: 1, channels, classes: b.classes, rng: new Rng(1) });
  const x = tensor(b.x, [batch, size, size, 1]);
  return engineSgdContender(name, backend, model, x, lr, () => softmaxCrossEntropy(model.forward(x), b.y));
}

/** The tfjs contender, or null when this backend cannot train the network. */
export function tfCnnTraining(name: TfName): Contender | null {
  useTf(name);
  const { size, channels, batch, lr } = SMALL_CNN;
  const b = fixedBatch();
  const variables: tf.Variable[] = [];
  const v = (t: tf.Tensor) => {
    const variable = tf.variable(t);
    variables.push(variable);
    return variable;
  };
  const convs = channels.map((out, i) => {
    const inC = i === 0 ? 1 : channels[i - 1];
    return { w: v(tf.randomNormal([3, 3, inC, out], 0, Math.sqrt(2 / (9 * inC)))), b: v(tf.zeros([out])) };
  });
  const head = { w: v(tf.randomNormal([channels[channels.length - 1], b.classes], 0, 0.1)), b: v(tf.zeros([b.classes])) };
  const x = tf.tensor4d(b.x, [batch, size, size, 1]);
  const labels = tf.oneHot(tf.tensor1d(Array.from(b.y), 'int32'), b.classes);
  const optimizer = tf.train.sgd(lr);
  const loss = () => {
    let h: tf.Tensor4D = x;
    for (const c of convs) {
      h = tf.relu(tf.add(tf.conv2d(h, c.w as tf.Tensor4D, 1, 'same'), c.b)) as tf.Tensor4D;
      h = tf.maxPool(h, 2, 2, 'same');
    }
    const pooled = tf.mean(h, [1, 2]);
    return tf.losses.softmaxCrossEntropy(labels, tf.add(tf.matMul(pooled, head.w), head.b)) as tf.Scalar;
  };
  const dispose = () => {
    useTf(name);
    for (const variable of variables) variable.dispose();
    x.dispose();
    labels.dispose();
    optimizer.dispose();
  };
  try {
    tf.tidy(() => void optimizer.minimize(loss));
  } catch (error) {
    process.stderr.write(`cnn: ${name} left out (${(error as Error).message.split('\n')[0]})\n`);
    dispose();
    return null;
  }
  return {
    name,
    run() {
      useTf(name);
      tf.tidy(() => void optimizer.minimize(loss));
    },
    dispose,
  };
}
