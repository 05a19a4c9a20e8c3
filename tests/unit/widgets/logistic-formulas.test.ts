/**
 * The formulas chapter 3 prints are the formulas the engine computes:
 * each displayed block is found in the MDX and checked against the
 * engine's ops, losses and autodiff (and the widgets' models).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backward, bceWithLogits, exp, logSoftmax, logsumexp, parameter, scope, sigmoid, softmax, softmaxCrossEntropy, tensor, withBackend, JsBackend } from '@/engine';
import { lossOf } from '@/components/widgets/classifier-2d/model';
import { logitOf, reliability } from '@/components/widgets/classifier-2d/calibration';
import { softmaxReport } from '@/components/widgets/softmax-temperature/model';

const chapter = readFileSync(new URL('../../../content/03-logistic.mdx', import.meta.url), 'utf8');
const bare = (tex: string) => tex.replace(/&|\\,|\\!|\s+/g, '');
const blocks = [...chapter.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)].map((m) => bare(m[1]));
function printed(...pieces: string[]): void {
  const block = blocks.find((b) => b.includes(bare(pieces[0])));
  expect(block, `a display block with ${pieces[0]}`).toBeDefined();
  for (const piece of pieces.slice(1)) expect(block).toContain(bare(piece));
}

const values = (t: ReturnType<typeof tensor>) => Array.from(t.toArray());
const zs = [-30, -6, -1.5, 0, 0.4, 2, 9, 40];
const sig = (z: number) => 1 / (1 + Math.exp(-z));

/** dℓ/dz of a loss of one logit, by the engine's autodiff. */
function gradAt(z: number, loss: (t: ReturnType<typeof parameter>) => ReturnType<typeof tensor>): number {
  const p = parameter(tensor([z], [1, 1]));
  scope(() => backward(loss(p)));
  const g = p.grad!.item();
  p.dispose();
  return g;
}

describe('the sigmoid and the threshold', () => {
  it('σ(z) = 1/(1 + e^−z), σ(−z) = 1 − σ(z), σ′ = σ(1 − σ)', () => {
    printed('\\sigma(z) = \\frac{1}{1 + e^{-z}}');
    printed("\\sigma'(z) = \\sigma(z)\\,\\big(1 - \\sigma(z)\\big)");
    const s = values(sigmoid(tensor(zs)));
    zs.forEach((z, i) => expect(s[i]).toBeCloseTo(sig(z), 6));
    const neg = values(sigmoid(tensor(zs.map((z) => -z))));
    zs.forEach((_, i) => expect(neg[i]).toBeCloseTo(1 - s[i], 6));
    for (const z of [-3, 0, 0.7, 4]) expect(gradAt(z, (p) => sigmoid(p))).toBeCloseTo(sig(z) * (1 - sig(z)), 6);
  });

  it('the score is the log-odds: z = log(p/(1 − p))', () => {
    printed('z = \\log \\frac{p}{1 - p}');
    for (const p of [0.1, 0.5, 0.75, 0.99]) expect(sig(logitOf(p))).toBeCloseTo(p, 12);
    expect(logitOf(0.75)).toBeCloseTo(Math.log(3), 12);
  });

  it('σ(z) ≥ τ exactly when z ≥ log(τ/(1 − τ))', () => {
    printed('\\hat y = 1 \\ \\text{ exactly when } \\ z \\ge \\log\\frac{\\tau}{1 - \\tau}');
    const s = values(sigmoid(tensor(zs)));
    for (const tau of [0.1, 0.5, 0.9]) zs.forEach((z, i) => expect(s[i] >= tau).toBe(z >= logitOf(tau)));
  });

  it('the cost-optimal threshold makes the two expected costs equal', () => {
    printed('p \\ \\ge\\ \\frac{c_{\\mathrm{FP}}}{c_{\\mathrm{FP}} + c_{\\mathrm{FN}}}');
    const [cFP, cFN] = [1, 9];
    const tau = cFP / (cFP + cFN);
    expect(tau).toBeCloseTo(0.1, 12);
    expect((1 - tau) * cFP).toBeCloseTo(tau * cFN, 12);
  });
});

describe('cross-entropy', () => {
  const labels = [1, 0, 1, 1, 0, 0, 1, 0];

  it('a product of halves underflows where the text says: 150 factors in float32, about 1,075 in float64', () => {
    const halvings = (round: (x: number) => number) => {
      let [p, n] = [1, 0];
      while (p > 0) [p, n] = [round(p * 0.5), n + 1];
      return n;
    };
    expect(halvings(Math.fround)).toBe(150);
    expect(halvings((x) => x)).toBe(1075);
    expect(bare(chapter)).toContain(bare('150 factors of one half already multiply out to exactly zero, and 64-bit floats give out at about 1,075'));
  });

  it('the printed binary cross-entropy is the engine’s bceWithLogits and the widget’s loss', () => {
    printed(
      '\\mathcal{L}(\\theta) = -\\frac{1}{n} \\sum_{i=1}^{n} \\Big[ y_i \\log \\sigma(z_i) + (1 - y_i) \\log\\big(1 - \\sigma(z_i)\\big) \\Big]',
      'z_i = w^\\top x_i + b',
    );
    const small = zs.slice(1, 7);
    const y = labels.slice(1, 7);
    const hand = -small.reduce((acc, z, i) => acc + y[i] * Math.log(sig(z)) + (1 - y[i]) * Math.log(1 - sig(z)), 0) / small.length;
    expect(bceWithLogits(tensor(small), y).item()).toBeCloseTo(hand, 5);
    expect(lossOf('ce', tensor(small, [small.length, 1]), Int32Array.from(y)).item()).toBeCloseTo(hand, 5);
  });

  it('per example: log(1 + e^−z) for y = 1, log(1 + e^z) for y = 0, finite however wrong', () => {
    printed('\\log\\big(1 + e^{-z}\\big) & y = 1', '\\log\\big(1 + e^{z}\\big) & y = 0');
    for (const z of zs) {
      expect(bceWithLogits(tensor([z]), [1]).item()).toBeCloseTo(Math.log1p(Math.exp(-z)), 4);
      expect(bceWithLogits(tensor([z]), [0]).item()).toBeCloseTo(Math.log1p(Math.exp(z)), 4);
    }
    expect(bceWithLogits(tensor([-200]), [1]).item()).toBeCloseTo(200, 3);
  });

  it('the logsumexp form of the binary loss: max(0, −z) + log(1 + e^−|z|)', () => {
    expect(bare(chapter)).toContain(bare('$\\log(1 + e^{-z}) = \\operatorname{logsumexp}(0, -z) = \\max(0, -z) + \\log\\big(1 + e^{-\\lvert z \\rvert}\\big)$'));
    expect(bare(chapter)).toContain(bare('the log-softmax of the pair $(0, z)$, whose two entries are $\\log(1 - \\sigma(z))$ and $\\log \\sigma(z)$'));
    for (const z of zs) {
      const form = Math.max(0, -z) + Math.log1p(Math.exp(-Math.abs(z)));
      expect(form).toBeCloseTo(Math.log1p(Math.exp(-z)), 9);
      expect(logsumexp(tensor([0, -z])).item()).toBeCloseTo(form, 4);
      // The engine's form for a label y: the log-softmax of (0, z) holds log(1 − σ), log σ.
      const [logNot, logIs] = values(logSoftmax(tensor([0, z])));
      expect(logIs).toBeCloseTo(-Math.log1p(Math.exp(-z)), 4);
      expect(logNot).toBeCloseTo(-Math.log1p(Math.exp(z)), 4);
      for (const y of [0, 1, 0.3]) expect(bceWithLogits(tensor([z]), [y]).item()).toBeCloseTo(-((1 - y) * logNot + y * logIs), 4);
    }
  });

  it('its gradient is σ(z) − y', () => {
    printed('\\frac{\\partial \\ell}{\\partial z} = \\sigma(z) - y', '\\nabla_w\\, \\ell = \\big(\\sigma(z) - y\\big)\\, x');
    // z = 0 included: a zero-initialized model starts there.
    for (const z of [-6, -1, 0, 2.5, 30]) {
      for (const y of [0, 0.3, 1]) expect(gradAt(z, (p) => bceWithLogits(p, [y]))).toBeCloseTo(sig(z) - y, 6);
    }
  });

  it('squared error on σ has the gradient 2(σ − y)σ(1 − σ), about 200 times weaker than cross-entropy’s at z = −6', () => {
    printed('\\frac{\\partial}{\\partial z} \\big(\\sigma(z) - y\\big)^2 = 2\\,\\big(\\sigma(z) - y\\big)\\, \\sigma(z)\\, \\big(1 - \\sigma(z)\\big)');
    for (const z of [-6, -1, 0, 2.5]) {
      for (const y of [0, 1]) {
        const want = 2 * (sig(z) - y) * sig(z) * (1 - sig(z));
        expect(gradAt(z, (p) => lossOf('sq', p, Int32Array.of(y)))).toBeCloseTo(want, 6);
      }
    }
    const ratio = gradAt(-6, (p) => bceWithLogits(p, [1])) / gradAt(-6, (p) => lossOf('sq', p, Int32Array.of(1)));
    expect(ratio).toBeGreaterThan(190);
    expect(ratio).toBeLessThan(210);
  });
});

describe('softmax', () => {
  const z = [2, -1, 0.5, 3.2];

  it('softmax(z)_k = e^{z_k}/Σ e^{z_j}, unchanged by a shift, and σ(z₁ − z₀) for two classes', () => {
    printed('\\mathrm{softmax}(z)_k = \\frac{e^{z_k}}{\\sum_{j} e^{z_j}}');
    const total = z.reduce((a, v) => a + Math.exp(v), 0);
    const p = values(softmax(tensor(z)));
    z.forEach((v, k) => expect(p[k]).toBeCloseTo(Math.exp(v) / total, 6));
    values(softmax(tensor(z.map((v) => v + 17)))).forEach((q, k) => expect(q).toBeCloseTo(p[k], 6));
    expect(softmax(tensor([0.3, 1.8])).toArray()[1]).toBeCloseTo(sig(1.5), 6);
  });

  it('softmax cross-entropy is logsumexp(z) − z_y, with gradient softmax(z) − e_y', () => {
    printed('\\ell(z, y) = -\\log \\mathrm{softmax}(z)_y = \\log \\sum_{j} e^{z_j} - z_y');
    printed('\\nabla_z\\, \\ell = \\mathrm{softmax}(z) - e_y');
    const lse = Math.log(z.reduce((a, v) => a + Math.exp(v), 0));
    const p = values(softmax(tensor(z)));
    for (let y = 0; y < z.length; y++) {
      const w = parameter(tensor(z, [1, 4]));
      const loss = scope(() => {
        const l = softmaxCrossEntropy(w, [y]);
        backward(l);
        return l.item();
      });
      expect(loss).toBeCloseTo(lse - z[y], 5);
      Array.from(w.grad!.toArray()).forEach((g, k) => expect(g).toBeCloseTo(p[k] - (k === y ? 1 : 0), 6));
      w.dispose();
    }
  });
});

describe('temperature', () => {
  const z = [3, 1.5, 1, -0.5, -2];

  it('softmax(z/T) is the engine’s softmax at temperature T', () => {
    printed('\\mathrm{softmax}(z / T)_k = \\frac{e^{z_k / T}}{\\sum_{j} e^{z_j / T}}');
    for (const T of [0.3, 1, 7]) {
      const total = z.reduce((a, v) => a + Math.exp(v / T), 0);
      values(softmax(tensor(z), -1, T)).forEach((p, k) => expect(p).toBeCloseTo(Math.exp(z[k] / T) / total, 6));
      expect(Array.from(softmaxReport({ logits: z, temperature: T }).probs)).toEqual(values(softmax(tensor(z), -1, T)));
    }
  });

  it('T → 0 gives the one-hot of the argmax, T → ∞ the uniform distribution; ties share', () => {
    printed('\\lim_{T \\to 0}\\ \\mathrm{softmax}(z / T) = e_{a}', '\\lim_{T \\to \\infty}\\ \\mathrm{softmax}(z / T) = \\Big(\\frac{1}{K}, \\ldots, \\frac{1}{K}\\Big)');
    expect(Array.from(softmaxReport({ logits: z, temperature: 0.01 }).probs)).toEqual([1, 0, 0, 0, 0]);
    const hot = softmaxReport({ logits: z, temperature: 100 });
    hot.probs.forEach((p) => expect(Math.abs(p - 0.2)).toBeLessThan(0.006));
    const tie = softmaxReport({ logits: [3, 3, 1, -0.5, -2], temperature: 0.01 });
    expect(Array.from(tie.probs)).toEqual([0.5, 0.5, 0, 0, 0]); // the tie Predict: "p₁ and p₂ read 0.500 each, the other three 0.000"
    expect(chapter).toContain('p₁ and p₂ read 0.500 each, the other three 0.000');
    const broken = softmaxReport({ logits: [3, 2.9, 1, -0.5, -2], temperature: 0.01 });
    expect(broken.maxProb.toFixed(3)).toBe('1.000');
  });

  it('entropy −Σ p log p runs from 0 to log K and rises with T', () => {
    printed('H(p) = -\\sum_{k} p_k \\log p_k');
    let previous = -1;
    for (const T of [0.01, 0.1, 0.5, 1, 2, 10, 100]) {
      const r = softmaxReport({ logits: z, temperature: T });
      const hand = -Array.from(r.probs).reduce((a, p) => a + (p > 0 ? p * Math.log(p) : 0), 0);
      expect(r.entropy).toBeCloseTo(hand, 5);
      expect(r.entropy).toBeGreaterThan(previous - 1e-6);
      previous = r.entropy;
    }
    expect(softmaxReport({ logits: z, temperature: 0.01 }).entropy.toFixed(3)).toBe('0.000');
    expect(softmaxReport({ logits: z, temperature: 100 }).entropy.toFixed(3)).toBe(Math.log(5).toFixed(3));
  });
});

describe('the logsumexp trick', () => {
  it('logsumexp(z) = z_max + log Σ e^{z_j − z_max}, between max and max + log K', () => {
    printed('\\operatorname{logsumexp}(z) = z_{\\max} + \\log \\sum_j e^{z_j - z_{\\max}}', '\\mathrm{softmax}(z)_k = e^{z_k - \\operatorname{logsumexp}(z)}');
    const z = [4, -2, 1.5];
    const m = 4;
    const lse = logsumexp(tensor(z)).item();
    expect(lse).toBeCloseTo(m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0)), 5);
    expect(lse).toBeGreaterThanOrEqual(m);
    expect(lse).toBeLessThanOrEqual(m + Math.log(3));
  });

  it('float32 exp overflows above about 88.7 and underflows below about −104', () => {
    const e = values(exp(tensor([88.7, 88.8, -103.9, -104.1])));
    expect(Number.isFinite(e[0])).toBe(true);
    expect(e[1]).toBe(Infinity);
    expect(e[2]).toBeGreaterThan(0);
    expect(e[3]).toBe(0);
    // float64 moves the edges to about 709 and −745.
    withBackend(new JsBackend({ dtype: 'float64' }), () => {
      const f = Array.from(exp(tensor([709, 710, -745, -746])).view());
      expect([Number.isFinite(f[0]), f[1], f[2] > 0, f[3]]).toEqual([true, Infinity, true, 0]);
    });
  });

  it('z = (100, 99): naive ∞/∞ is not a number, the stable softmax gives 0.731 and 0.269', () => {
    const r = softmaxReport({ logits: [10, 9.9, 0], temperature: 0.1 });
    expect(r.naiveExp[0]).toBe(Infinity);
    expect(Number.isNaN(r.naiveProbs[0])).toBe(true);
    expect(r.probs[0]).toBeCloseTo(0.731, 3);
    expect(r.probs[1]).toBeCloseTo(0.269, 3);
    expect(r.shiftedExp[0]).toBe(1);
  });

  it('log softmax and cross-entropy never form the probabilities', () => {
    printed('\\log \\mathrm{softmax}(z)_k = z_k - \\operatorname{logsumexp}(z)', '\\ell(z, y) = \\operatorname{logsumexp}(z) - z_y');
    const loss = softmaxCrossEntropy(tensor([[1000, 0, -1000]]), [2]).item();
    expect(loss).toBeCloseTo(2000, 0);
  });

  it('the naive computation first breaks below T = 3/88.7 for the default logits', () => {
    const z = [3, 1.5, 1, -0.5, -2];
    expect(Number.isFinite(softmaxReport({ logits: z, temperature: 0.034 }).naiveSum)).toBe(true);
    expect(softmaxReport({ logits: z, temperature: 0.033 }).naiveSum).toBe(Infinity);
    const at = softmaxReport({ logits: z, temperature: 0.02 });
    expect(at.scaled[0]).toBe(150);
    expect(Array.from(at.probs).every(Number.isFinite)).toBe(true);
  });
});

describe('calibration', () => {
  it('ECE = Σ (n_b/n)|freq_b − conf_b| on B equal bins', () => {
    printed('\\mathrm{ECE} = \\sum_{u=1}^{B} \\frac{n_u}{n}\\, \\big|\\, \\mathrm{freq}_u - \\mathrm{conf}_u \\,\\big|');
    // Two bins (B = 2): [0.2, 0.4] with labels [0, 1] and [0.9, 0.7, 0.8] with labels [1, 1, 0].
    const probs = [0.2, 0.4, 0.9, 0.7, 0.8];
    const labels = [0, 1, 1, 1, 0];
    const r = reliability(probs, labels, 1, 2);
    expect(Array.from(r.count)).toEqual([2, 3]);
    expect(r.confidence[0]).toBeCloseTo(0.3, 6);
    expect(r.frequency[1]).toBeCloseTo(2 / 3, 6);
    expect(r.ece).toBeCloseTo((2 / 5) * Math.abs(0.5 - 0.3) + (3 / 5) * Math.abs(2 / 3 - 0.8), 6);
  });

  it('a binary model over-confident both ways draws bars below the diagonal right of ½ and above it left of ½, as the text reads them', () => {
    expect(bare(chapter)).toContain(bare('Over-confidence in both directions shows as bars below the diagonal on the right and above it on the left.'));
    // True probabilities q on a grid; the model reports q pushed away from ½ (logit doubled).
    const probs: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20; i++) {
      const q = 0.025 + i * 0.05;
      const p = sig(2 * Math.log(q / (1 - q)));
      for (let j = 0; j < 200; j++) {
        probs.push(p);
        labels.push(j < Math.round(q * 200) ? 1 : 0);
      }
    }
    const r = reliability(probs, labels, 1, 10);
    for (let b = 0; b < 10; b++) {
      if (r.count[b] === 0 || Math.abs(r.confidence[b] - 0.5) < 0.05) continue;
      if (r.confidence[b] > 0.5) expect(r.frequency[b]).toBeLessThan(r.confidence[b]);
      else expect(r.frequency[b]).toBeGreaterThan(r.confidence[b]);
    }
  });

  it('top-label form for several classes: confidence against accuracy', () => {
    const probs = [0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.5, 0.4, 0.1];
    const r = reliability(probs, [0, 0, 0], 3, 10);
    expect(r.count[7]).toBe(1); // 0.7, right
    expect(r.count[6]).toBe(1); // 0.6, wrong
    expect(r.count[5]).toBe(1); // 0.5, right
    expect(r.frequency[7]).toBe(1);
    expect(r.frequency[6]).toBe(0);
  });
});
