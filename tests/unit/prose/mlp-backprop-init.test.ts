/**
 * Chapter 4's sections on backpropagation and initialisation, checked
 * against the engine: the layer Jacobian diag(φ′(z))W, the backward step
 * Wᵀ(φ′(z) ⊙ g), the symmetry that equal starting weights never break, and
 * the variances the text says the playground draws its weights with.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { backward, jacobian, keep, Linear, loadParameters, matmul, MLP, reshape, Rng, scope, SGD, snapshotParameters, softmaxCrossEntropy, tanh, tensor } from '@/engine';
import playgroundModel, { type PlaygroundConfig } from '@/components/widgets/playground/model';
import { configOf, DEFAULTS } from '@/components/widgets/playground/schema';
import { ACTIVATIONS } from '@/components/widgets/shared/network/params';
import { openRun } from '../helpers/open-run';
import { displayMath } from '../helpers/chapter-math';

const chapter = readFileSync(new URL('../../../content/04-mlp.mdx', import.meta.url), 'utf8');
const printed = displayMath('04-mlp.mdx');

const variance = (v: ArrayLike<number>) => {
  const a = Array.from(v);
  const m = a.reduce((s, x) => s + x, 0) / a.length;
  return a.reduce((s, x) => s + (x - m) ** 2, 0) / a.length;
};

describe('backpropagation', () => {
  const [cIn, cOut] = [4, 3];
  const layer = new Linear(cIn, cOut, { rng: new Rng(5) });
  loadParameters(layer, { ...snapshotParameters(layer), bias: [0.2, -0.4, 0.1] });
  const W = Array.from(layer.weight.toArray());
  const b = Array.from(layer.bias!.toArray());
  const x = [0.5, -1.2, 0.3, 0.9];
  const z = Array.from({ length: cOut }, (_, i) => x.reduce((s, xj, j) => s + W[i * cIn + j] * xj, b[i]));
  const dphi = z.map((zi) => 1 - Math.tanh(zi) ** 2); // tanh′(z) = 1 − tanh²(z)
  afterAll(() => layer.dispose());
  const h = (v: ReturnType<typeof tensor>) => reshape(tanh(layer.forward(reshape(v, [1, cIn]))), [cOut]);

  it('prints ∂h_ℓ/∂h_{ℓ−1} = diag(φ′(z_ℓ)) W_ℓ, and the engine’s Jacobian of a tanh layer is that matrix', () => {
    printed('\\frac{\\partial h_\\ell}{\\partial h_{\\ell-1}} = \\operatorname{diag}\\big(\\phi\'(z_\\ell)\\big)\\, W_\\ell');
    for (const mode of ['forward', 'reverse'] as const) {
      const J = scope(() => Array.from(jacobian(h, tensor(x), mode).jacobian.toArray()));
      expect(J).toHaveLength(cOut * cIn); // shape (C_ℓ, C_{ℓ−1})
      for (let i = 0; i < cOut; i++) for (let j = 0; j < cIn; j++) expect(J[i * cIn + j]).toBeCloseTo(dphi[i] * W[i * cIn + j], 5);
    }
  });

  it('the backward step is Wᵀ(φ′(z) ⊙ g), and the weight gradient is (φ′(z) ⊙ g) h_{ℓ−1}ᵀ', () => {
    printed('\\frac{\\partial \\ell}{\\partial z_\\ell} = \\phi\'(z_\\ell) \\odot \\frac{\\partial \\ell}{\\partial h_\\ell}', '\\frac{\\partial \\ell}{\\partial h_{\\ell-1}} = W_\\ell^\\top\\, \\frac{\\partial \\ell}{\\partial z_\\ell}');
    printed('\\frac{\\partial \\ell}{\\partial W_\\ell} = \\frac{\\partial \\ell}{\\partial z_\\ell}\\, h_{\\ell-1}^\\top', '\\frac{\\partial \\ell}{\\partial b_\\ell} = \\frac{\\partial \\ell}{\\partial z_\\ell}');
    const g = [0.7, -1.1, 0.25]; // an upstream gradient ∂ℓ/∂h: the loss is gᵀh
    const delta = g.map((gi, i) => dphi[i] * gi);
    for (const p of layer.parameters()) if (p.grad) p.backend.fill(p.grad.storage, 0); // reverse-mode jacobian() above accumulated into them
    const xt = keep(tensor(x, [1, cIn]));
    xt.requiresGrad = true;
    scope(() => backward(matmul(tanh(layer.forward(xt)), tensor(g, [cOut, 1]))));
    const dx = Array.from(xt.grad!.toArray());
    const dW = Array.from(layer.weight.grad!.toArray());
    const db = Array.from(layer.bias!.grad!.toArray());
    for (let j = 0; j < cIn; j++) expect(dx[j]).toBeCloseTo(delta.reduce((s, di, i) => s + W[i * cIn + j] * di, 0), 5);
    for (let i = 0; i < cOut; i++) {
      expect(db[i]).toBeCloseTo(delta[i], 5);
      for (let j = 0; j < cIn; j++) expect(dW[i * cIn + j]).toBeCloseTo(delta[i] * x[j], 5);
    }
    xt.dispose();
  });
});

describe('initialisation', () => {
  /** A 2–4–2 tanh network with every weight of a layer set to one value, trained a few SGD steps. */
  function trainFrom(w1: number, w2: number, steps = 25) {
    const model = new MLP({ sizes: [2, 4, 2], activation: 'tanh', rng: new Rng(1) });
    loadParameters(model, {
      'layers.0.weight': new Array(8).fill(w1),
      'layers.0.bias': new Array(4).fill(0),
      'layers.1.weight': new Array(8).fill(w2),
      'layers.1.bias': [0, 0],
    });
    const before = snapshotParameters(model);
    const rng = new Rng(2);
    const X = Array.from({ length: 16 }, () => rng.normal());
    const y = Array.from({ length: 8 }, (_, i) => (X[2 * i] * X[2 * i + 1] > 0 ? 1 : 0));
    const optimizer = new SGD(model.parameters(), { lr: 0.5 });
    for (let s = 0; s < steps; s++) {
      scope(() => {
        optimizer.zeroGrad();
        backward(softmaxCrossEntropy(model.forward(tensor(X, [8, 2])), y));
        optimizer.step();
      });
    }
    const after = snapshotParameters(model);
    model.dispose();
    return { before, after };
  }

  it('units that start as twins stay twins: equal rows of W₁ and equal columns of W₂ after training', () => {
    const { before, after } = trainFrom(0.3, 0.2);
    const W1 = after['layers.0.weight'];
    const W2 = after['layers.1.weight']; // (2, 4)
    expect(W1[0]).not.toBeCloseTo(before['layers.0.weight'][0], 4); // the weights did move
    for (let unit = 1; unit < 4; unit++) {
      expect(W1[2 * unit]).toBe(W1[0]);
      expect(W1[2 * unit + 1]).toBe(W1[1]);
      expect(after['layers.0.bias'][unit]).toBe(after['layers.0.bias'][0]);
      for (let out = 0; out < 2; out++) expect(W2[out * 4 + unit]).toBe(W2[out * 4]);
    }
  });

  it('from all zeros with tanh, only the output biases learn', () => {
    const { before, after } = trainFrom(0, 0);
    for (const name of ['layers.0.weight', 'layers.0.bias', 'layers.1.weight']) expect(Array.from(after[name])).toEqual(Array.from(before[name]));
    expect(Array.from(after['layers.1.bias'])).not.toEqual([0, 0]);
  });

  it('prints Var(z) = n_in Var(w) mean(h²), and the Xavier and He variances', () => {
    printed('\\operatorname{Var}(z_i) = n_{\\text{in}}\\, \\operatorname{Var}(w)\\; \\overline{h^2}');
    printed('\\operatorname{Var}(w) = \\frac{2}{n_{\\text{in}} + n_{\\text{out}}}', '\\operatorname{Var}(w) = \\frac{2}{n_{\\text{in}}}');
    // A ReLU halves the mean square of a symmetric input: E[relu(z)²] = Var(z)/2.
    const rng = new Rng(9);
    const zs = Array.from({ length: 200_000 }, () => rng.normal(0, 1.7));
    expect(zs.reduce((s, v) => s + Math.max(0, v) ** 2, 0) / zs.length / 1.7 ** 2).toBeCloseTo(0.5, 2);
  });

  it('the engine’s MLP draws uniform weights with variance 2/(n_in + n_out) for tanh and 2/n_in for ReLU, biases zero', () => {
    const [nIn, nOut] = [400, 300];
    for (const [activation, expected] of [['tanh', 2 / (nIn + nOut)], ['relu', 2 / nIn]] as const) {
      const model = new MLP({ sizes: [nIn, nOut, 2], activation, rng: new Rng(4) });
      const w = model.layers[0].weight.toArray();
      const a = Math.sqrt(3 * expected); // U(−a, a) has variance a²/3
      expect(variance(w) / expected).toBeGreaterThan(0.98);
      expect(variance(w) / expected).toBeLessThan(1.02);
      expect(Math.max(...Array.from(w, Math.abs))).toBeLessThanOrEqual(a);
      expect(Math.max(...Array.from(w, Math.abs))).toBeGreaterThan(0.999 * a);
      expect(Array.from(model.layers[0].bias!.toArray()).every((v) => v === 0)).toBe(true);
      model.dispose();
    }
  });

  it('the playground: He’s uniform for ReLU, leaky ReLU, ELU, GELU and SiLU, Xavier’s for the rest, every layer; (−0.43, 0.43) and (−0.61, 0.61) for 16 → 16', () => {
    const he = new Set(['relu', 'leakyRelu', 'elu', 'gelu', 'silu']);
    expect(chapter).toContain("with He's uniform distribution when the activation is ReLU, leaky ReLU, ELU, GELU or SiLU, and with Xavier's for tanh, the sigmoid, softplus and no activation");
    expect(ACTIVATIONS.map((a) => a.value).sort()).toEqual(['elu', 'gelu', 'leakyRelu', 'linear', 'relu', 'sigmoid', 'silu', 'softplus', 'tanh']);
    for (const { value: activation } of ACTIVATIONS) {
      const config: PlaygroundConfig = { ...configOf(DEFAULTS), activation, widths: [32, 16, 16] };
      const run = openRun(playgroundModel, config, 7);
      const json = run.evaluate('export');
      json.layers.forEach((layer: { weight: number[][]; bias: number[] }, i: number) => {
        const [nOut, nIn] = [layer.weight.length, layer.weight[0].length];
        const expected = he.has(activation) ? 2 / nIn : 2 / (nIn + nOut);
        const flat = layer.weight.flat();
        expect(Math.max(...flat.map(Math.abs)), `${activation}, layer ${i}`).toBeLessThanOrEqual(Math.sqrt(3 * expected) + 1e-6);
        if (flat.length >= 256) {
          expect(variance(flat) / expected, `${activation}, layer ${i}`).toBeGreaterThan(0.8);
          expect(variance(flat) / expected, `${activation}, layer ${i}`).toBeLessThan(1.2);
        }
        expect(layer.bias.every((v) => v === 0)).toBe(true);
      });
      run.dispose();
    }
    expect(Math.sqrt(6 / 32).toFixed(2)).toBe('0.43');
    expect(Math.sqrt(6 / 16).toFixed(2)).toBe('0.61');
    expect(chapter).toContain('draws its weights from $(-0.43, 0.43)$, a variance of $1/16$, and with ReLU from $(-0.61, 0.61)$, a variance of $1/8$');
  });
});

