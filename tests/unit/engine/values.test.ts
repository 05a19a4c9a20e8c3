// Forward values against numbers worked out by hand.

import { describe, expect, it } from 'vitest';
import {
  add, arange, bceWithLogits, concat, elu, gelu, geluTanh, huber, leakyRelu, linspace, logSoftmax, logsumexp,
  mae, matmul, max, mean, mse, ones, pad, reshape, silu, slice, softmax, softmaxCrossEntropy, softplus, sum,
  tensor, transpose, where, zeros, full, scalar, sigmoid, erf, broadcastTo, step, relu, tanh,
} from '@/engine';

const values = (t: { toArray(): Float32Array }) => Array.from(t.toArray());
const close = (xs: number[], digits = 6) => xs.map((x) => expect.closeTo(x, digits));

describe('tensors', () => {
  it('creates from nested arrays, flat arrays with a shape, and helpers', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(values(t)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tensor([1, 2, 3, 4], [2, 2]).shape).toEqual([2, 2]);
    expect(values(zeros([2]))).toEqual([0, 0]);
    expect(values(ones([3]))).toEqual([1, 1, 1]);
    expect(values(full([2], 7))).toEqual([7, 7]);
    expect(scalar(3).shape).toEqual([]);
    expect(values(arange(3))).toEqual([0, 1, 2]);
    expect(values(arange(1, 2, 0.25))).toEqual([1, 1.25, 1.5, 1.75]);
    expect(values(linspace(-1, 1, 5))).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(/do not fill/);
  });

  it('broadcasts like NumPy', () => {
    expect(values(add(tensor([[1], [2]]), tensor([10, 20, 30])))).toEqual([11, 21, 31, 12, 22, 32]);
    expect(add(zeros([2, 1, 3]), zeros([4, 1])).shape).toEqual([2, 4, 3]);
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(/broadcast/);
  });

  it('reduces over axes with and without keepdims', () => {
    const x = tensor([[1, 5, 2], [7, 0, 3]]);
    expect(values(sum(x))).toEqual([18]);
    expect(values(sum(x, 0))).toEqual([8, 5, 5]);
    expect(sum(x, 1, true).shape).toEqual([2, 1]);
    expect(values(max(x, -1))).toEqual([5, 7]);
    expect(values(mean(x, 1))).toEqual(close([8 / 3, 10 / 3]));
    const cube = reshape(arange(24), [2, 3, 4]);
    // Σ over a, c of (12a + 4i + c) = 48 + 32i + 12 for i = 0, 1, 2
    expect(values(sum(cube, [0, 2]))).toEqual([60, 92, 124]);
  });

  it('multiplies matrices, batched and transposed', () => {
    const a = tensor([[1, 2], [3, 4]]);
    const b = tensor([[5, 6], [7, 8]]);
    expect(values(matmul(a, b))).toEqual([19, 22, 43, 50]);
    expect(values(matmul(a, b, { transA: true }))).toEqual([26, 30, 38, 44]);
    expect(values(matmul(a, b, { transB: true }))).toEqual([17, 23, 39, 53]);
    expect(values(matmul(a, b, { transA: true, transB: true }))).toEqual([23, 31, 34, 46]);
    const batch = matmul(reshape(concat([a, b], 0), [2, 2, 2]), a);
    expect(batch.shape).toEqual([2, 2, 2]);
    expect(values(batch)).toEqual([7, 10, 15, 22, 23, 34, 31, 46]);
    expect(() => matmul(zeros([2, 3]), zeros([2, 3]))).toThrow(/inner sizes/);
  });

  it('moves values: transpose, slice, pad, concat, broadcastTo, where', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(values(transpose(x))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(values(slice(x, [0, 1], [2, 3]))).toEqual([2, 3, 5, 6]);
    expect(values(pad(tensor([1, 2]), [1], [2]))).toEqual([0, 1, 2, 0, 0]);
    expect(values(concat([x, tensor([[7], [8]])], 1))).toEqual([1, 2, 3, 7, 4, 5, 6, 8]);
    expect(values(broadcastTo(tensor([1, 2]), [2, 2]))).toEqual([1, 2, 1, 2]);
    expect(values(where(tensor([1, 0, 1]), tensor([1, 2, 3]), -1))).toEqual([1, -1, 3]);
    expect(values(transpose(reshape(arange(6), [1, 2, 3]), [2, 0, 1]))).toEqual([0, 3, 1, 4, 2, 5]);
  });
});

describe('activations', () => {
  it('GELU exact and tanh forms against known values', () => {
    expect(gelu(tensor([1])).item()).toBeCloseTo(0.8413447, 6);
    expect(geluTanh(tensor([1])).item()).toBeCloseTo(0.841192, 6);
    expect(values(gelu(tensor([-1, 0, 2])))).toEqual(close([-0.1586553, 0, 1.9544997]));
    expect(erf(tensor([0.5])).item()).toBeCloseTo(0.5204999, 6);
  });

  it('the others against hand values', () => {
    expect(values(sigmoid(tensor([0, -800, 800])))).toEqual([0.5, 0, 1]);
    expect(values(relu(tensor([-1, 2])))).toEqual([0, 2]);
    expect(values(leakyRelu(tensor([-2, 3]), 0.1))).toEqual(close([-0.2, 3]));
    expect(values(elu(tensor([-1, 2, 1000])))).toEqual(close([Math.exp(-1) - 1, 2, 1000]));
    expect(values(softplus(tensor([0, 100, -100])))).toEqual(close([Math.LN2, 100, 0]));
    expect(values(silu(tensor([1])))).toEqual(close([1 / (1 + Math.exp(-1))]));
    expect(values(tanh(tensor([0.5])))).toEqual(close([Math.tanh(0.5)]));
  });

  it('step is forward-only: 0/1 values and no gradient', () => {
    const x = tensor([-1, 0, 2]);
    x.requiresGrad = true;
    const y = step(x);
    expect(values(y)).toEqual([0, 0, 1]);
    expect(y.requiresGrad).toBe(false);
  });
});

describe('softmax and logsumexp', () => {
  const x = tensor([[1, 3, 2]]);

  it('sums to one and matches the definition', () => {
    const e = [1, 3, 2].map(Math.exp);
    const z = e.reduce((a, b) => a + b);
    expect(values(softmax(x))).toEqual(close(e.map((v) => v / z)));
    expect(values(logSoftmax(x))).toEqual(close(e.map((v) => Math.log(v / z)), 5));
  });

  it('T → 0 approaches the one-hot of the argmax; T → ∞ approaches uniform', () => {
    expect(values(softmax(x, -1, 1e-3))).toEqual([0, 1, 0]);
    expect(values(softmax(x, -1, 0.1))).toEqual(close([0, 1, 0], 4));
    expect(values(softmax(x, -1, 1e6))).toEqual(close([1 / 3, 1 / 3, 1 / 3], 5));
    expect(() => softmax(x, -1, 0)).toThrow(/temperature/);
  });

  it('logsumexp stays finite at ±1000', () => {
    expect(values(logsumexp(tensor([[1000, 1000], [-1000, -1000]]), 1))).toEqual(close([1000 + Math.LN2, -1000 + Math.LN2], 3));
    expect(logsumexp(tensor([[1000, -1000]]), 1).item()).toBe(1000);
    expect(values(softmax(tensor([[1000, -1000, 1000]])))).toEqual([0.5, 0, 0.5]);
  });
});

describe('losses against hand-computed values', () => {
  const pred = tensor([1, 2, 4]);
  const target = tensor([1, 0, 1]);

  it('mse: mean and sum of squared errors', () => {
    // errors 0, 2, 3 → squares 0, 4, 9
    expect(mse(pred, target).item()).toBeCloseTo(13 / 3, 6);
    expect(mse(pred, [1, 0, 1], { reduction: 'sum' }).item()).toBe(13);
  });

  it('mae: mean and sum of absolute errors', () => {
    expect(mae(pred, target).item()).toBeCloseTo(5 / 3, 6);
    expect(mae(pred, target, { reduction: 'sum' }).item()).toBe(5);
  });

  it('huber: quadratic inside δ, linear outside', () => {
    // δ = 1: errors 0, 2, 3 → 0, 1·(2 − 0.5) = 1.5, 1·(3 − 0.5) = 2.5
    expect(huber(pred, target).item()).toBeCloseTo(4 / 3, 6);
    // δ = 2.5: 0, ½·4 = 2, 2.5·(3 − 1.25) = 4.375
    expect(huber(pred, target, { delta: 2.5, reduction: 'sum' }).item()).toBeCloseTo(6.375, 6);
    expect(huber(tensor([0.5]), [0]).item()).toBeCloseTo(0.125, 6);
  });

  it('bceWithLogits: −y log σ(z) − (1−y) log(1−σ(z)), stable for large |z|', () => {
    // z = 0 → log 2 for either label; z = 2, y = 1 → log(1 + e⁻²)
    const l = bceWithLogits(tensor([0, 2]), [1, 1], { reduction: 'sum' }).item();
    expect(l).toBeCloseTo(Math.LN2 + Math.log1p(Math.exp(-2)), 6);
    expect(bceWithLogits(tensor([-3]), [0]).item()).toBeCloseTo(Math.log1p(Math.exp(-3)), 6);
    expect(bceWithLogits(tensor([1000, -1000]), [1, 0]).item()).toBe(0);
    expect(bceWithLogits(tensor([-1000]), [1]).item()).toBe(1000);
  });

  it('softmaxCrossEntropy: logsumexp(z) − z[y] per row', () => {
    // Row [0, 0]: log 2. Row [ln 3, 0] with label 1: log(3 + 1) − 0 = log 4.
    const logits = tensor([[0, 0], [Math.log(3), 0]]);
    expect(softmaxCrossEntropy(logits, [0, 1]).item()).toBeCloseTo((Math.LN2 + Math.log(4)) / 2, 6);
    expect(softmaxCrossEntropy(logits, Int32Array.from([0, 1]), { reduction: 'sum' }).item()).toBeCloseTo(Math.LN2 + Math.log(4), 6);
    expect(softmaxCrossEntropy(tensor([[1000, -1000]]), [1]).item()).toBeCloseTo(2000, 2);
    expect(() => softmaxCrossEntropy(logits, [0, 2])).toThrow(/label/);
  });
});
