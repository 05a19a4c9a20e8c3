/**
 * Chapter 4 prints the formulas the engine computes: the layer and the
 * collapse of linear layers, the hand-built XOR network, each activation and
 * its derivative (by the engine's autodiff), the 2B-unit bin network, the
 * playground's two losses, and the numbers the text quotes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  add,
  Adam,
  backward,
  bceWithLogits,
  elu,
  gelu,
  leakyRelu,
  loadParameters,
  matmul,
  MLP,
  mul,
  noGrad,
  parameter,
  parameterCount,
  Rng,
  scope,
  SGD,
  sigmoid,
  silu,
  softmax,
  softplus,
  sum,
  tanh,
  relu,
  tensor,
  type Tensor,
} from '@/engine';
import { decayOf, lossOf } from '@/components/widgets/playground/model';

const chapter = readFileSync(new URL('../../../content/04-mlp.mdx', import.meta.url), 'utf8');
const bare = (tex: string) => tex.replace(/&|\\,|\\[;!]|\s+/g, '');
const blocks = [...chapter.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)].map((m) => bare(m[1]));
const text = bare(chapter);
const printed = (needle: string) => blocks.find((b) => b.includes(bare(needle)));

/** Values and autodiff derivatives of an elementwise function at points s. */
function valueAndSlope(f: (x: Tensor) => Tensor, s: number[]): { value: number[]; slope: number[] } {
  const x = parameter(tensor(s));
  const value = scope(() => {
    const y = f(x);
    backward(sum(y));
    return Array.from(y.toArray());
  });
  const slope = Array.from(x.grad!.toArray());
  x.dispose();
  return { value, slope };
}

const sig = (s: number) => 1 / (1 + Math.exp(-s));
const S = [-5, -2.5, -1.3, -0.4, 0.3, 1, 2.2, 4.5];

describe('layers and composition', () => {
  it('prints z = W h + b, h = φ(z), p = softmax(z), and the engine’s MLP computes exactly that', () => {
    expect(printed('z_\\ell = W_\\ell\\, h_{\\ell-1} + b_\\ell, \\qquad h_\\ell = \\phi(z_\\ell)')).toBeDefined();
    expect(printed('p = \\operatorname{softmax}(z_{L+1})')).toBeDefined();
    const model = new MLP({ sizes: [2, 3, 4, 2], activation: 'tanh', rng: new Rng(3) });
    const x = [0.3, -0.7];
    // By hand: W is (out, in), so z_j = Σ_i W[j][i] h[i] + b[j].
    let h = x;
    model.layers.forEach((layer, l) => {
      const W = layer.weight.toArray();
      const b = layer.bias!.toArray();
      const z = Array.from({ length: layer.outFeatures }, (_, j) => h.reduce((s, hi, i) => s + W[j * layer.inFeatures + i] * hi, b[j]));
      h = l < model.layers.length - 1 ? z.map(Math.tanh) : z;
    });
    const e = h.map((v) => Math.exp(v - Math.max(...h)));
    const p = e.map((v) => v / e.reduce((a, b) => a + b));
    const engine = noGrad(() => scope(() => softmax(model.forward(tensor(x, [1, 2])), -1).toArray()));
    p.forEach((v, k) => expect(engine[k]).toBeCloseTo(v, 6));
    model.dispose();
  });

  it('counts 626 parameters for 2-16-16-16-2 and 1,218 for 2-32-32-2', () => {
    expect(text).toContain(bare('3 \\cdot 16 + 17 \\cdot 16 + 17 \\cdot 16 + 17 \\cdot 2 = 626'));
    expect(text).toContain('1,218parameters');
    for (const [sizes, count] of [
      [[2, 16, 16, 16, 2], 626],
      [[2, 32, 32, 2], 1218],
    ] as const) {
      const model = new MLP({ sizes, rng: new Rng(1) });
      expect(parameterCount(model)).toBe(count);
      model.dispose();
    }
  });

  it('without an activation two layers collapse into W₂W₁x + (W₂b₁ + b₂)', () => {
    expect(printed('W_2 (W_1 x + b_1) + b_2 = (W_2 W_1)\\, x + (W_2 b_1 + b_2)')).toBeDefined();
    const model = new MLP({ sizes: [2, 5, 3], activation: 'linear', rng: new Rng(4) });
    const [l1, l2] = model.layers;
    const W1 = l1.weight.toArray();
    const W2 = l2.weight.toArray();
    const b1 = l1.bias!.toArray();
    const b2 = l2.bias!.toArray();
    const A = Array.from({ length: 3 }, (_, j) => [0, 1].map((i) => [0, 1, 2, 3, 4].reduce((s, k) => s + W2[j * 5 + k] * W1[k * 2 + i], 0)));
    const c = Array.from({ length: 3 }, (_, j) => [0, 1, 2, 3, 4].reduce((s, k) => s + W2[j * 5 + k] * b1[k], b2[j]));
    const x = [0.8, -1.1];
    const engine = noGrad(() => scope(() => model.forward(tensor(x, [1, 2])).toArray()));
    for (let j = 0; j < 3; j++) expect(engine[j]).toBeCloseTo(A[j][0] * x[0] + A[j][1] * x[1] + c[j], 5);
    model.dispose();
  });
});

describe('XOR', () => {
  const corners = [0, 0, 0, 1, 1, 0, 1, 1];

  it('the printed ReLU network maps the corners to (0,0), (1,0), (1,0), (2,1) and outputs 0, 1, 1, 0', () => {
    const block = printed('W_1 = \\begin{pmatrix} 1 & 1 \\\\ 1 & 1 \\end{pmatrix}');
    expect(block).toContain(bare('b_1 = \\begin{pmatrix} 0 \\\\ -1 \\end{pmatrix}'));
    expect(block).toContain(bare('W_2 = \\begin{pmatrix} 1 & -2 \\end{pmatrix}, \\quad b_2 = 0'));
    const model = new MLP({ sizes: [2, 2, 1], activation: 'relu', rng: new Rng(1) });
    loadParameters(model, {
      'layers.0.weight': [1, 1, 1, 1],
      'layers.0.bias': [0, -1],
      'layers.1.weight': [1, -2],
      'layers.1.bias': [0],
    });
    const { output, hidden } = noGrad(() => scope(() => {
      const r = model.forward(tensor(corners, [4, 2]), { hidden: true });
      return { output: Array.from(r.output.toArray()), hidden: Array.from(r.hidden[0].toArray()) };
    }));
    expect(hidden).toEqual([0, 0, 1, 0, 1, 0, 2, 1]);
    expect(output).toEqual([0, 1, 1, 0]);
    model.dispose();
  });

  it('logistic regression on the four corners ends at w = 0, b = 0: a probability of 1/2 everywhere', () => {
    expect(text).toContain(bare('which forces $w_1 = w_2 = 0$, and then $b = 0$'));
    const w = parameter(tensor([0.9, -0.4], [2, 1]));
    const b = parameter(tensor([0.3]));
    const opt = new Adam([w, b], { lr: 0.05 });
    const x = tensor(corners, [4, 2]);
    for (let t = 0; t < 3000; t++) {
      scope(() => {
        opt.zeroGrad();
        backward(bceWithLogits(add(matmul(x, w), b), [0, 1, 1, 0]));
        opt.step();
      });
    }
    for (const v of [...w.toArray(), ...b.toArray()]) expect(Math.abs(v)).toBeLessThan(1e-3);
    opt.dispose();
    w.dispose();
    b.dispose();
    x.dispose();
  });
});

describe('activations and their derivatives', () => {
  // Closed forms as printed; the derivative is checked against the engine's autodiff.
  const Phi = (s: number) => 0.5 * (1 + erfRef(s / Math.SQRT2));
  const rows: { name: string; tex: string[]; f: (x: Tensor) => Tensor; value: (s: number) => number; slope: (s: number) => number }[] = [
    {
      name: 'sigmoid',
      tex: ['\\sigma(s) = \\frac{1}{1 + e^{-s}}, \\qquad \\sigma\'(s) = \\sigma(s)\\,\\big(1 - \\sigma(s)\\big)'],
      f: sigmoid,
      value: sig,
      slope: (s) => sig(s) * (1 - sig(s)),
    },
    {
      name: 'tanh',
      tex: ['\\tanh(s) = \\frac{e^{s} - e^{-s}}{e^{s} + e^{-s}}, \\qquad \\tanh\'(s) = 1 - \\tanh^2(s)'],
      f: tanh,
      value: (s) => (Math.exp(s) - Math.exp(-s)) / (Math.exp(s) + Math.exp(-s)),
      slope: (s) => 1 - Math.tanh(s) ** 2,
    },
    { name: 'relu', tex: ['\\operatorname{ReLU}(s) = \\max(0, s)'], f: relu, value: (s) => Math.max(0, s), slope: (s) => (s > 0 ? 1 : 0) },
    { name: 'leaky relu (a = 0.01)', tex: ['$\\phi(s) = s$ for $s > 0$ and $a s$ otherwise'], f: (x) => leakyRelu(x, 0.01), value: (s) => (s > 0 ? s : 0.01 * s), slope: (s) => (s > 0 ? 1 : 0.01) },
    { name: 'softplus', tex: ['$\\phi(s) = \\log(1 + e^{s})$', "$\\phi'(s) = \\sigma(s)$"], f: softplus, value: (s) => Math.log1p(Math.exp(s)), slope: sig },
    { name: 'elu', tex: ['is $s$ for $s > 0$ and $e^{s} - 1$ otherwise', 'its derivative $e^{s}$'], f: (x) => elu(x), value: (s) => (s > 0 ? s : Math.exp(s) - 1), slope: (s) => (s > 0 ? 1 : Math.exp(s)) },
    {
      name: 'gelu',
      tex: ['$\\phi(s) = s\\, \\Phi(s)$', '$\\Phi(s) = \\tfrac{1}{2}\\big(1 + \\operatorname{erf}(s / \\sqrt 2)\\big)$', '$\\Phi(s) + s\\, e^{-s^2/2} / \\sqrt{2\\pi}$'],
      f: gelu,
      value: (s) => s * Phi(s),
      slope: (s) => Phi(s) + (s * Math.exp((-s * s) / 2)) / Math.sqrt(2 * Math.PI),
    },
    {
      name: 'silu',
      tex: ['$\\phi(s) = s\\, \\sigma(s)$', '$\\sigma(s)\\big(1 + s\\,(1 - \\sigma(s))\\big)$'],
      f: silu,
      value: (s) => s * sig(s),
      slope: (s) => sig(s) * (1 + s * (1 - sig(s))),
    },
  ];
  for (const row of rows) {
    it(`${row.name}: the printed function and derivative are the engine’s`, () => {
      for (const tex of row.tex) expect(text, tex).toContain(bare(tex));
      const { value, slope } = valueAndSlope(row.f, S);
      S.forEach((s, k) => {
        expect(value[k]).toBeCloseTo(row.value(s), 5);
        expect(slope[k]).toBeCloseTo(row.slope(s), 5);
      });
    });
  }

  it('the numbers the text quotes', () => {
    const at = (f: (x: Tensor) => Tensor, s: number) => valueAndSlope(f, [s]);
    expect(at(sigmoid, 0).slope[0]).toBeCloseTo(0.25, 7);
    expect(at(sigmoid, 4).slope[0]).toBeCloseTo(0.018, 3); // "σ'(4) ≈ 0.018", "under 2%"
    expect(at(tanh, 4).slope[0]).toBeCloseTo(0.0013, 4); // "about 0.13%"
    expect(0.25 ** 10).toBeCloseTo(1e-6, 6); // "(1/4)^10 ≈ 10^-6"
    expect(sig(100 * 0.05)).toBeGreaterThan(0.99); // "at w = 100 … above 0.99 just 0.05 to the right"
    // GELU and SiLU dips and slope peaks, on a fine grid of engine values.
    const grid = Array.from({ length: 8001 }, (_, k) => -4 + k / 1000);
    for (const [f, min, argmin, peak, argpeak] of [
      [gelu, -0.17, -0.75, 1.13, Math.SQRT2],
      [silu, -0.28, -1.28, 1.1, 2.4],
    ] as const) {
      const { value, slope } = valueAndSlope(f, grid);
      const k = value.indexOf(Math.min(...value));
      expect(value[k]).toBeCloseTo(min, 2);
      expect(grid[k]).toBeCloseTo(argmin, 1);
      const top = slope.indexOf(Math.max(...slope));
      expect(slope[top]).toBeCloseTo(peak, 2);
      expect(grid[top]).toBeCloseTo(argpeak, 1);
    }
    expect(text).toContain(bare('to about $-0.17$ near $s = -0.75$ for GELU and about $-0.28$ near $s = -1.28$ for SiLU'));
    expect(text).toContain(bare('peaking at about 1.13 near $s = \\sqrt 2 \\approx 1.41$ for GELU and about 1.10 near $s = 2.40$ for SiLU'));
  });
});

/** The printed bin network as an engine MLP: 1 input, 2B sigmoid units, 1 linear output. */
function binNetwork(heights: number[], w: number): MLP {
  const B = heights.length;
  const model = new MLP({ sizes: [1, 2 * B, 1], activation: 'sigmoid', rng: new Rng(1) });
  const weight: number[] = [];
  const bias: number[] = [];
  const out: number[] = [];
  for (let i = 1; i <= B; i++) {
    const [lo, hi] = [(i - 1) / B, i / B];
    // g_i [σ(w(x − a_{i−1})) − σ(w(x − a_i))]
    weight.push(w, w);
    bias.push(-w * lo, -w * hi);
    out.push(heights[i - 1], -heights[i - 1]);
  }
  loadParameters(model, { 'layers.0.weight': weight, 'layers.0.bias': bias, 'layers.1.weight': out, 'layers.1.bias': [0] });
  return model;
}

const evaluate = (model: MLP, xs: number[]) => Array.from(noGrad(() => scope(() => model.forward(tensor(xs, [xs.length, 1])).toArray())));

describe('universal approximation with bins', () => {
  it('prints f(x) = Σ g_i [σ(w(x − a_{i−1})) − σ(w(x − a_i))] with g_i the bin mean, and the engine network is that sum', () => {
    const block = printed('f(x) = \\sum_{i=1}^{B} g_i \\Big[ \\sigma\\big(w\\,(x - a_{i-1})\\big) - \\sigma\\big(w\\,(x - a_i)\\big) \\Big]');
    expect(block).toContain(bare('g_i = B \\int_{a_{i-1}}^{a_i} g(x)\\, dx'));
    const heights = [0.2, -1, 0.7, 1.5, 0];
    const model = binNetwork(heights, 30);
    const xs = [0.03, 0.21, 0.5, 0.66, 0.97];
    const engine = evaluate(model, xs);
    xs.forEach((x, k) => {
      const hand = heights.reduce((s, g, i) => s + g * (sig(30 * (x - i / 5)) - sig(30 * (x - (i + 1) / 5))), 0);
      expect(engine[k]).toBeCloseTo(hand, 5);
    });
    model.dispose();
  });

  it('for a target constant on each bin, the error away from the edges falls below 1e-3 as w grows', () => {
    const heights = [1, -0.5, 0.25, 2, 0, -1, 0.5, 1.5];
    const B = heights.length;
    const xs = Array.from({ length: 400 }, (_, k) => (k + 0.5) / 400).filter((x) => Math.abs(x * B - Math.round(x * B)) > 0.1);
    const errors = [20, 80, 320, 1280].map((w) => {
      const model = binNetwork(heights, w);
      const f = evaluate(model, xs);
      model.dispose();
      return Math.max(...xs.map((x, k) => Math.abs(f[k] - heights[Math.floor(x * B)])));
    });
    for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThan(errors[i - 1]);
    expect(errors[errors.length - 1]).toBeLessThan(1e-3);
  });

  it('for g(x) = sin 2πx the MSE falls like 1/B², B²·MSE approaching π²/6', () => {
    expect(printed('\\mathrm{MSE} \\approx \\frac{1}{12 B^2} \\int_0^1 g\'(x)^2\\, dx')).toBeDefined();
    expect(text).toContain(bare('$\\pi^2/6 \\approx 1.64$'));
    const xs = Array.from({ length: 4000 }, (_, k) => (k + 0.5) / 4000);
    const mse = [5, 10, 20, 40].map((B) => {
      const heights = Array.from({ length: B }, (_, i) => ((Math.cos((2 * Math.PI * i) / B) - Math.cos((2 * Math.PI * (i + 1)) / B)) / (2 * Math.PI)) * B);
      const model = binNetwork(heights, 1000 * B);
      const f = evaluate(model, xs);
      model.dispose();
      return xs.reduce((s, x, k) => s + (f[k] - Math.sin(2 * Math.PI * x)) ** 2, 0) / xs.length;
    });
    for (let i = 1; i < mse.length; i++) expect(mse[i - 1] / mse[i]).toBeGreaterThan(3.5);
    expect(40 * 40 * mse[3]).toBeCloseTo(Math.PI ** 2 / 6, 1);
  });
});

describe('the playground’s losses', () => {
  it('prints cross-entropy and the squared error of the probabilities, as the engine computes them', () => {
    const block = printed('\\mathcal{L}_{\\mathrm{CE}} = \\frac{1}{n} \\sum_{i=1}^{n} \\Big( \\log \\sum_{k=1}^{K} e^{z_{ik}} - z_{i y_i} \\Big)');
    expect(block).toContain(bare('\\mathcal{L}_{\\mathrm{sq}} = \\frac{1}{n} \\sum_{i=1}^{n} \\sum_{k=1}^{K} \\big( p_{ik} - [y_i = k] \\big)^2'));
    const z = [
      [2, -1, 0.5],
      [-0.3, 0.1, 4],
      [1, 1, 1],
      [-2, 3, 0],
    ];
    const y = Int32Array.from([0, 2, 1, 0]);
    let ce = 0;
    let sq = 0;
    z.forEach((row, i) => {
      const e = row.map(Math.exp);
      const total = e.reduce((a, b) => a + b);
      ce += Math.log(total) - row[y[i]];
      row.forEach((_, k) => (sq += (e[k] / total - (y[i] === k ? 1 : 0)) ** 2));
    });
    const logits = tensor(z.flat(), [4, 3]);
    expect(scope(() => lossOf('ce', logits, y).item())).toBeCloseTo(ce / 4, 5);
    expect(scope(() => lossOf('sq', logits, y).item())).toBeCloseTo(sq / 4, 5);
    logits.dispose();
  });
});

describe('the playground’s L2 penalty', () => {
  it('is λ Σ‖W‖² over the weight matrices, biases left out: one SGD step of the widget’s optimizer descends L + λ Σ‖W‖²', () => {
    expect(text).toContain(bare('the optimizer descends the data loss plus $\\lambda \\sum_{\\ell} \\lVert W_\\ell \\rVert^2$, so the gradient with respect to each weight matrix $W_\\ell$ gains $2\\lambda W_\\ell$. As in chapter 2 the biases are left out'));
    expect(text).toContain(bare('The loss curves show the data loss alone, without the penalty'));
    const [lambda, lr] = [0.3, 0.1];
    const x = tensor([0.5, -1, 2, 0.25, -0.7, 1.5], [3, 2]);
    const y = Int32Array.from([0, 1, 1]);
    // The penalised loss, differentiated by the engine.
    const penalised = new MLP({ sizes: [2, 3, 2], activation: 'tanh', rng: new Rng(4) });
    const before = penalised.parameters().map((p) => Array.from(p.toArray()));
    scope(() => {
      const l2 = penalised.layers.reduce((acc: Tensor, l) => add(acc, sum(mul(l.weight, l.weight))), tensor([0]));
      backward(add(lossOf('ce', penalised.forward(x) as Tensor, y), mul(sum(l2), lambda)));
    });
    // The widget's optimizer: plain loss, decay 2λ, biases excluded.
    const decayed = new MLP({ sizes: [2, 3, 2], activation: 'tanh', rng: new Rng(4) });
    const opt = new SGD(decayed.parameters(), { lr, weightDecay: decayOf(lambda), noDecay: decayed.layers.map((l) => l.bias!) });
    scope(() => backward(lossOf('ce', decayed.forward(x) as Tensor, y)));
    opt.step();
    penalised.parameters().forEach((p, i) => {
      const expected = before[i].map((v, j) => v - lr * p.grad!.toArray()[j]);
      const got = Array.from(decayed.parameters()[i].toArray());
      got.forEach((v, j) => expect(v).toBeCloseTo(expected[j], 6));
    });
    expect(penalised.parameters().some((p) => p.shape.length === 1)).toBe(true); // a bias is among them
  });
});

/** erf to double precision (Abramowitz–Stegun 7.1.26 is too coarse for 5 digits): series / continued fraction. */
function erfRef(x: number): number {
  const t = Math.abs(x);
  let r: number;
  if (t < 2.5) {
    let term = t;
    let s = t;
    for (let n = 1; n < 60; n++) {
      term *= (-t * t) / n;
      s += term / (2 * n + 1);
    }
    r = (2 / Math.sqrt(Math.PI)) * s;
  } else {
    let f = 0;
    for (let n = 60; n >= 1; n--) f = n / 2 / (t + f);
    r = 1 - Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f);
  }
  return x < 0 ? -r : r;
}
