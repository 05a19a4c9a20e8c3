/**
 * A small CNN and an MLP of about the same size, trained side by side in the
 * worker on the same minibatches of the Fashion-MNIST subset, with Adam:
 *
 *   CNN  28×28×1 → conv 3×3, 8 → ReLU → max-pool 2 → conv 3×3, 16 → ReLU
 *        → max-pool 2 → flatten (7·7·16 = 784) → linear → 10 logits  (9,098 weights)
 *   MLP  784 → 11 → ReLU → 10 logits                               (8,755 weights)
 *
 * Both see the same pixels: optionally shifted at random during training
 * (augmentation) and optionally scrambled by one fixed permutation, which
 * changes nothing for the MLP (its first layer has no notion of
 * neighbouring pixels) and takes away what the CNN's locality assumed.
 * (The MLP starts from the same function either way: see below.)
 * Every EVAL_EVERY steps both are tested on the 2,000 test images.
 */
import {
  accuracy,
  Adam,
  argmax,
  backward,
  CNN,
  loadParameters,
  MLP,
  Minibatches,
  noGrad,
  parameterCount,
  Rng,
  scope,
  snapshotParameters,
  softmax,
  softmaxCrossEntropy,
  tensor,
  type FashionMnist,
  type Tensor,
} from '@/engine';
import { DATA_SETS } from '@/workers/datasets';
import { defineModel } from '@/workers/model';
import { PIXEL_ORDER, PIXELS, permuteAll, shiftAll, shiftInto, SIDE, toUnit } from './images';

export const CNN_CHANNELS = [8, 16] as const;
export const MLP_HIDDEN = 11;
export const CLASSES = 10;
/** Steps between two tests on the held-out images. */
export const EVAL_EVERY = 200;
/** Training losses are averaged over this many steps per point of the curve. */
export const LOSS_EVERY = 20;
/** Largest random shift, in pixels either way, when augmenting. */
export const AUGMENT_SHIFT = 2;

export interface CnnTrainerConfig {
  lr: number;
  batch: number;
  /** Train and test on images whose pixels are scrambled by one fixed permutation. */
  permute: boolean;
  /** Shift each training image by up to AUGMENT_SHIFT pixels at random. */
  augment: boolean;
  /** Also test on the test images shifted right and down by this many pixels. */
  shift: number;
  /** Which test image's feature maps and probabilities the frame carries (an index into the probe images). */
  probe: number;
  maxSteps: number;
}

/** Probe images per class: the first PROBES_PER_CLASS test images of each class, ordered by class (the page's samples). */
export const PROBES_PER_CLASS = 2;

/** The probe images, as unit floats, one after another: class 0's, then class 1's … */
export function probeImages(test: FashionMnist['test']): Float32Array {
  const out = new Float32Array(CLASSES * PROBES_PER_CLASS * PIXELS);
  const found = new Array<number>(CLASSES).fill(0);
  for (let i = 0; i < test.n; i++) {
    const k = test.labels[i];
    if (found[k] === PROBES_PER_CLASS) continue;
    out.set(toUnit(test.images.subarray(i * PIXELS, (i + 1) * PIXELS)), (k * PROBES_PER_CLASS + found[k]++) * PIXELS);
  }
  return out;
}

export interface ModelReading {
  /** Test accuracy at each evaluation step. */
  accuracy: Float32Array;
  /** The training loss, averaged over LOSS_EVERY steps. */
  loss: Float32Array;
  /** Confusion counts on the test images at the last evaluation: row = true class, column = predicted. */
  confusion: Float32Array;
  /** Accuracy on the test images shifted by `shift` pixels (the plain accuracy when shift is 0). */
  shiftedAccuracy: number;
  /** Class probabilities for the probe image. */
  probeProbs: Float32Array;
}

export interface CnnTrainerFrame {
  /** The steps at which the accuracies were measured (0, EVAL_EVERY, …). */
  evalSteps: Float32Array;
  cnn: ModelReading;
  mlp: ModelReading;
  shift: number;
  /** The first layer's filters, [3, 3, 1, 8] (HWIO): filter k's weight (r, c) is at (3r + c)·8 + k. */
  filters: Float32Array;
  /** The probe image as the models see it (permuted or not), 28×28. */
  probeImage: Float32Array;
  /** The probe's feature maps after each block (ReLU and pooling): 14×14×8, then 7×7×16, channels last. */
  maps1: Float32Array;
  maps2: Float32Array;
  parameters: { cnn: number; mlp: number };
}

export interface Prediction {
  cnn: Float32Array;
  mlp: Float32Array;
  maps1: Float32Array;
  maps2: Float32Array;
}

const EVAL_CHUNK = 500;

/** Argmax predictions and accuracy of a model over a whole image set, EVAL_CHUNK images at a time. */
function predictAll(forward: (x: Tensor) => Tensor, images: Float32Array, shape: (n: number) => number[]): Int32Array {
  const n = images.length / PIXELS;
  const out = new Int32Array(n);
  noGrad(() => {
    for (let at = 0; at < n; at += EVAL_CHUNK) {
      const m = Math.min(EVAL_CHUNK, n - at);
      scope(() => out.set(argmax(forward(tensor(images.subarray(at * PIXELS, (at + m) * PIXELS), shape(m)))), at));
    }
  });
  return out;
}

function confusionOf(predicted: Int32Array, labels: Int32Array): Float32Array {
  const m = new Float32Array(CLASSES * CLASSES);
  for (let i = 0; i < labels.length; i++) m[labels[i] * CLASSES + predicted[i]]++;
  return m;
}

function fractionRight(predicted: Int32Array, labels: Int32Array): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) right++;
  return labels.length ? right / labels.length : 0;
}

/** The run, given the data (the worker loads it; unit tests pass it in). */
export function buildCnnTrainer(config: CnnTrainerConfig, seed: number, data: FashionMnist) {
  const rng = new Rng(seed);
  const cnn = new CNN({ inChannels: 1, channels: CNN_CHANNELS, classes: CLASSES, rng, head: 'flatten', inputSize: SIDE });
  const mlp = new MLP({ sizes: [PIXELS, MLP_HIDDEN, CLASSES], rng, activation: 'relu' });
  // With scrambled pixels, give the MLP's first layer the same weights, scrambled the same way:
  // W'[j, i] = W[j, order[i]], so W'x' = Wx for every image and the MLP computes exactly the
  // function it computed before, step after step (up to the order of float additions).
  if (config.permute) {
    const weights = snapshotParameters(mlp);
    const w = weights['layers.0.weight'];
    const scrambled = new Float32Array(w.length);
    for (let j = 0; j < MLP_HIDDEN; j++) for (let i = 0; i < PIXELS; i++) scrambled[j * PIXELS + i] = w[j * PIXELS + PIXEL_ORDER[i]];
    loadParameters(mlp, { ...weights, 'layers.0.weight': scrambled });
  }
  const optimizers = [new Adam(cnn.parameters(), { lr: config.lr }), new Adam(mlp.parameters(), { lr: config.lr })];
  const scramble = (images: Float32Array) => (config.permute ? permuteAll(images, PIXEL_ORDER) : images);
  const trainX = scramble(toUnit(data.train.images));
  const trainY = Int32Array.from(data.train.labels);
  const testPlain = toUnit(data.test.images);
  const testX = scramble(testPlain);
  const testY = Int32Array.from(data.test.labels);
  const probes = scramble(probeImages(data.test));
  const probeCount = probes.length / PIXELS;
  const batches = new Minibatches(data.train.n, config.batch, new Rng(seed + 1));
  const augmentRng = new Rng(seed + 2);
  const cnnShape = (n: number) => [n, SIDE, SIDE, 1];
  const mlpShape = (n: number) => [n, PIXELS];

  let shift = config.shift;
  let shifted: { by: number; images: Float32Array } | null = null;
  /** The test images shifted right and down by `shift` (then scrambled like the rest), made once per shift. */
  const shiftedTest = () => {
    if (shift === 0) return testX;
    if (shifted?.by !== shift) shifted = { by: shift, images: scramble(shiftAll(testPlain, shift, shift)) };
    return shifted.images;
  };

  const evalSteps: number[] = [];
  const readings = {
    cnn: { accuracy: [] as number[], loss: [] as number[], confusion: new Float32Array(CLASSES * CLASSES) as Float32Array, shiftedAccuracy: 0 },
    mlp: { accuracy: [] as number[], loss: [] as number[], confusion: new Float32Array(CLASSES * CLASSES) as Float32Array, shiftedAccuracy: 0 },
  };
  const lossSums = { cnn: 0, mlp: 0, count: 0 };
  const models = { cnn: { forward: (x: Tensor) => cnn.forward(x), shape: cnnShape }, mlp: { forward: (x: Tensor) => mlp.forward(x), shape: mlpShape } };

  let steps = 0;
  const evaluate = () => {
    evalSteps.push(steps);
    for (const name of ['cnn', 'mlp'] as const) {
      const { forward, shape } = models[name];
      const predicted = predictAll(forward, testX, shape);
      const r = readings[name];
      r.accuracy.push(fractionRight(predicted, testY));
      r.confusion = confusionOf(predicted, testY);
      r.shiftedAccuracy = shift === 0 ? r.accuracy[r.accuracy.length - 1] : fractionRight(predictAll(forward, shiftedTest(), shape), testY);
    }
  };
  /** Just the shifted accuracies (the shift changed mid-run). */
  const remeasureShift = () => {
    for (const name of ['cnn', 'mlp'] as const) {
      const r = readings[name];
      r.shiftedAccuracy = shift === 0 ? (r.accuracy.at(-1) ?? 0) : fractionRight(predictAll(models[name].forward, shiftedTest(), models[name].shape), testY);
    }
  };

  /** One minibatch's images, each shifted at random when augmenting. */
  const batchImages = (idx: Int32Array): Float32Array => {
    const x = new Float32Array(idx.length * PIXELS);
    for (let i = 0; i < idx.length; i++) {
      if (!config.augment) {
        x.set(trainX.subarray(idx[i] * PIXELS, (idx[i] + 1) * PIXELS), i * PIXELS);
        continue;
      }
      const dx = augmentRng.int(2 * AUGMENT_SHIFT + 1) - AUGMENT_SHIFT;
      const dy = augmentRng.int(2 * AUGMENT_SHIFT + 1) - AUGMENT_SHIFT;
      // Shift the unscrambled picture, then scramble it: augmentation moves the garment, not the pixel order.
      if (config.permute) {
        const plain = new Float32Array(PIXELS);
        const original = toUnit(data.train.images.subarray(idx[i] * PIXELS, (idx[i] + 1) * PIXELS));
        shiftInto(original, 0, dx, dy, plain, 0);
        x.set(permuteAll(plain), i * PIXELS);
      } else shiftInto(trainX, idx[i] * PIXELS, dx, dy, x, i * PIXELS);
    }
    return x;
  };

  /** Probabilities and feature maps of one image (as the models see it). */
  const look = (image: Float32Array): Prediction =>
    noGrad(() =>
      scope(() => {
        const { logits, features } = cnn.forward(tensor(image, cnnShape(1)), { features: true });
        return {
          cnn: softmax(logits, 1).toArray() as Float32Array,
          mlp: softmax(mlp.forward(tensor(image, mlpShape(1))), 1).toArray() as Float32Array,
          maps1: features[0].toArray() as Float32Array,
          maps2: features[1].toArray() as Float32Array,
        };
      }),
    );

  let probe = Math.min(Math.max(0, config.probe), probeCount - 1);
  const probeImage = () => probes.slice(probe * PIXELS, (probe + 1) * PIXELS);

  evaluate();

  return {
    maxSteps: config.maxSteps,
    step(): number {
      const idx = batches.next();
      const labels = Int32Array.from(idx, (i) => trainY[i]);
      const x = batchImages(idx);
      const [cnnLoss, mlpLoss] = scope(() =>
        (['cnn', 'mlp'] as const).map((name, k) => {
          optimizers[k].zeroGrad();
          const loss = softmaxCrossEntropy(models[name].forward(tensor(x, models[name].shape(idx.length))), labels);
          backward(loss);
          optimizers[k].step();
          return loss.item();
        }),
      );
      steps++;
      lossSums.cnn += cnnLoss;
      lossSums.mlp += mlpLoss;
      if (++lossSums.count === LOSS_EVERY) {
        readings.cnn.loss.push(lossSums.cnn / LOSS_EVERY);
        readings.mlp.loss.push(lossSums.mlp / LOSS_EVERY);
        lossSums.cnn = lossSums.mlp = lossSums.count = 0;
      }
      if (steps % EVAL_EVERY === 0) evaluate();
      return cnnLoss;
    },
    epoch: () => batches.epoch,
    snapshot(): CnnTrainerFrame {
      const image = probeImage();
      const seen = look(image);
      const reading = (name: 'cnn' | 'mlp'): ModelReading => ({
        accuracy: new Float32Array(readings[name].accuracy),
        loss: new Float32Array(readings[name].loss),
        confusion: readings[name].confusion.slice(),
        shiftedAccuracy: readings[name].shiftedAccuracy,
        probeProbs: seen[name],
      });
      return {
        evalSteps: new Float32Array(evalSteps),
        cnn: reading('cnn'),
        mlp: reading('mlp'),
        shift,
        filters: cnn.convs[0].weight.toArray() as Float32Array,
        probeImage: image,
        maps1: seen.maps1,
        maps2: seen.maps2,
        parameters: { cnn: parameterCount(cnn), mlp: parameterCount(mlp) },
      };
    },
    live: {
      lr: (lr: number) => optimizers.forEach((o) => (o.lr = lr)),
      shift: (by: number) => {
        shift = by;
        remeasureShift();
      },
      probe: (index: number) => (probe = Math.min(Math.max(0, index), probeCount - 1)),
    },
    queries: {
      /** Both models' probabilities and the CNN's feature maps for an image the reader drew (unit floats, 28×28, unscrambled). */
      predict({ pixels }: { pixels: Float32Array }): Prediction {
        if (pixels.length !== PIXELS) throw new Error(`predict: an image is ${PIXELS} pixels, not ${pixels.length}`);
        return look(config.permute ? permuteAll(pixels) : pixels);
      },
    },
    dispose() {
      cnn.dispose();
      mlp.dispose();
      optimizers.forEach((o) => o.dispose());
    },
  };
}

export default defineModel({
  kind: 'cnn-trainer',
  async build(config: CnnTrainerConfig, seed: number) {
    return buildCnnTrainer(config, seed, await DATA_SETS['fashion-mnist'].load());
  },
});
