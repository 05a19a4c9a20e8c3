/**
 * Universal approximation with bins, on the engine. Two one-hidden-layer
 * sigmoid networks of width 2B approximate a target g on [0, 1]:
 *
 * - built by hand: bin i = [aᵢ₋₁, aᵢ), aᵢ = i/B, is a pair of hidden units,
 *   σ(w(x − aᵢ₋₁)) − σ(w(x − aᵢ)), a bump of height ≈ 1 on the bin,
 *   weighted by gᵢ, the mean of g over the bin (the chapter's notation):
 *     f(x) = Σᵢ gᵢ·[σ(w(x − aᵢ₋₁)) − σ(w(x − aᵢ))], aᵢ = i/B;
 * - trained: the same architecture from a random start, by gradient
 *   descent (Adam) on the mean squared error against g.
 *
 * Both are the engine's MLP; the hand-built one has its weights loaded.
 */
import { Adam, backward, keep, loadParameters, mean, MLP, mse, noGrad, regressionTargets, Rng, scope, tensor, type Tensor } from '@/engine';
import { defineModel } from '@/workers/model';
import { GRID_N, GRID_X, MAX_BINS, polyline, type TargetSpec } from './targets';

/** Midpoint-rule samples per bin for the bin's mean of g. */
export const SAMPLES_PER_BIN = 64;
/** Random start: hidden slopes ~ N(0, INIT_SLOPE²), centres −b/w uniform on [0, 1], output weights ~ N(0, 1/2B). */
export const INIT_SLOPE = 20;

/** g as a function of x ∈ [0, 1]. */
export function targetFunction(spec: TargetSpec): (x: number) => number {
  if (spec.kind === 'points') return polyline(spec.values);
  const g = regressionTargets[spec.kind];
  if (!g) throw new Error(`No target "${(spec as { kind: string }).kind}"`);
  return (x) => g(2 * x - 1);
}

/** gᵢ: the mean of g over bin i, by the midpoint rule with SAMPLES_PER_BIN points. */
export function binHeights(target: TargetSpec, bins: number): Float32Array {
  const g = targetFunction(target);
  const m = SAMPLES_PER_BIN;
  const samples = Float32Array.from({ length: bins * m }, (_, i) => g((i + 0.5) / (bins * m)));
  return noGrad(() => scope(() => mean(tensor(samples, [bins, m]), 1).toArray()));
}

/** The hand-built network: the engine's MLP [1, 2B, 1] with sigmoid units and its weights set as above. */
export function handBuiltNetwork(bins: number, steepness: number, heights: ArrayLike<number>): MLP {
  const width = 2 * bins;
  const model = new MLP({ sizes: [1, width, 1], activation: 'sigmoid', rng: new Rng(0) });
  const weight = new Float32Array(width).fill(steepness);
  const bias = new Float32Array(width);
  const out = new Float32Array(width);
  for (let k = 0; k < bins; k++) {
    // Unit 2k rises at the bin's left edge, unit 2k + 1 at its right edge; their difference is the bump.
    bias[2 * k] = -steepness * (k / bins);
    bias[2 * k + 1] = -steepness * ((k + 1) / bins);
    out[2 * k] = heights[k];
    out[2 * k + 1] = -heights[k];
  }
  loadParameters(model, { 'layers.0.weight': weight, 'layers.0.bias': bias, 'layers.1.weight': out, 'layers.1.bias': [0] });
  return model;
}

export interface HandBuilt {
  heights: Float32Array;
  /** f(x) at GRID_X. */
  y: Float32Array;
  /** g at GRID_X. */
  g: Float32Array;
  /** Mean of (f(x) − g(x))² over GRID_X. */
  mse: number;
}

/** The hand-built network for (target, B, w), evaluated by the engine at `x` (default GRID_X). */
export function handBuilt(target: TargetSpec, bins: number, steepness: number, x: Float32Array = GRID_X): HandBuilt {
  const heights = binHeights(target, bins);
  const g = Float32Array.from(x, targetFunction(target));
  const model = handBuiltNetwork(bins, steepness, heights);
  try {
    return noGrad(() =>
      scope(() => {
        const pred = model.forward(tensor(x, [x.length, 1]));
        return { heights, y: pred.toArray(), g, mse: mse(pred, g).item() };
      }),
    );
  } finally {
    model.dispose();
  }
}

/** The hand-built network's MSE for B = 1 … maxBins at one steepness (entry B − 1). */
export function handMseByBins(target: TargetSpec, steepness: number, maxBins = MAX_BINS): Float32Array {
  return Float32Array.from({ length: maxBins }, (_, i) => handBuilt(target, i + 1, steepness).mse);
}

export interface BinsConfig {
  target: TargetSpec;
  bins: number;
  /** Adam's learning rate. */
  lr: number;
  /** Steps per second while playing, so the fit can be watched. */
  speed: number;
  maxSteps: number;
}

/** What each snapshot carries: the trained network now. */
export interface BinsFrame {
  /** f(x) at GRID_X. */
  pred: Float32Array;
  /** Mean of (f(x) − g(x))² over GRID_X. */
  mse: number;
  /** Where each hidden unit is halfway up (x = −b/w; NaN for a flat unit), and its output weight. */
  centres: Float32Array;
  outWeights: Float32Array;
}

/** The trained network's random start (see INIT_SLOPE). */
function randomStart(model: MLP, width: number, rng: Rng): void {
  const weight = new Float32Array(width);
  const bias = new Float32Array(width);
  const out = new Float32Array(width);
  for (let i = 0; i < width; i++) {
    weight[i] = INIT_SLOPE * rng.normal();
    bias[i] = -weight[i] * rng.uniform(0, 1);
    out[i] = rng.normal() / Math.sqrt(width);
  }
  loadParameters(model, { 'layers.0.weight': weight, 'layers.0.bias': bias, 'layers.1.weight': out, 'layers.1.bias': [0] });
}

export default defineModel({
  kind: 'universal-bins',
  build(config: BinsConfig, seed: number) {
    const width = 2 * config.bins;
    const rng = new Rng(seed);
    const model = new MLP({ sizes: [1, width, 1], activation: 'sigmoid', rng });
    randomStart(model, width, rng);
    const x = keep(tensor(GRID_X, [GRID_N, 1]));
    const y = keep(tensor(Float32Array.from(GRID_X, targetFunction(config.target)), [GRID_N, 1]));
    const optimizer = new Adam(model.parameters(), { lr: config.lr });
    let speed = config.speed;
    const [hiddenLayer, outputLayer] = model.layers;
    const predict = (): Tensor => model.forward(x);

    return {
      maxSteps: config.maxSteps,
      step: () =>
        scope(() => {
          optimizer.zeroGrad();
          const loss = mse(predict(), y);
          backward(loss);
          optimizer.step();
          return loss.item();
        }),
      snapshot(): BinsFrame {
        const { pred, error } = noGrad(() =>
          scope(() => {
            const p = predict();
            return { pred: p.toArray(), error: mse(p, y).item() };
          }),
        );
        const w = hiddenLayer.weight.toArray();
        const b = hiddenLayer.bias!.toArray();
        // Where each hidden unit is halfway up: σ(w·x + b) = ½ at x = −b/w (NaN for a flat unit; never drawn).
        const centres = Float32Array.from(w, (wi, i) => (wi !== 0 ? -b[i] / wi : NaN));
        return { pred, mse: error, centres, outWeights: outputLayer.weight.toArray() };
      },
      live: {
        lr: (lr: number) => (optimizer.lr = lr),
        speed: (stepsPerSecond: number) => (speed = stepsPerSecond),
      },
      stepsPerSecond: () => speed,
      queries: {
        /** The hand-built network for a target, B and w (it does not train: any run can answer). */
        hand: ({ target, bins, steepness }: { target: TargetSpec; bins: number; steepness: number }) => handBuilt(target, bins, steepness),
        /** The hand-built network's MSE for every B at one w. */
        mseByBins: ({ target, steepness }: { target: TargetSpec; steepness: number }) => handMseByBins(target, steepness),
      },
      dispose() {
        optimizer.dispose();
        model.dispose();
        x.dispose();
        y.dispose();
      },
    };
  },
});
