// The answers printed in chapters 6 and 7's exercises, recomputed with the
// engine: a changed number in the text, or in the engine, fails here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conv2d, Conv2d, parameterCount, Rng, scope, softmax, tensor, zeros } from '@/engine';

const chapter = (file: string) => readFileSync(path.join(import.meta.dirname, '../../content', file), 'utf8');

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
