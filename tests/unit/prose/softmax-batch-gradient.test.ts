/**
 * Chapter 3's additions to the softmax section, checked against the engine:
 * the batch gradient ∇_W L = (P − Y)ᵀX/n and ∇_b L = (P − Y)ᵀ1/n (by hand,
 * by the engine's autodiff, by central differences), the integer and
 * one-hot forms of the cross-entropy, and the hinge loss's numbers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { add, backward, matmul, mul, neg, parameter, relu, Rng, scope, softmaxCrossEntropy, tensor } from '@/engine';
import { displayMath } from '../helpers/chapter-math';

const chapter = readFileSync(new URL('../../../content/03-logistic.mdx', import.meta.url), 'utf8');
const printed = displayMath('03-logistic.mdx');

// A small random problem: n examples, d inputs, K classes; W is (K, d) as in the chapter.
const [n, d, K] = [7, 3, 4];
const rng = new Rng(18);
const X = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
const W = Array.from({ length: K }, () => Array.from({ length: d }, () => rng.normal(0, 0.7)));
const b = Array.from({ length: K }, () => rng.normal(0, 0.3));
const labels = Array.from({ length: n }, () => rng.int(K));

/** The mean cross-entropy in float64, straight from Z = XWᵀ + 1bᵀ. */
function lossF64(w: number[][], bias: number[]): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const z = w.map((row, k) => row.reduce((s, wkj, j) => s + wkj * X[i][j], bias[k]));
    const zMax = Math.max(...z);
    const lse = zMax + Math.log(z.reduce((s, zk) => s + Math.exp(zk - zMax), 0));
    total += lse - z[labels[i]];
  }
  return total / n;
}

/** (P − Y)ᵀX/n and (P − Y)ᵀ1/n, by hand in float64. */
function byHand(): { dW: number[][]; db: number[] } {
  const dW = W.map((row) => row.map(() => 0));
  const db = b.map(() => 0);
  for (let i = 0; i < n; i++) {
    const z = W.map((row, k) => row.reduce((s, wkj, j) => s + wkj * X[i][j], b[k]));
    const zMax = Math.max(...z);
    const e = z.map((zk) => Math.exp(zk - zMax));
    const sum = e.reduce((s, v) => s + v, 0);
    for (let k = 0; k < K; k++) {
      const g = e[k] / sum - (labels[i] === k ? 1 : 0); // (P − Y)_{ik}
      db[k] += g / n;
      for (let j = 0; j < d; j++) dW[k][j] += (g * X[i][j]) / n;
    }
  }
  return { dW, db };
}

/** The engine's gradient of softmaxCrossEntropy(XWᵀ + b, labels). */
function byEngine(): { dW: number[][]; db: number[]; loss: number } {
  const w = parameter(tensor(W.flat(), [K, d]));
  const bias = parameter(tensor(b, [K]));
  const loss = scope(() => {
    const value = softmaxCrossEntropy(add(matmul(tensor(X.flat(), [n, d]), w, { transB: true }), bias), labels);
    backward(value);
    return value.item();
  });
  const gw = Array.from(w.grad!.toArray());
  const out = { dW: W.map((row, k) => row.map((_, j) => gw[k * d + j])), db: Array.from(bias.grad!.toArray()), loss };
  w.dispose();
  bias.dispose();
  return out;
}

describe('the batch gradient of softmax regression', () => {
  it('prints Z = XWᵀ + 1bᵀ, ∇_W L = (P − Y)ᵀX/n and ∇_b L = (P − Y)ᵀ1/n', () => {
    printed('Z = X W^\\top + \\mathbf{1}\\, b^\\top');
    printed('\\nabla_W \\mathcal{L} = \\frac{1}{n}\\, (P - Y)^\\top X', '\\nabla_b \\mathcal{L} = \\frac{1}{n}\\, (P - Y)^\\top \\mathbf{1}');
  });

  it('the formula has the shapes of W and b, and agrees with the engine’s autodiff', () => {
    const hand = byHand();
    const engine = byEngine();
    // (K, n)(n, d) = (K, d): one entry per weight; (K, n)(n) = K: one per bias.
    expect([hand.dW.length, hand.dW[0].length]).toEqual([K, d]);
    expect(hand.db).toHaveLength(K);
    expect(engine.loss).toBeCloseTo(lossF64(W, b), 5);
    for (let k = 0; k < K; k++) {
      expect(engine.db[k]).toBeCloseTo(hand.db[k], 5);
      for (let j = 0; j < d; j++) expect(engine.dW[k][j]).toBeCloseTo(hand.dW[k][j], 5);
    }
  });

  it('and with central differences (L(W_kj + h) − L(W_kj − h))/2h, to several digits', () => {
    const hand = byHand();
    const h = 1e-5;
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < d; j++) {
        const plus = W.map((row) => row.slice());
        const minus = W.map((row) => row.slice());
        plus[k][j] += h;
        minus[k][j] -= h;
        expect((lossF64(plus, b) - lossF64(minus, b)) / (2 * h)).toBeCloseTo(hand.dW[k][j], 8);
      }
      const bp = b.slice();
      const bm = b.slice();
      bp[k] += h;
      bm[k] -= h;
      expect((lossF64(W, bp) - lossF64(W, bm)) / (2 * h)).toBeCloseTo(hand.db[k], 8);
    }
  });

  it('the bias gradient is the mean predicted probability of each class minus its frequency', () => {
    const hand = byHand();
    const meanP = b.map(() => 0);
    for (let i = 0; i < n; i++) {
      const z = W.map((row, k) => row.reduce((s, wkj, j) => s + wkj * X[i][j], b[k]));
      const e = z.map((zk) => Math.exp(zk));
      const sum = e.reduce((s, v) => s + v, 0);
      e.forEach((v, k) => (meanP[k] += v / sum / n));
    }
    for (let k = 0; k < K; k++) expect(hand.db[k]).toBeCloseTo(meanP[k] - labels.filter((y) => y === k).length / n, 12);
  });
});

describe('integer labels and one-hot vectors', () => {
  it('logsumexp(z) − z_y = −e_yᵀ log softmax(z): the engine takes integers and gives the one-hot form’s number', () => {
    printed('\\ell(z, y) = \\operatorname{logsumexp}(z) - z_y', '= \\operatorname{logsumexp}(z) - e_y^\\top z', '= -\\,e_y^\\top \\log \\mathrm{softmax}(z)');
    const z = [1.5, -0.3, 2.2, 0.4];
    for (let y = 0; y < z.length; y++) {
      const lse = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
      const oneHot = z.map((_, k): number => (k === y ? 1 : 0));
      const viaOneHot = -oneHot.reduce((s, e, k) => s + e * (z[k] - lse), 0);
      const engine = scope(() => softmaxCrossEntropy(tensor(z, [1, z.length]), [y]).item());
      expect(engine).toBeCloseTo(lse - z[y], 6);
      expect(engine).toBeCloseTo(viaOneHot, 6);
    }
    // It checks that each integer names a class: 0 … K − 1.
    expect(() => scope(() => softmaxCrossEntropy(tensor(z, [1, z.length]), [4]))).toThrow(/outside 0..3/);
    expect(() => scope(() => softmaxCrossEntropy(tensor(z, [1, z.length]), [1.5]))).toThrow();
  });
});

describe('the hinge loss', () => {
  const hinge = (m: number) => Math.max(0, 1 - m);
  const logistic = (m: number) => Math.log1p(Math.exp(-m));

  it('prints max(0, 1 − ỹz) beside log(1 + e^−ỹz), and the latter is chapter 3’s cross-entropy with ỹ = 2y − 1', () => {
    printed('\\ell_{\\text{hinge}}(z, \\tilde y) = \\max\\big(0,\\ 1 - \\tilde y z\\big)', '\\ell_{\\log}(z, \\tilde y) = \\log\\big(1 + e^{-\\tilde y z}\\big)');
    for (const z of [-3, -0.4, 0, 0.8, 2.5]) {
      for (const y of [0, 1]) {
        const bce = -(y * Math.log(1 / (1 + Math.exp(-z))) + (1 - y) * Math.log(1 - 1 / (1 + Math.exp(-z))));
        expect(logistic((2 * y - 1) * z)).toBeCloseTo(bce, 12);
      }
    }
  });

  it('the numbers the text quotes at margins 2, ½ and −2', () => {
    expect(hinge(2)).toBe(0);
    expect(logistic(2).toFixed(3)).toBe('0.127');
    expect((1 / (1 + Math.exp(2))).toFixed(3)).toBe('0.119'); // σ(−2), the pull at margin 2
    expect(chapter).toContain('$\\log(1 + e^{-2}) \\approx 0.127$ and pulls with strength $\\sigma(-2) \\approx 0.119$');
    expect(hinge(0.5)).toBe(0.5);
    expect(logistic(0.5).toFixed(3)).toBe('0.474');
    expect(chapter).toContain('0.5 against 0.474');
    expect(hinge(-2)).toBe(3);
    expect(logistic(-2).toFixed(3)).toBe('2.127');
    expect(chapter).toContain('they charge 3 and 2.127');
  });

  it('composed in the engine as relu(1 − ỹz): zero gradient past a margin of 1, slope −ỹ inside it', () => {
    for (const [z, yt, grad] of [[2, 1, 0], [1.5, 1, 0], [-1.5, -1, 0], [0.3, 1, -1], [-2, 1, -1], [0.4, -1, 1]] as const) {
      const zt = parameter(tensor([z]));
      scope(() => backward(relu(add(neg(mul(zt, yt)), 1))));
      expect(zt.grad!.item() + 0, `z = ${z}, ỹ = ${yt}`).toBe(grad); // + 0: −0 counts as 0
      zt.dispose();
    }
  });
});
