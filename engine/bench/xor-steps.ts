// Training steps per second of a small XOR MLP on the current backend: the
// per-op overhead that dominates the playground's models.
// Run: npx vitest bench --run engine/bench   (see xor-steps.bench.ts)

import { Adam } from '../optim';
import { bceWithLogits } from '../losses';
import { MLP } from '../nn/mlp';
import { Rng } from '../random';
import { backward, scope } from '../tape';
import { keep, tensor } from '../tensor';
import { classification2d } from '../data/classification2d';

export interface XorBenchOptions {
  /** Layer widths (default [2, 8, 8, 1]). */
  sizes?: number[];
  /** Points per step (default 64; 4 means the four XOR corners). */
  batch?: number;
  activation?: 'tanh' | 'relu';
}

/** Builds the model and data; returns one full training step (forward,
 * backward, Adam update) and a way to free everything. */
export function xorTrainingStep(options: XorBenchOptions = {}): { step: () => number; dispose: () => void } {
  const { sizes = [2, 8, 8, 1], batch = 64, activation = 'tanh' } = options;
  const data =
    batch === 4
      ? { x: Float32Array.from([-1, -1, -1, 1, 1, -1, 1, 1]), y: Int32Array.from([0, 1, 1, 0]) }
      : classification2d('xor', { n: batch, seed: 1 });
  const model = new MLP({ sizes, activation, rng: new Rng(1) });
  const opt = new Adam(model.parameters(), { lr: 0.01 });
  const x = keep(tensor(data.x, [batch, 2]));
  const y = keep(tensor(Float32Array.from(data.y), [batch, 1]));
  const step = () =>
    scope(() => {
      opt.zeroGrad();
      const loss = bceWithLogits(model.forward(x), y);
      backward(loss);
      opt.step();
      return loss.item();
    });
  const dispose = () => {
    model.dispose();
    opt.dispose();
    x.dispose();
    y.dispose();
  };
  return { step, dispose };
}

/** Steps per second over about `seconds` of training, after a warm-up. */
export function measureXorStepsPerSecond(options: XorBenchOptions & { seconds?: number } = {}): { stepsPerSecond: number; loss: number } {
  const { step, dispose } = xorTrainingStep(options);
  let loss = 0;
  for (let i = 0; i < 200; i++) loss = step(); // let the JIT settle
  const budget = (options.seconds ?? 2) * 1000;
  const start = performance.now();
  let steps = 0;
  while (performance.now() - start < budget) {
    for (let i = 0; i < 50; i++) loss = step();
    steps += 50;
  }
  const stepsPerSecond = steps / ((performance.now() - start) / 1000);
  dispose();
  return { stepsPerSecond, loss };
}
