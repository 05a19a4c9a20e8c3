/**
 * Logistic regression (two classes) or softmax regression (three) on 2-D
 * points, trained in the worker by full-batch gradient descent on the
 * engine. The model is z = xW + b: one logit per point for two classes
 * (p = σ(z)), three logits for three (p = softmax(z)).
 */
import {
  add,
  backward,
  bceWithLogits,
  classification2d,
  keep,
  matmul,
  mse,
  mul,
  noGrad,
  parameter,
  scope,
  SGD,
  sigmoid,
  softmax,
  softmaxCrossEntropy,
  tensor,
  type Tensor,
} from '@/engine';
import { gridPoints, type Grid } from '@/components/plots/grid';
import { defineModel } from '@/workers/model';
import { accuracyOf, reliability } from './calibration';
import { BINS, DATASETS, TEST_POINTS, type DatasetName, type InitName, type LossName } from './schema';

export interface ClassifierConfig {
  dataset: DatasetName;
  n: number;
  noise: number;
  loss: LossName;
  init: InitName;
  lr: number;
  /** Steps per second while playing, so the boundary can be watched moving. */
  speed: number;
  maxSteps: number;
  /** Where the probability field is sampled for every snapshot. */
  grid: Grid;
}

/** What each snapshot carries: everything the picture and the readouts need, fresh. */
export interface ClassifierFrame {
  classes: number;
  /** The training loss after each step. */
  losses: Float32Array;
  /** Probabilities on the config's grid (one per cell for two classes, K for more). */
  field: Float32Array;
  /** The training points, n×2, their labels, and the model's probabilities for them. */
  points: Float32Array;
  labels: Float32Array;
  trainProbs: Float32Array;
  /** W [2, C] row-major, then b [C]. */
  weights: Float32Array;
  /** The reliability diagram on held-out points: per bin, mean confidence, observed frequency, count. */
  relConfidence: Float32Array;
  relFrequency: Float32Array;
  relCount: Float32Array;
  ece: number;
  testAccuracy: number;
}

/** How far the "confidently wrong" start pushes the logits: |z| of about this times a point's distance. */
const WRONG_SCALE = 10;

/** Training and held-out samples of one data set (the held-out seed is derived from the run's seed). */
export function samplesOf(config: Pick<ClassifierConfig, 'dataset' | 'n' | 'noise'>, seed: number) {
  const { kind, classes } = DATASETS[config.dataset];
  const train = classification2d(kind, { n: config.n, noise: config.noise, seed, classes });
  const test = classification2d(kind, { n: TEST_POINTS, noise: config.noise, seed: seed + 7919, classes });
  return { train, test, classes };
}

/** Class means of a sample, [K][2]. */
function classMeans(x: Float32Array, y: Int32Array, K: number): number[][] {
  const sums = Array.from({ length: K }, () => [0, 0, 0]);
  for (let i = 0; i < y.length; i++) {
    sums[y[i]][0] += x[2 * i];
    sums[y[i]][1] += x[2 * i + 1];
    sums[y[i]][2]++;
  }
  return sums.map(([a, b, c]) => (c ? [a / c, b / c] : [0, 0]));
}

/**
 * Starting weights: all zero (every p is ½ or ⅓), or confidently wrong:
 * each class's logit grows toward the other classes' points.
 */
export function initialWeights(init: InitName, x: Float32Array, y: Int32Array, K: number): { w: Float32Array; b: Float32Array } {
  const C = K === 2 ? 1 : K;
  const w = new Float32Array(2 * C);
  const b = new Float32Array(C);
  if (init === 'zero') return { w, b };
  const means = classMeans(x, y, K);
  if (K === 2) {
    const d = [means[1][0] - means[0][0], means[1][1] - means[0][1]];
    const len = Math.hypot(d[0], d[1]) || 1;
    w[0] = (-WRONG_SCALE * d[0]) / len;
    w[1] = (-WRONG_SCALE * d[1]) / len;
    const mid = [(means[0][0] + means[1][0]) / 2, (means[0][1] + means[1][1]) / 2];
    b[0] = -(w[0] * mid[0] + w[1] * mid[1]);
    return { w, b };
  }
  for (let k = 0; k < K; k++) {
    const len = Math.hypot(means[k][0], means[k][1]) || 1;
    // W is [2, K] row-major: column k holds class k's weights.
    w[k] = (-WRONG_SCALE * means[k][0]) / len;
    w[C + k] = (-WRONG_SCALE * means[k][1]) / len;
  }
  return { w, b };
}

/** Probabilities from logits: σ(z) for one column, softmax(z) over the row for several. */
export function probabilitiesOf(logits: Tensor): Tensor {
  return logits.shape[1] === 1 ? sigmoid(logits) : softmax(logits, 1);
}

/**
 * The training loss on logits z [N, C] and integer labels.
 * ce: binary cross-entropy (from logits) or softmax cross-entropy.
 * sq: the squared distance between the probability vector and the one-hot
 * label, (σ(z) − y)² or ‖softmax(z) − e_y‖², averaged over points.
 */
export function lossOf(loss: LossName, logits: Tensor, labels: Int32Array): Tensor {
  const [n, C] = logits.shape;
  if (loss === 'ce') return C === 1 ? bceWithLogits(logits, Float32Array.from(labels)) : softmaxCrossEntropy(logits, labels);
  const target = new Float32Array(n * C);
  for (let i = 0; i < n; i++) {
    if (C === 1) target[i] = labels[i];
    else target[i * C + labels[i]] = 1;
  }
  return mul(mse(probabilitiesOf(logits), target, { reduction: 'sum' }), 1 / n);
}

export default defineModel({
  kind: 'classifier',
  build(config: ClassifierConfig, seed: number) {
    if (!DATASETS[config.dataset]) throw new Error(`Unknown data set "${config.dataset}"`);
    const { train, test, classes: K } = samplesOf(config, seed);
    const C = K === 2 ? 1 : K;
    const start = initialWeights(config.init, train.x, train.y, K);
    const W = parameter(tensor(start.w, [2, C]));
    const b = parameter(tensor(start.b, [C]));
    const optimizer = new SGD([W, b], { lr: config.lr });
    const xTrain = keep(tensor(train.x, [train.n, 2]));
    const xTest = keep(tensor(test.x, [test.n, 2]));
    const gridX = keep(tensor(Float32Array.from(gridPoints(config.grid)), [config.grid.nx * config.grid.ny, 2]));
    const logitsOf = (x: Tensor) => add(matmul(x, W), b);
    const probsAt = (x: Tensor) => noGrad(() => scope(() => probabilitiesOf(logitsOf(x)).toArray()));
    const lossNow = () => noGrad(() => scope(() => lossOf(config.loss, logitsOf(xTrain), train.y).item()));
    const losses: number[] = [lossNow()];
    let speed = config.speed;

    return {
      maxSteps: config.maxSteps,
      step() {
        scope(() => {
          optimizer.zeroGrad();
          backward(lossOf(config.loss, logitsOf(xTrain), train.y));
          optimizer.step();
        });
        const loss = lossNow();
        if (Number.isFinite(loss)) losses.push(loss);
        return loss;
      },
      snapshot(): ClassifierFrame {
        const testProbs = probsAt(xTest);
        const rel = reliability(testProbs, test.y, C, BINS);
        return {
          classes: K,
          losses: new Float32Array(losses),
          field: probsAt(gridX),
          points: new Float32Array(train.x),
          labels: Float32Array.from(train.y),
          trainProbs: probsAt(xTrain),
          weights: new Float32Array([...W.toArray(), ...b.toArray()]),
          relConfidence: rel.confidence,
          relFrequency: rel.frequency,
          relCount: rel.count,
          ece: rel.ece,
          testAccuracy: accuracyOf(testProbs, test.y, C),
        };
      },
      live: {
        lr: (lr: number) => (optimizer.lr = lr),
        speed: (stepsPerSecond: number) => (speed = stepsPerSecond),
      },
      stepsPerSecond: () => speed,
      queries: {
        /** The probabilities on another grid (a finer picture, a test). */
        field({ grid }: { grid: Grid }) {
          const points = keep(tensor(Float32Array.from(gridPoints(grid)), [grid.nx * grid.ny, 2]));
          try {
            return probsAt(points);
          } finally {
            points.dispose();
          }
        },
      },
      dispose() {
        optimizer.dispose();
        for (const t of [W, b, xTrain, xTest, gridX]) t.dispose();
      },
    };
  },
});
