/**
 * The playground's run, in the worker: an MLP classifying 2-D points,
 * trained by minibatch SGD, momentum or Adam on the engine. Each step takes
 * one minibatch; snapshots carry the loss and accuracy history on the
 * training, validation and test sets, and, as often as the worker can
 * spare, the decision field, every hidden unit's field and the weights.
 */
import {
  Adam,
  backward,
  classification2d,
  keep,
  Minibatches,
  MLP,
  noGrad,
  accuracy,
  Rng,
  scope,
  SGD,
  snapshotParameters,
  takeLabels,
  takeRows,
  tensor,
  type Optimizer,
  type Tensor,
} from '@/engine';
import { defineModel } from '@/workers/model';
import { evaluateFields, evaluateUnit, fieldSize, macsPerPoint, thumbSize, unitFieldSize } from './fields';
import { DOMAIN, HISTORY_COLUMNS, HISTORY_STRIDE, type PlaygroundFrame } from './snapshot';
import { lossOf } from '@/components/widgets/shared/network/loss';
import { POINTS, type PlaygroundParams } from './schema';

/**
 * What a run needs: the parameters that shape data, network and training
 * (the seed travels in the spec), with the batch size as a number (0: the
 * whole training set) and λ of the L2 penalty λ Σ‖W‖² on the weight
 * matrices (each weight's gradient gains 2λW; biases none).
 */
export type PlaygroundConfig = Omit<PlaygroundParams, 'seed' | 'showTest' | 'discretize' | 'batch' | 'l2'> & { batch: number; l2: number };

export interface PlaygroundData {
  x: Float32Array;
  y: Int32Array;
  /**
   * Points [0, nTrain) are the training set, the next nValidation the
   * validation set, the rest the test set.
   */
  nTrain: number;
  nValidation: number;
  classes: number;
}

/**
 * The split of the POINTS points: the training share as set, and the points
 * held out from training halved, validation first (the odd point goes to the
 * test set). The data generator shuffles, so each part is a random sample.
 */
export function splitOf(trainPercent: number): { nTrain: number; nValidation: number; nTest: number } {
  const nTrain = Math.round((POINTS * trainPercent) / 100);
  const nValidation = Math.floor((POINTS - nTrain) / 2);
  return { nTrain, nValidation, nTest: POINTS - nTrain - nValidation };
}

/** Fields: the decision field plus the unit thumbnails, at most this share of the worker's time … */
const FIELD_SHARE = 0.25;
/** … and at most this often while playing (15 pictures a second read as motion). */
const FIELD_INTERVAL_MS = 66;
/** Loss and accuracy on the full training, validation and test sets, at most this share. */
const METRIC_SHARE = 0.15;
/** History rows kept: beyond this, every other row is dropped (the curve keeps its shape). */
const HISTORY_ROWS = 1500;

export { lossOf };

/**
 * The penalty λ Σ‖W‖² has gradient 2λW on each weight matrix and none on the
 * biases: the optimizers' L2 decay (g ← g + decay·θ) with decay = 2λ, the
 * biases excluded.
 */
export const decayOf = (l2: number) => 2 * l2;

function makeOptimizer(model: MLP, config: PlaygroundConfig): Optimizer {
  const params = model.parameters();
  const noDecay = model.layers.map((l) => l.bias).filter((b): b is Tensor => b != null);
  const weightDecay = decayOf(config.l2);
  switch (config.optimizer) {
    case 'sgd':
      return new SGD(params, { lr: config.lr, weightDecay, noDecay });
    case 'momentum':
      return new SGD(params, { lr: config.lr, momentum: config.momentum, weightDecay, noDecay });
    case 'adam':
      return new Adam(params, { lr: config.lr, weightDecay, noDecay });
  }
}

/** The data set of a configuration, split into training, validation and test points. */
export function dataOf(config: Pick<PlaygroundConfig, 'dataset' | 'classes' | 'noise' | 'dataSeed' | 'trainPercent'>): PlaygroundData {
  const data = classification2d(config.dataset, { n: POINTS, noise: config.noise, seed: config.dataSeed, classes: config.classes });
  const { nTrain, nValidation } = splitOf(config.trainPercent);
  return { x: data.x, y: data.y, nTrain, nValidation, classes: data.classes };
}

function buildPlaygroundRun(config: PlaygroundConfig, seed: number) {
  const data = dataOf(config);
  const { nTrain, nValidation, classes } = data;
  const nHeld = nTrain + nValidation;
  const nTest = POINTS - nHeld;
  const trainX = data.x.subarray(0, 2 * nTrain);
  const trainY = data.y.subarray(0, nTrain);
  const validationY = data.y.subarray(nTrain, nHeld);
  const testY = data.y.subarray(nHeld);
  const rng = new Rng(seed);
  const sizes = [2, ...config.widths, classes];
  const model = new MLP({ sizes, activation: config.activation, rng });
  const optimizer = makeOptimizer(model, config);
  const batchRng = rng.fork();
  const batchesOf = (b: number) => new Minibatches(nTrain, b > 0 ? Math.min(b, nTrain) : nTrain, batchRng);
  let batches = batchesOf(config.batch);
  let speed = config.speed;
  const allTrainX = keep(tensor(trainX, [nTrain, 2]));
  const allValidationX = keep(tensor(data.x.subarray(2 * nTrain, 2 * nHeld), [nValidation, 2]));
  const allTestX = keep(tensor(data.x.subarray(2 * nHeld), [nTest, 2]));
  // Grid sizes start from the network's cost and follow the measured time:
  // the fast kernels afford finer pictures than the reference ones.
  let fieldN = fieldSize(sizes);
  const thumbN = thumbSize(Math.max(0, ...config.widths));
  // Pictures of a network with thousands of edges cost the page more to draw: ten a second, not fifteen.
  const fieldInterval = macsPerPoint(sizes) > 2000 ? 100 : FIELD_INTERVAL_MS;
  let unitN = unitFieldSize(sizes);

  let steps = 0;
  let seen = 0;
  const history: number[] = [];
  let historyRows = 0;
  // When the costly parts were last computed, and what they cost (ms).
  const timing = { metricsAt: -Infinity, metricsCost: 0, fieldsAt: -Infinity, fieldsCost: 0, metricsStep: -1, fieldsStep: -1 };

  /** A history row (see HISTORY_COLUMNS): the data loss alone, without the penalty, on each set. */
  function measure(): void {
    const row = noGrad(() =>
      scope(() => {
        const train = model.forward(allTrainX);
        const validation = model.forward(allValidationX);
        const test = model.forward(allTestX);
        return [
          steps,
          lossOf(config.loss, train, trainY).item(),
          lossOf(config.loss, validation, validationY).item(),
          lossOf(config.loss, test, testY).item(),
          accuracy(train, trainY),
          accuracy(validation, validationY),
          accuracy(test, testY),
        ];
      }),
    );
    history.push(...row);
    historyRows++;
    if (historyRows > HISTORY_ROWS) thinHistory();
  }

  /** Keeps rows 0, 2, 4, … and the last one. */
  function thinHistory(): void {
    const kept: number[] = [];
    for (let r = 0; r < historyRows; r++) {
      if (r % 2 === 0 || r === historyRows - 1) kept.push(...history.slice(r * HISTORY_STRIDE, (r + 1) * HISTORY_STRIDE));
    }
    history.length = 0;
    history.push(...kept);
    historyRows = kept.length / HISTORY_STRIDE;
  }

  function weights(): Float32Array {
    const parts = model.layers.map((l) => l.weight.toArray());
    const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }

  /** The latest row's numbers by name (null before the first). */
  function metrics(): Record<Exclude<keyof typeof HISTORY_COLUMNS, 'step'>, number | null> {
    const row = history.slice(-HISTORY_STRIDE);
    const at = (c: number) => row[c] ?? null;
    const C = HISTORY_COLUMNS;
    return {
      trainLoss: at(C.trainLoss),
      validationLoss: at(C.validationLoss),
      testLoss: at(C.testLoss),
      trainAccuracy: at(C.trainAccuracy),
      validationAccuracy: at(C.validationAccuracy),
      testAccuracy: at(C.testAccuracy),
    };
  }

  return {
    stepsPerSecond: () => speed,
    step() {
      const loss = scope(() => {
        optimizer.zeroGrad();
        const idx = batches.next();
        const logits = model.forward(tensor(takeRows(trainX, 2, idx), [idx.length, 2]));
        const l = lossOf(config.loss, logits, takeLabels(trainY, idx));
        backward(l);
        optimizer.step();
        seen += idx.length;
        return l.item();
      });
      steps++;
      return loss;
    },
    epoch: () => Math.floor(seen / nTrain),
    snapshot(options?: { playing: boolean }): PlaygroundFrame {
      const playing = options?.playing ?? false;
      const now = performance.now();
      if (timing.metricsStep !== steps && (!playing || now - timing.metricsAt >= timing.metricsCost / METRIC_SHARE)) {
        measure();
        timing.metricsAt = now;
        timing.metricsCost = performance.now() - now;
        timing.metricsStep = steps;
      }
      let fields: PlaygroundFrame['fields'] = null;
      const start = performance.now();
      const fieldsDue = start - timing.fieldsAt >= Math.max(fieldInterval, timing.fieldsCost / FIELD_SHARE);
      if (timing.fieldsStep !== steps && (!playing || fieldsDue)) {
        const f = evaluateFields(model, fieldN, thumbN);
        fields = { step: steps, n: f.n, probs: f.probs, t: f.t, units: f.units, weights: weights() };
        timing.fieldsAt = start;
        timing.fieldsCost = performance.now() - start;
        timing.fieldsStep = steps;
        fieldN = refineGrid(fieldN, timing.fieldsCost, 32, 96, thumbN);
      }
      const m = metrics();
      const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
      return {
        history: Float32Array.from(history),
        trainLoss: finite(m.trainLoss),
        validationLoss: finite(m.validationLoss),
        testLoss: finite(m.testLoss),
        trainAccuracy: finite(m.trainAccuracy),
        validationAccuracy: finite(m.validationAccuracy),
        testAccuracy: finite(m.testAccuracy),
        fields,
      };
    },
    live: {
      lr: (lr: number) => (optimizer.lr = lr),
      // μ matters to SGD with momentum only; the other optimisers take it and ignore it.
      momentum: (mu: number) => {
        if (optimizer instanceof SGD && config.optimizer === 'momentum') optimizer.momentum = mu;
      },
      l2: (l2: number) => ((optimizer as SGD | Adam).weightDecay = decayOf(l2)),
      batch: (batch: number) => (batches = batchesOf(batch)),
      speed: (stepsPerSecond: number) => (speed = stepsPerSecond),
    },
    queries: {
      /** The data set, split: points [0, nTrain) train, the next nValidation validation, the rest test. */
      data: (): PlaygroundData => ({ ...data, x: data.x.slice(), y: data.y.slice() }),
      /** One hidden unit's field over the plane, at a resolution the worker can afford. */
      unit({ layer, unit }: { layer: number; unit: number }) {
        const start = performance.now();
        const out = { n: unitN, field: evaluateUnit(model, layer, unit, unitN) };
        unitN = refineGrid(unitN, performance.now() - start, 48, 128, 8);
        return out;
      },
      /** The trained network as JSON: architecture, settings and every parameter. */
      export: () => exportOf(),
    },
    dispose() {
      optimizer.dispose();
      model.dispose();
      allTrainX.dispose();
      allValidationX.dispose();
      allTestX.dispose();
    },
  };

  /** The trained network as plain JSON: architecture, settings, and every parameter as nested arrays. */
  function exportOf() {
    const params = snapshotParameters(model);
    return {
      format: 'looking-glass/playground-mlp@1',
      about: 'y = W x + b per layer (W is out × in, PyTorch layout); the activation follows every hidden layer; the output layer gives logits for softmax.',
      sizes,
      activation: config.activation,
      loss: config.loss === 'ce' ? 'softmax cross-entropy' : 'squared error of softmax probabilities',
      optimizer: { kind: config.optimizer, lr: optimizer.lr, l2: config.l2, momentum: config.optimizer === 'momentum' ? config.momentum : undefined },
      penalty: 'l2 · Σ‖W‖² over the weight matrices (biases not penalised); the metrics are the data loss without it',
      data: {
        dataset: config.dataset,
        classes,
        noise: config.noise,
        points: POINTS,
        trainPercent: config.trainPercent,
        split: { train: [0, nTrain], validation: [nTrain, nHeld], test: [nHeld, POINTS] },
        seed: config.dataSeed,
        domain: DOMAIN,
      },
      seed,
      step: steps,
      epoch: Math.floor(seen / nTrain),
      metrics: metrics(),
      layers: model.layers.map((l, i) => ({
        weight: rows(params[`layers.${i}.weight`], l.outFeatures, l.inFeatures),
        bias: Array.from(params[`layers.${i}.bias`] ?? []),
      })),
    };
  }
}

export default defineModel({ kind: 'playground', build: buildPlaygroundRun });

/** A grid one step finer when a picture took under 8 ms, one step coarser when it took over 40. */
export function refineGrid(n: number, costMs: number, min: number, max: number, step: number): number {
  if (costMs < 8 && n < max) return n + step;
  if (costMs > 40 && n > min) return n - step;
  return n;
}

function rows(values: Float32Array, n: number, m: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(values.subarray(i * m, (i + 1) * m)));
}
