// The answers printed in the chapters' exercises, recomputed with the
// engine: a changed number in the text, or in the engine, fails here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conv2d, Conv2d, leastSquares, logsumexp, MLP, parameterCount, Rng, scope, sigmoid, softmax, tensor, zeros } from '@/engine';

const chapter = (file: string) => readFileSync(path.join(import.meta.dirname, '../../content', file), 'utf8');

describe("chapters 1–4's exercises", () => {
  it('chapter 1: from θ₀ = 1 on ½·4·θ² with η = 0.2, three steps leave 0.008', () => {
    let theta = 1;
    for (let t = 0; t < 3; t++) theta -= 0.2 * 4 * theta;
    expect(theta).toBeCloseTo(0.008, 12);
    expect(chapter('01-learning.mdx')).toContain('$0.2^3 = 0.008$');
  });

  it('chapter 2: the least-squares line through (0, 0), (1, 1), (2, 1) is w = 1/2, b = 1/6', () => {
    const fit = leastSquares([0, 1, 2], [0, 1, 1], 1);
    expect(fit.weights[0]).toBeCloseTo(0.5, 10);
    expect(fit.intercept).toBeCloseTo(1 / 6, 10);
  });

  it('chapter 3: σ(ln 3) = 3/4, softmax(1, 2, 3), logsumexp(1000, 1000) = 1000 + ln 2', () => {
    scope(() => {
      expect(sigmoid(tensor([Math.log(3)])).item()).toBeCloseTo(0.75, 6);
      expect(Array.from(softmax(tensor([1, 2, 3]), 0).toArray(), (v) => v.toFixed(3))).toEqual(['0.090', '0.245', '0.665']);
      expect(logsumexp(tensor([1000, 1000]), 0).item()).toBeCloseTo(1000.693, 2);
    });
    expect(chapter('03-logistic.mdx')).toContain('$(0.090, 0.245, 0.665)$');
  });

  it('chapter 4: a 2–8–8–1 network has 105 weights', () => {
    const net = new MLP({ sizes: [2, 8, 8, 1], rng: new Rng(1) });
    expect(parameterCount(net)).toBe(105);
    net.dispose();
  });
});

describe("chapter 6's exercises", () => {
  const text = chapter('06-cnn.mdx');

  it('a 5 × 5 convolution, 3 → 16 channels, padding 2: 32 × 32 × 16 out and 1,216 weights', () => {
    const layer = new Conv2d(3, 16, 5, { rng: new Rng(1), padding: 2 });
    scope(() => expect(layer.forward(zeros([1, 32, 32, 3])).shape).toEqual([1, 32, 32, 16]));
    expect(parameterCount(layer)).toBe(1216);
    expect(text).toContain('$5 \\cdot 5 \\cdot 3 \\cdot 16 + 16 = 1{,}216$');
    layer.dispose();
  });

  it('stride 2, no padding, 3 × 3 on 28 pixels: 13 wide', () => {
    scope(() => expect(conv2d(zeros([1, 28, 28, 1]), zeros([3, 3, 1, 1]), { stride: 2 }).shape).toEqual([1, 13, 13, 1]));
  });
});

describe("chapter 7's exercises", () => {
  const text = chapter('07-transformer.mdx');

  it('softmax(z/T) for z = (2, 1, 0) at T = 0.5, 1, 2, to three places', () => {
    for (const [T, printed] of [[0.5, '(0.867, 0.117, 0.016)'], [1, '(0.665, 0.245, 0.090)'], [2, '(0.506, 0.307, 0.186)']] as const) {
      const p = scope(() => Array.from(softmax(tensor([2 / T, 1 / T, 0]), 0).toArray()));
      expect(`(${p.map((v) => v.toFixed(3)).join(', ')})`).toBe(printed);
      expect(text).toContain(`$${printed}$`);
    }
  });

  it('attention weights and KV-cache size for L = 1,024, 12 layers × 12 heads, d = 768', () => {
    expect(1024 ** 2 * 12 * 12).toBeCloseTo(151e6, -6);
    expect(2 * 12 * 1024 * 768).toBeCloseTo(18.9e6, -5);
    expect(text).toContain('151$ million weights');
    expect(text).toContain('18.9$ million numbers');
  });
});
