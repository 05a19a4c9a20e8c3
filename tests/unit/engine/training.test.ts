// Whole models learn what they should, seeded, each in a few seconds.

import { describe, expect, it } from 'vitest';
import {
  accuracy, Adam, backward, bceWithLogits, classification2d, keep, leastSquares, Linear, linearRegression, MLP,
  type Module, mse, type Optimizer, Rng, scope, SGD, softmaxCrossEntropy, type Tensor, tensor,
} from '@/engine';

/** Full-batch training; returns every step's loss. */
function train(model: Module & { forward(x: Tensor): Tensor }, opt: Optimizer, steps: number, lossOf: (out: Tensor) => Tensor, x: Tensor): number[] {
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    losses.push(
      scope(() => {
        opt.zeroGrad();
        const loss = lossOf(model.forward(x));
        backward(loss);
        opt.step();
        return loss.item();
      }),
    );
  }
  return losses;
}

function evaluate<T>(fn: () => T): T {
  return scope(fn);
}

describe('models learn', () => {
  it('logistic regression separates two blobs (100% train accuracy)', () => {
    const data = classification2d('blobs', { n: 200, classes: 2, seed: 11 });
    const x = keep(tensor(data.x, [data.n, 2]));
    const y = keep(tensor(Float32Array.from(data.y), [data.n, 1]));
    const model = new Linear(2, 1, { rng: new Rng(2) });
    train(model, new SGD(model.parameters(), { lr: 0.5 }), 200, (out) => bceWithLogits(out, y), x);
    expect(evaluate(() => accuracy(model.forward(x), data.y))).toBe(1);
    [x, y].forEach((t) => t.dispose());
    model.dispose();
  });

  it('an MLP solves XOR', () => {
    const data = classification2d('xor', { n: 200, seed: 4 });
    const x = keep(tensor(data.x, [data.n, 2]));
    const model = new MLP({ sizes: [2, 8, 8, 2], activation: 'tanh', rng: new Rng(3) });
    train(model, new Adam(model.parameters(), { lr: 0.03 }), 300, (out) => softmaxCrossEntropy(out, data.y), x);
    expect(evaluate(() => accuracy(model.forward(x), data.y))).toBeGreaterThanOrEqual(0.98);
    x.dispose();
    model.dispose();
  });

  it('an MLP fits a 3-arm spiral (≥ 95% train accuracy)', () => {
    const data = classification2d('spiral', { n: 300, classes: 3, seed: 5 });
    const x = keep(tensor(data.x, [data.n, 2]));
    const model = new MLP({ sizes: [2, 32, 32, 3], activation: 'relu', rng: new Rng(6) });
    const losses = train(model, new Adam(model.parameters(), { lr: 0.01 }), 1000, (out) => softmaxCrossEntropy(out, data.y), x);
    const acc = evaluate(() => accuracy(model.forward(x), data.y));
    expect(acc, `accuracy ${acc}, final loss ${losses.at(-1)}`).toBeGreaterThanOrEqual(0.95);
    x.dispose();
    model.dispose();
  });

  it("the solver's line equals gradient descent's converged line", () => {
    const data = linearRegression({ n: 60, slope: -0.8, intercept: 0.3, noise: 0.3, seed: 8 });
    const exact = leastSquares(data.x, data.y, 1);
    const x = keep(tensor(data.x, [data.n, 1]));
    const y = keep(tensor(data.y, [data.n, 1]));
    const model = new Linear(1, 1, { rng: new Rng(9) });
    train(model, new SGD(model.parameters(), { lr: 0.5 }), 500, (out) => mse(out, y), x);
    expect(model.weight.item()).toBeCloseTo(exact.weights[0], 4);
    expect(model.bias!.item()).toBeCloseTo(exact.intercept, 4);
    [x, y].forEach((t) => t.dispose());
    model.dispose();
  });
});

describe('determinism', () => {
  function run(seed: number): number[] {
    const data = classification2d('spiral', { n: 90, classes: 3, noise: 0.05, seed });
    const x = keep(tensor(data.x, [data.n, 2]));
    const model = new MLP({ sizes: [2, 8, 8, 3], activation: 'gelu', rng: new Rng(seed) });
    const losses = train(model, new Adam(model.parameters(), { lr: 0.02 }), 50, (out) => softmaxCrossEntropy(out, data.y), x);
    x.dispose();
    model.dispose();
    return losses;
  }

  it('same seed twice gives the same losses, bit for bit', () => {
    const a = run(21);
    const b = run(21);
    expect(a.every((v, i) => Object.is(v, b[i]))).toBe(true);
    expect(run(22)).not.toEqual(a);
  });
});
