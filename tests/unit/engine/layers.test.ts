// Forward values of the convolution, pooling, indexing, normalization and
// dropout ops, and the layers built on them.

import { describe, expect, it } from 'vitest';
import {
  avgPool2d, backward, CNN, cnnFeatureSize, Conv2d, conv1d, conv2d, dropout, Embedding, gather, getBackend, layerNorm, LayerNorm,
  maxPool2d, mean, mul, parameter, Pool2d, Rng, scatterAdd, scope, sinusoidalPositions, softmaxCrossEntropy, sum,
  tensor, type Conv2dOptions,
} from '@/engine';

const values = (t: { toArray(): Float32Array }) => Array.from(t.toArray());
const randomValues = (n: number, seed: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.uniform(-1, 1));
};

/** Convolution straight from its definition, in doubles, with explicit
 * [top, bottom, left, right] padding. */
function naiveConv2d(
  x: number[], [n, h, w, cin]: number[], f: number[], [kh, kw, , cout]: number[],
  { stride: [sh, sw], dilation: [dh, dw], pad: [pt, pb, pl, pr], groups }: { stride: number[]; dilation: number[]; pad: number[]; groups: number },
): { out: number[]; shape: number[] } {
  const oh = Math.floor((h + pt + pb - (kh - 1) * dh - 1) / sh) + 1;
  const ow = Math.floor((w + pl + pr - (kw - 1) * dw - 1) / sw) + 1;
  const cinG = cin / groups;
  const coutG = cout / groups;
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let co = 0; co < cout; co++) {
          const g = Math.floor(co / coutG);
          let s = 0;
          for (let p = 0; p < kh; p++)
            for (let q = 0; q < kw; q++)
              for (let c = 0; c < cinG; c++) {
                const y = i * sh - pt + p * dh;
                const z = j * sw - pl + q * dw;
                if (y < 0 || y >= h || z < 0 || z >= w) continue;
                s += x[((b * h + y) * w + z) * cin + g * cinG + c] * f[((p * kw + q) * cinG + c) * cout + co];
              }
          out.push(s);
        }
  return { out, shape: [n, oh, ow, cout] };
}

describe('conv2d (NHWC input, HWIO filter)', () => {
  const cases: [string, number[], number[], Conv2dOptions, number[]][] = [
    ['valid', [2, 5, 6, 3], [3, 3, 3, 4], {}, [0, 0, 0, 0]],
    ['same, stride 2 (odd padding goes after)', [1, 6, 7, 2], [3, 2, 2, 3], { padding: 'same', stride: 2 }, [0, 1, 0, 1]],
    ['same, stride 1', [1, 5, 5, 2], [3, 3, 2, 2], { padding: 'same' }, [1, 1, 1, 1]],
    ['explicit padding, dilation 2', [1, 6, 6, 1], [2, 3, 1, 2], { padding: [1, 0, 2, 1], dilation: 2 }, [1, 0, 2, 1]],
    ['groups 2', [2, 4, 4, 4], [3, 3, 2, 6], { padding: 1, groups: 2 }, [1, 1, 1, 1]],
    ['depthwise (groups = channels)', [1, 5, 5, 3], [3, 3, 1, 3], { groups: 3, stride: [2, 1] }, [0, 0, 0, 0]],
  ];
  it.each(cases)('matches the definition: %s', (_, xs, ws, options, pad) => {
    const xv = randomValues(xs.reduce((a, b) => a * b), 1);
    const wv = randomValues(ws.reduce((a, b) => a * b), 2);
    const stride = typeof options.stride === 'number' ? [options.stride, options.stride] : (options.stride ?? [1, 1]);
    const d = options.dilation ?? 1;
    const expected = naiveConv2d(xv, xs, wv, ws, { stride: [...stride], dilation: [d, d].map(Number), pad, groups: options.groups ?? 1 });
    scope(() => {
      const y = conv2d(tensor(xv, xs), tensor(wv, ws), options);
      expect(y.shape).toEqual(expected.shape);
      values(y).forEach((v, i) => expect(v).toBeCloseTo(expected.out[i], 5));
    });
  });

  it('is cross-correlation: a one-hot filter shifts the image', () => {
    scope(() => {
      const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
      // w[0, 1] = 1: out[i, j] = x[i, j + 1]
      const y = conv2d(x, tensor([0, 1, 0, 0], [2, 2, 1, 1]));
      expect(values(y)).toEqual([2, 3, 5, 6]);
    });
  });

  it('propagates NaN and Infinity (no shortcut for zero inputs)', () => {
    scope(() => {
      const y = conv2d(tensor([0, 0], [1, 1, 2, 1]), tensor([Infinity], [1, 1, 1, 1]));
      expect(values(y).every(Number.isNaN)).toBe(true);
    });
  });

  it('refuses filters that do not fit', () => {
    scope(() => {
      expect(() => conv2d(tensor(new Float32Array(8), [1, 2, 2, 2]), tensor(new Float32Array(9), [3, 3, 1, 1]))).toThrow(/channels/);
      expect(() => conv2d(tensor(new Float32Array(4), [1, 2, 2, 1]), tensor(new Float32Array(9), [3, 3, 1, 1]))).toThrow(/does not fit/);
    });
  });
});

describe('conv1d', () => {
  it('with causal padding, output t depends only on inputs ≤ t', () => {
    scope(() => {
      const w = tensor(randomValues(3 * 2 * 2, 4), [3, 2, 2]);
      const x = randomValues(8 * 2, 5);
      const a = values(conv1d(tensor(x, [1, 8, 2]), w, { padding: 'causal', dilation: 2 }));
      x[5 * 2] += 1; // change time step 5
      const b = values(conv1d(tensor(x, [1, 8, 2]), w, { padding: 'causal', dilation: 2 }));
      expect(a.length).toBe(16);
      for (let t = 0; t < 8; t++) {
        const changed = a[t * 2] !== b[t * 2] || a[t * 2 + 1] !== b[t * 2 + 1];
        expect(changed, `t = ${t}`).toBe([5, 7].includes(t)); // taps at t, t−2, t−4
      }
    });
  });

  it('equals a sliding dot product', () => {
    scope(() => {
      const y = conv1d(tensor([1, 2, 3, 4], [1, 4, 1]), tensor([1, 10], [2, 1, 1]));
      expect(values(y)).toEqual([21, 32, 43]);
      expect(values(conv1d(tensor([1, 2, 3, 4], [1, 4, 1]), tensor([1, 10], [2, 1, 1]), { padding: 'causal' }))).toEqual([10, 21, 32, 43]);
    });
  });
});

describe('pooling', () => {
  const x = () => tensor([1, 5, 2, 0, 3, 4, 8, 1, 0, 2, 7, 6, 9, 1, 3, 2], [1, 4, 4, 1]);

  it('max and average over 2×2 windows', () => {
    scope(() => {
      expect(values(maxPool2d(x(), 2))).toEqual([5, 8, 9, 7]);
      expect(values(avgPool2d(x(), 2))).toEqual([13 / 4, 11 / 4, 12 / 4, 18 / 4]);
    });
  });

  it("'same' padding ignores padded positions", () => {
    scope(() => {
      const y = avgPool2d(tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]), 2, { padding: 'same' });
      expect(y.shape).toEqual([1, 2, 2, 1]);
      expect(values(y)).toEqual([3, 4.5, 7.5, 9]);
      expect(values(maxPool2d(tensor([-1, -2, -3, -4], [1, 2, 2, 1]), 3, { stride: 1, padding: 'same' }))).toEqual([-1, -1, -1, -1]);
    });
  });

  it('max pooling sends the gradient to each window’s maximum', () => {
    const input = parameter(x());
    scope(() => backward(sum(maxPool2d(input, 2))));
    expect(values(input.grad!)).toEqual([0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0]);
    input.dispose();
  });
});

describe('gather and scatterAdd', () => {
  it('gather looks up rows by id, any id shape', () => {
    scope(() => {
      const table = tensor([[0, 1], [10, 11], [20, 21]]);
      const y = gather(table, tensor([[2, 0], [1, 1]]));
      expect(y.shape).toEqual([2, 2, 2]);
      expect(values(y)).toEqual([20, 21, 0, 1, 10, 11, 10, 11]);
      expect(values(gather(table, [1, 0], 1))).toEqual([1, 0, 11, 10, 21, 20]);
    });
  });

  it('scatterAdd adds repeated ids up; it is gather’s transpose', () => {
    scope(() => {
      const y = scatterAdd(tensor([[1, 2], [3, 4], [5, 6]]), [2, 0, 2], 4);
      expect(values(y)).toEqual([3, 4, 0, 0, 6, 8, 0, 0]);
      const table = parameter(tensor([[0, 0], [0, 0], [0, 0]]));
      backward(sum(mul(gather(table, [1, 1, 2]), tensor([[1, 2], [3, 4], [5, 6]]))));
      expect(values(table.grad!)).toEqual([0, 0, 4, 6, 5, 6]);
      table.dispose();
    });
  });

  it('refuses ids out of range or not integers', () => {
    scope(() => {
      const table = tensor([[0, 1], [10, 11]]);
      expect(() => gather(table, [2])).toThrow(/index 2/);
      expect(() => gather(table, [0.5])).toThrow(/index 0.5/);
      expect(() => gather(table, [-1])).toThrow(/index -1/);
    });
  });
});

describe('layer norm and dropout', () => {
  it('layerNorm gives each vector mean 0 and variance 1, then γ and β', () => {
    scope(() => {
      const x = tensor(randomValues(24, 7).map((v) => 3 * v + 5), [2, 3, 4]);
      const y = layerNorm(x);
      values(mean(y, -1)).forEach((m) => expect(m).toBeCloseTo(0, 5));
      values(mean(mul(y, y), -1)).forEach((v) => expect(v).toBeCloseTo(1, 3));
      const norm = new LayerNorm(4);
      expect(values(norm.forward(x))).toEqual(values(y));
      expect(norm.namedParameters().map(([n]) => n)).toEqual(['weight', 'bias']);
      const scaled = layerNorm(x, tensor([2, 2, 2, 2]), tensor([1, 1, 1, 1]));
      values(scaled).forEach((v, i) => expect(v).toBeCloseTo(2 * values(y)[i] + 1, 5));
      norm.dispose();
    });
  });

  it('dropout zeroes about p of the values, scales the rest by 1/(1 − p), and is seeded', () => {
    scope(() => {
      const x = tensor(new Float32Array(10000).fill(1), [100, 100]);
      const a = values(dropout(x, { p: 0.3, rng: new Rng(1), training: true }));
      const zeros = a.filter((v) => v === 0).length / a.length;
      expect(zeros).toBeGreaterThan(0.28);
      expect(zeros).toBeLessThan(0.32);
      expect(a.filter((v) => v !== 0).every((v) => Math.abs(v - 1 / 0.7) < 1e-6)).toBe(true);
      expect(values(dropout(x, { p: 0.3, rng: new Rng(1), training: true }))).toEqual(a);
      expect(dropout(x, { p: 0.3, rng: new Rng(1), training: false })).toBe(x);
    });
  });
});

describe('embeddings', () => {
  it('Embedding maps [batch, time] ids to [batch, time, dim]', () => {
    const emb = new Embedding(5, 3, { rng: new Rng(1) });
    scope(() => {
      const y = emb.forward(tensor([[4, 0, 4]]));
      expect(y.shape).toEqual([1, 3, 3]);
      const w = values(emb.weight);
      expect(values(y)).toEqual([...w.slice(12, 15), ...w.slice(0, 3), ...w.slice(12, 15)]);
    });
    emb.dispose();
  });

  it('sinusoidal positions: sin and cos pairs at geometric frequencies', () => {
    scope(() => {
      const pe = values(sinusoidalPositions(3, 4));
      expect(pe.slice(0, 4)).toEqual([0, 1, 0, 1]);
      const row2 = [Math.sin(2), Math.cos(2), Math.sin(2 / 100), Math.cos(2 / 100)];
      pe.slice(8, 12).forEach((v, i) => expect(v).toBeCloseTo(row2[i], 6));
    });
  });
});

describe('convolutional layers', () => {
  it('Conv2d, Pool2d and CNN shapes; features per block; parameter names', () => {
    const rng = new Rng(2);
    const layer = new Conv2d(3, 6, 3, { rng, padding: 'same', groups: 3 });
    expect(layer.weight.shape).toEqual([3, 3, 1, 6]);
    const cnn = new CNN({ inChannels: 1, channels: [4, 8], classes: 4, rng });
    scope(() => {
      expect(layer.forward(tensor(new Float32Array(2 * 5 * 5 * 3), [2, 5, 5, 3])).shape).toEqual([2, 5, 5, 6]);
      expect(new Pool2d('max', 2).forward(tensor(new Float32Array(2 * 5 * 5 * 3), [2, 5, 5, 3])).shape).toEqual([2, 2, 2, 3]);
      const { logits, features } = cnn.forward(tensor(randomValues(3 * 16 * 16, 3), [3, 16, 16, 1]), { features: true });
      expect(logits.shape).toEqual([3, 4]);
      expect(features.map((f) => f.shape)).toEqual([[3, 8, 8, 4], [3, 4, 4, 8]]);
    });
    expect(cnn.namedParameters().map(([n]) => n)).toEqual(['convs.0.weight', 'convs.0.bias', 'convs.1.weight', 'convs.1.bias', 'head.weight', 'head.bias']);
    layer.dispose();
    cnn.dispose();
  });

  it("head 'flatten' feeds every position of the last maps to the head: the chapter's 9,098-parameter CNN", () => {
    // 28×28 → conv 8 → pool → 14×14 → conv 16 → pool → 7×7×16 = 784 features → 10 logits:
    // 3·3·1·8 + 8 = 80, 3·3·8·16 + 16 = 1,168, 784·10 + 10 = 7,850.
    const cnn = new CNN({ inChannels: 1, channels: [8, 16], classes: 10, rng: new Rng(4), head: 'flatten', inputSize: 28 });
    expect(cnnFeatureSize(28, 2)).toEqual([7, 7]);
    expect(cnn.head.weight.shape).toEqual([10, 784]);
    expect(cnn.parameters().reduce((n, p) => n + p.size, 0)).toBe(80 + 1168 + 7850);
    scope(() => expect(cnn.forward(tensor(randomValues(2 * 28 * 28, 5), [2, 28, 28, 1])).shape).toEqual([2, 10]));
    // Odd sizes round up at each pool ('same' padding), and the head must be told the input size.
    expect(cnnFeatureSize([15, 9], 2)).toEqual([4, 3]);
    expect(() => new CNN({ inChannels: 1, channels: [2], classes: 2, rng: new Rng(1), head: 'flatten' })).toThrow(/inputSize/);
    cnn.dispose();
  });

  it('a CNN training step frees everything it allocates', () => {
    const cnn = new CNN({ inChannels: 1, channels: [4], classes: 2, rng: new Rng(3) });
    const step = () =>
      scope(() => {
        const loss = softmaxCrossEntropy(cnn.forward(tensor(randomValues(2 * 8 * 8, 4), [2, 8, 8, 1])), [0, 1]);
        backward(loss);
        cnn.parameters().forEach((p) => p.grad?.dispose());
        cnn.parameters().forEach((p) => (p.grad = null));
      });
    step();
    const before = getBackend().bytesInUse();
    for (let i = 0; i < 20; i++) step();
    expect(getBackend().bytesInUse()).toBe(before);
    cnn.dispose();
  });
});
