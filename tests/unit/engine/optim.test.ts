// Three steps of each optimizer against values worked out from the formulas
// by hand. θ₀ = [1, −2] and L = ½Σθ², so g = θ at every step (unless noted).

import { describe, expect, it } from 'vitest';
import {
  Adam, AdamW, adamStep, add, adamwStep, backward, type Backend, clipGradNorm, JsBackend, momentumStep, mul, nesterovStep, OPTIMIZER_FORMULAS,
  type Optimizer, parameter, scope, SGD, sgdStep, sum, type Tensor, tensor, withBackend,
} from '@/engine';
import { flavoursHere, wasmBackend } from '../engine-wasm/wasm-files';

const halfSquare = (theta: Tensor) => mul(sum(mul(theta, theta)), 0.5);

/** Runs three steps, returning θ after each. */
function threeSteps(make: (params: Tensor[]) => Optimizer, loss = halfSquare, theta0 = [1, -2]): number[][] {
  const theta = parameter(tensor(theta0));
  const opt = make([theta]);
  const seen: number[][] = [];
  for (let i = 0; i < 3; i++) {
    scope(() => {
      opt.zeroGrad();
      backward(loss(theta));
      opt.step();
    });
    seen.push(Array.from(theta.toArray()));
  }
  opt.dispose();
  theta.dispose();
  return seen;
}

function expectClose(actual: number[][], expected: number[][]) {
  actual.forEach((row, i) => row.forEach((v, j) => expect(v, `step ${i + 1}, θ[${j}]`).toBeCloseTo(expected[i][j], 6)));
}

describe('optimizers, three steps against hand-computed values', () => {
  it('SGD: θ ← θ − ηg', () => {
    // η = 0.1: θ shrinks by 0.9 per step.
    expectClose(threeSteps((p) => new SGD(p, { lr: 0.1 })), [[0.9, -1.8], [0.81, -1.62], [0.729, -1.458]]);
  });

  it('SGD with L2 weight decay: g ← g + λθ', () => {
    // g = 1.1θ, so θ shrinks by 1 − 0.11 = 0.89 per step.
    expectClose(threeSteps((p) => new SGD(p, { lr: 0.1, weightDecay: 0.1 })), [[0.89, -1.78], [0.7921, -1.5842], [0.704969, -1.409938]]);
  });

  it('heavy-ball momentum: v ← μv + g, θ ← θ − ηv', () => {
    // θ=1: v=1, θ=0.9; v=0.9+0.9=1.8, θ=0.72; v=1.62+0.72=2.34, θ=0.486.
    expectClose(threeSteps((p) => new SGD(p, { lr: 0.1, momentum: 0.9 })), [[0.9, -1.8], [0.72, -1.44], [0.486, -0.972]]);
  });

  it('Nesterov momentum: v ← μv + g, θ ← θ − η(g + μv)', () => {
    // θ=1: v=1, θ=1−0.1(1+0.9)=0.81; v=0.9+0.81=1.71, θ=0.81−0.1(0.81+1.539)=0.5751;
    // v=1.539+0.5751=2.1141, θ=0.5751−0.1(0.5751+1.90269)=0.327321.
    expectClose(threeSteps((p) => new SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true })), [[0.81, -1.62], [0.5751, -1.1502], [0.327321, -0.654642]]);
  });

  it('Adam: bias-corrected moments', () => {
    // Step 1: m̂ = g and v̂ = g², so θ moves by η·g/(|g| + ε) ≈ η·sign(g).
    expectClose(threeSteps((p) => new Adam(p, { lr: 0.1 })), [[0.9, -1.9], [0.80041223, -1.800166487], [0.701586275, -1.700623393]]);
  });

  it('Adam with L2 decay adds λθ to the gradient', () => {
    // L = Σθ (g = 1), λ = 0.5: g' = 1 + 0.5θ, which is 0 at θ = −2 (so it stays).
    const linear = (theta: Tensor) => sum(theta);
    expectClose(threeSteps((p) => new Adam(p, { lr: 0.1, weightDecay: 0.5 }), linear), [[0.900000001, -2], [0.800102708, -2], [0.700381525, -2]]);
  });

  it('AdamW: θ ← θ − ηλθ, then the Adam step', () => {
    expectClose(threeSteps((p) => new AdamW(p, { lr: 0.1, weightDecay: 0.1 })), [[0.890000001, -1.88], [0.781571857, -1.761408951], [0.675101223, -1.644368684]]);
  });
});

describe('noDecay: parameters weight decay leaves alone (PyTorch: a param group with weight_decay 0)', () => {
  // Two parameters, w and b, under L = ½‖w‖² + ½‖b‖² + Σw + Σb (g = θ + 1, not
  // a multiple of θ, so that decay changes even Adam's scale-free step); b is
  // listed in noDecay.
  // Over three steps b must move exactly as with weightDecay 0, and w exactly as
  // when nothing is excluded.
  type Make = (params: Tensor[], weightDecay: number, noDecay?: Tensor[]) => Optimizer;
  const optimizers: [string, Make][] = [
    ['SGD', (p, weightDecay, noDecay) => new SGD(p, { lr: 0.1, weightDecay, noDecay })],
    ['SGD with momentum', (p, weightDecay, noDecay) => new SGD(p, { lr: 0.1, momentum: 0.9, weightDecay, noDecay })],
    ['Adam', (p, weightDecay, noDecay) => new Adam(p, { lr: 0.1, weightDecay, noDecay })],
    ['AdamW', (p, weightDecay, noDecay) => new AdamW(p, { lr: 0.1, weightDecay, noDecay })],
  ];

  /** w and b after three steps. */
  function run(make: Make, weightDecay: number, exclude: boolean): { w: number[]; b: number[] } {
    const w = parameter(tensor([1, -2, 0.5]));
    const b = parameter(tensor([3, -0.25]));
    const opt = make([w, b], weightDecay, exclude ? [b] : undefined);
    for (let i = 0; i < 3; i++) {
      scope(() => {
        opt.zeroGrad();
        backward(add(add(halfSquare(w), halfSquare(b)), add(sum(w), sum(b))));
        opt.step();
      });
    }
    const out = { w: Array.from(w.toArray()), b: Array.from(b.toArray()) };
    opt.dispose();
    w.dispose();
    b.dispose();
    return out;
  }

  const backends: [string, () => Promise<Backend>][] = [
    ['TypeScript', async () => new JsBackend()],
    ...flavoursHere().map((f): [string, () => Promise<Backend>] => [`wasm ${f}`, () => wasmBackend(f)]),
  ];
  for (const [backendName, makeBackend] of backends) {
    for (const [name, make] of optimizers) {
      it(`${name} on the ${backendName} backend`, async () => {
        const backend = await makeBackend();
        withBackend(backend, () => {
          const excluded = run(make, 0.3, true);
          const none = run(make, 0, false);
          const all = run(make, 0.3, false);
          expect(excluded.b).toEqual(none.b);
          expect(excluded.w).toEqual(all.w);
          expect(all.b).not.toEqual(none.b); // the decay does move b when b is not excluded
        });
      });
    }
  }
});

describe('the scalar formulas the book prints agree with the optimizers', () => {
  it('sgdStep, momentumStep, nesterovStep, adamStep, adamwStep', () => {
    let t = 1;
    for (const expected of [0.9, 0.81, 0.729]) expect((t = sgdStep(t, t, 0.1))).toBeCloseTo(expected, 12);
    let m = { theta: 1, v: 0 };
    for (const expected of [0.9, 0.72, 0.486]) expect((m = momentumStep(m, m.theta, 0.1, 0.9)).theta).toBeCloseTo(expected, 12);
    let n = { theta: 1, v: 0 };
    for (const expected of [0.81, 0.5751, 0.327321]) expect((n = nesterovStep(n, n.theta, 0.1, 0.9)).theta).toBeCloseTo(expected, 12);
    let a = { theta: -2, m: 0, v: 0, t: 0 };
    for (const expected of [-1.9, -1.800166487, -1.700623393]) expect((a = adamStep(a, a.theta, 0.1)).theta).toBeCloseTo(expected, 8);
    let w = { theta: 1, m: 0, v: 0, t: 0 };
    for (const expected of [0.890000001, 0.781571857, 0.675101223]) expect((w = adamwStep(w, w.theta, 0.1, 0.1)).theta).toBeCloseTo(expected, 8);
  });

  it('states each formula', () => {
    expect(OPTIMIZER_FORMULAS).toMatchObject({
      sgd: 'θ ← θ − η·g',
      momentum: 'v ← μ·v + g;  θ ← θ − η·v',
      nesterov: 'v ← μ·v + g;  θ ← θ − η·(g + μ·v)',
      adamw: 'θ ← θ − ηλθ;  then the Adam step',
      l2: 'g ← g + λθ  (weight decay in SGD and Adam)',
    });
  });
});

describe('optimizer controls', () => {
  it('takes a new learning rate between steps', () => {
    const theta = parameter(tensor([1]));
    const opt = new SGD([theta], { lr: 0.1 });
    const step = () => scope(() => (opt.zeroGrad(), backward(halfSquare(theta)), opt.step()));
    step();
    expect(theta.item()).toBeCloseTo(0.9, 6);
    opt.lr = 0.5;
    step();
    expect(theta.item()).toBeCloseTo(0.45, 6);
    opt.setLr(0);
    step();
    expect(theta.item()).toBeCloseTo(0.45, 6);
    theta.dispose();
  });

  it('clips gradients by their global norm', () => {
    const a = parameter(tensor([3]));
    const b = parameter(tensor([0, 4]));
    // L = 3a + 0·b₀ + 4·b₁: grads [3] and [0, 4], global norm 5.
    scope(() => backward(add(sum(mul(a, 3)), sum(mul(b, tensor([0, 4]))))));
    const norm = clipGradNorm([a, b], 1);
    expect(norm).toBeCloseTo(5, 5);
    expect(Array.from(a.grad!.toArray())).toEqual([expect.closeTo(0.6, 5)]);
    expect(Array.from(b.grad!.toArray())).toEqual([expect.closeTo(0, 5), expect.closeTo(0.8, 5)]);
    expect(clipGradNorm([a, b], 10)).toBeCloseTo(1, 5); // under the limit: unchanged
    a.dispose();
    b.dispose();
  });

  it('exposes its state as plain arrays and restores it', () => {
    const theta = parameter(tensor([1, -2]));
    const opt = new Adam([theta], { lr: 0.1 });
    scope(() => (backward(halfSquare(theta)), opt.step()));
    const state = opt.state();
    expect(state.kind).toBe('adam');
    expect(state.step).toBe(1);
    expect(Array.from(state.buffers.m[0]!)).toEqual([expect.closeTo(0.1, 6), expect.closeTo(-0.2, 6)]);
    const copy = new Adam([theta], { lr: 1 });
    copy.loadState(state);
    expect(copy.lr).toBe(0.1);
    expect(copy.state()).toEqual(state);
    opt.dispose();
    copy.dispose();
    theta.dispose();
  });
});
