// The op table: one row per primitive and composite, each a function and
// the inputs to try it at. tests/unit/engine/gradients.test.ts checks every
// row's gradient against central differences, and jvp.test.ts checks every
// row's forward-mode tangent against its gradient (⟨u, Jv⟩ = ⟨Jᵀu, v⟩).
// A new op is a new row here.

import {
  abs, add, bceWithLogits, broadcastTo, concat, cos, div, elu, erf, exp, gelu, geluTanh, huber,
  leakyRelu, log, log1p, logSoftmax, logsumexp, mae, matmul, max, maximum, mean, minimum, MLP, mse,
  mul, neg, pad, pow, relu, reshape, Rng, sigmoid, silu, sin, slice, softmax, softmaxCrossEntropy, softplus,
  sqrt, squeeze, sub, sum, sumTo, tanh, transpose, unsqueeze, where, getBackend, type Backend, type GradCheckInput, type Tensor,
  avgPool2d, conv1d, conv2d, conv2dFilterGrad, conv2dInputGrad, dropout, gather, layerNorm, maxPool2d, scatterAdd,
  scaledDotProductAttention, tensor, MultiHeadAttention, TransformerBlock, Transformer, CNN, sinusoidalPositions,
} from '@/engine';

export type Row = [name: string, fn: (...xs: Tensor[]) => Tensor, inputs: GradCheckInput[]];

export const s = (...shape: number[]): GradCheckInput => ({ shape });
const positive = (...shape: number[]): GradCheckInput => ({ shape, low: 0.2, high: 2 });
/** Values kept ≥ 0.1 away from 0, for functions with a kink there. */
const awayFromZero = (...shape: number[]): GradCheckInput => {
  const rng = new Rng(shape.length * 31 + shape[0]);
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, values: Array.from({ length: n }, () => rng.uniform(0.1, 2) * (rng.uniform() < 0.5 ? -1 : 1)) };
};
/** Distinct values 0.1 apart in random order: no near-ties for max. */
const distinct = (...shape: number[]): GradCheckInput => {
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, values: new Rng(n).shuffle(Array.from({ length: n }, (_, i) => (i - n / 2) * 0.1)) };
};
const constant = (shape: number[], values: number[]): GradCheckInput => ({ shape, values, constant: true });

// Modules built once per backend with the same seed (so the same weights);
// checkGrads checks the gradient with respect to the inputs it is given.
function perBackend<T>(make: () => T): () => T {
  const made = new Map<Backend, T>();
  return () => {
    if (!made.has(getBackend())) made.set(getBackend(), make());
    return made.get(getBackend())!;
  };
}
const mha = perBackend(() => new MultiHeadAttention({ dModel: 4, heads: 2, rng: new Rng(3) }));
const block = perBackend(() => new TransformerBlock({ dModel: 4, heads: 2, mlpRatio: 2, rng: new Rng(4) }));
const cnn = perBackend(() => new CNN({ inChannels: 2, channels: [3, 2], classes: 3, rng: new Rng(8) }));
const tinyTransformer = perBackend(() => new Transformer({ vocabSize: 5, context: 4, dModel: 4, heads: 2, layers: 1, mlpRatio: 2, rng: new Rng(9) }));
const conv = { stride: [2, 1] as [number, number], dilation: [1, 2] as [number, number], padding: [1, 0, 2, 1] as [number, number, number, number], groups: 2 };

// One MLP per backend (checkGrads runs on float64 and float32), same seed so
// same weights; its weights get gradients too, but checkGrads checks x's.
const mlps = new Map<Backend, MLP>();
const mlpOnCurrentBackend = () => {
  if (!mlps.has(getBackend())) mlps.set(getBackend(), new MLP({ sizes: [2, 3, 2], activation: 'silu', rng: new Rng(5) }));
  return mlps.get(getBackend())!;
};

export const rows: Row[] = [
  // unary primitives
  ['neg', neg, [s(2, 3)]],
  ['exp', exp, [s(2, 3)]],
  ['log', log, [positive(4)]],
  ['log1p', log1p, [{ shape: [3, 2], low: -0.8, high: 2 }]],
  ['sqrt', sqrt, [positive(2, 2)]],
  ['abs', abs, [awayFromZero(5)]],
  ['tanh', tanh, [s(2, 3)]],
  ['sigmoid', sigmoid, [{ shape: [6], low: -6, high: 6 }]],
  ['relu', relu, [awayFromZero(2, 4)]],
  ['erf', erf, [{ shape: [7], low: -3, high: 3 }]],
  ['sin', sin, [s(3)]],
  ['cos', cos, [s(3)]],
  // binary primitives, same shape and broadcast (including size-1 axes)
  ['add', add, [s(2, 3), s(2, 3)]],
  ['add [2,3]+[3]', add, [s(2, 3), s(3)]],
  ['add [2,1]+[1,3]', add, [s(2, 1), s(1, 3)]],
  ['add [2,3]+[]', add, [s(2, 3), s()]],
  ['sub [3,1]−[4]', sub, [s(3, 1), s(4)]],
  ['mul', mul, [s(2, 3), s(2, 3)]],
  ['mul [2,1,3]·[4,1]', mul, [s(2, 1, 3), s(4, 1)]],
  ['mul x·x (shared input)', (x) => mul(x, x), [s(3)]],
  ['div', div, [s(2, 3), awayFromZero(2, 3)]],
  ['div [2,3]/[2,1]', div, [s(2, 3), positive(2, 1)]],
  ['pow (base and exponent)', pow, [positive(2, 3), s(2, 3)]],
  ['pow x³ (constant exponent)', (x) => pow(x, 3), [s(4)]],
  ['pow [3]^[2,1]', pow, [positive(3), s(2, 1)]],
  ['maximum', maximum, [{ shape: [4], values: [1, -2, 0.5, 3] }, { shape: [4], values: [0, -1, 1.5, -3] }]],
  ['maximum [2,2] with [2]', maximum, [{ shape: [2, 2], values: [1, -2, 0.5, 3] }, { shape: [2], values: [0, -1] }]],
  ['minimum', minimum, [{ shape: [4], values: [1, -2, 0.5, 3] }, { shape: [4], values: [0, -1, 1.5, -3] }]],
  ['where', where, [constant([2, 3], [1, 0, 1, 0, 0, 1]), s(2, 3), s(2, 3)]],
  ['where broadcast', where, [constant([3], [0, 1, 1]), s(2, 1), s(3)]],
  // reductions
  ['sum (all)', (x) => sum(x), [s(2, 3)]],
  ['sum axis 1', (x) => sum(x, 1), [s(2, 3)]],
  ['sum axes 0,2 keepdims', (x) => sum(x, [0, 2], true), [s(2, 3, 4)]],
  ['sum axis 0 of [1,4]', (x) => sum(x, 0), [s(1, 4)]],
  ['max (all)', (x) => max(x), [distinct(3, 4)]],
  ['max axis −1', (x) => max(x, -1), [distinct(3, 4)]],
  ['max axes 0,2', (x) => max(x, [0, 2]), [distinct(2, 3, 2)]],
  // matmul
  ['matmul', (a, b) => matmul(a, b), [s(3, 4), s(4, 2)]],
  ['matmul Aᵀ', (a, b) => matmul(a, b, { transA: true }), [s(4, 3), s(4, 2)]],
  ['matmul Bᵀ', (a, b) => matmul(a, b, { transB: true }), [s(3, 4), s(2, 4)]],
  ['matmul AᵀBᵀ', (a, b) => matmul(a, b, { transA: true, transB: true }), [s(4, 3), s(2, 4)]],
  ['matmul batched', (a, b) => matmul(a, b), [s(2, 3, 4), s(2, 4, 2)]],
  ['matmul batch broadcast', (a, b) => matmul(a, b), [s(2, 1, 3, 4), s(3, 4, 2)]],
  ['matmul [1,1]·[1,3]', (a, b) => matmul(a, b), [s(1, 1), s(1, 3)]],
  // movement
  ['reshape', (x) => reshape(x, [3, -1]), [s(2, 3)]],
  ['broadcastTo', (x) => broadcastTo(x, [2, 3, 4]), [s(3, 1)]],
  ['transpose', (x) => transpose(x), [s(2, 3)]],
  ['transpose perm', (x) => transpose(x, [2, 0, 1]), [s(2, 3, 4)]],
  ['slice', (x) => slice(x, [1, 0], [3, 2]), [s(4, 3)]],
  ['pad', (x) => pad(x, [1, 0], [0, 2]), [s(2, 3)]],
  ['concat axis 1', (a, b) => concat([a, b], 1), [s(2, 3), s(2, 1)]],
  ['concat axis 0', (a, b, c) => concat([a, b, c], 0), [s(1, 2), s(2, 2), s(1, 2)]],
  // composites
  ['mean axis 0', (x) => mean(x, 0), [s(3, 2)]],
  ['sumTo', (x) => sumTo(x, [1, 3]), [s(2, 2, 3)]],
  ['squeeze/unsqueeze', (x) => unsqueeze(squeeze(x, 1), 0), [s(3, 1)]],
  ['softmax', (x) => softmax(x), [s(3, 4)]],
  ['softmax axis 0, T = 0.5', (x) => softmax(x, 0, 0.5), [s(3, 4)]],
  ['logSoftmax T = 2', (x) => logSoftmax(x, -1, 2), [s(2, 5)]],
  ['logsumexp', (x) => logsumexp(x, 1), [s(3, 4)]],
  ['logsumexp keepdims axis 0', (x) => logsumexp(x, 0, true), [s(3, 2)]],
  ['leakyRelu', (x) => leakyRelu(x, 0.1), [awayFromZero(6)]],
  ['elu', (x) => elu(x), [awayFromZero(6)]],
  ['softplus', softplus, [{ shape: [6], low: -8, high: 8 }]],
  ['gelu', gelu, [{ shape: [6], low: -3, high: 3 }]],
  ['geluTanh', geluTanh, [{ shape: [6], low: -3, high: 3 }]],
  ['silu', silu, [s(6)]],
  // losses
  ['mse', (p, t) => mse(p, t), [s(4, 1), s(4, 1)]],
  ['mse sum', (p, t) => mse(p, t, { reduction: 'sum' }), [s(5), s(5)]],
  ['mae', (p, t) => mae(p, t), [{ shape: [3], values: [0.5, -1, 2] }, constant([3], [0, 0, 1])]],
  ['huber δ=1', (p, t) => huber(p, t), [{ shape: [4], values: [0.3, -2, 1.7, -0.4] }, constant([4], [0, 0, 0, 0])]],
  ['huber δ=0.5 sum', (p, t) => huber(p, t, { delta: 0.5, reduction: 'sum' }), [{ shape: [3], values: [0.3, -2, 0.9] }, constant([3], [0, 0, 0])]],
  ['bceWithLogits', (z, y) => bceWithLogits(z, y), [{ shape: [4], low: -5, high: 5 }, constant([4], [0, 1, 1, 0])]],
  ['softmaxCrossEntropy', (z) => softmaxCrossEntropy(z, [2, 0, 1]), [s(3, 4)]],
  ['softmaxCrossEntropy sum', (z) => softmaxCrossEntropy(z, [1, 1], { reduction: 'sum' }), [s(2, 3)]],
  // convolution (NHWC, filters HWIO) and pooling
  ['conv2d valid', (x, w) => conv2d(x, w), [s(2, 4, 5, 2), s(3, 2, 2, 3)]],
  ['conv2d same, stride 2', (x, w) => conv2d(x, w, { padding: 'same', stride: 2 }), [s(1, 5, 6, 2), s(3, 3, 2, 2)]],
  ['conv2d dilation 2, padding 1', (x, w) => conv2d(x, w, { dilation: 2, padding: 1 }), [s(1, 5, 5, 1), s(2, 2, 1, 2)]],
  ['conv2d groups 2', (x, w) => conv2d(x, w, { groups: 2, padding: 'same' }), [s(1, 3, 4, 4), s(3, 3, 2, 4)]],
  ['conv2d depthwise ×2', (x, w) => conv2d(x, w, { groups: 3, stride: [1, 2] }), [s(2, 3, 5, 3), s(2, 2, 1, 6)]],
  ['conv2d 1×1', (x, w) => conv2d(x, w), [s(2, 2, 2, 3), s(1, 1, 3, 2)]],
  ['conv2dInputGrad (transposed conv)', (g, w) => conv2dInputGrad(g, w, [1, 5, 5, 4], conv), [s(1, 3, 6, 2), s(2, 2, 2, 2)]],
  ['conv2dFilterGrad', (x, g) => conv2dFilterGrad(x, g, [2, 2, 2, 2], conv), [s(1, 5, 5, 4), s(1, 3, 6, 2)]],
  ['conv1d causal, dilation 2', (x, w) => conv1d(x, w, { padding: 'causal', dilation: 2 }), [s(2, 6, 2), s(3, 2, 3)]],
  ['conv1d same, stride 2', (x, w) => conv1d(x, w, { padding: 'same', stride: 2 }), [s(1, 7, 3), s(3, 3, 2)]],
  ['maxPool2d 2×2', (x) => maxPool2d(x, 2), [distinct(2, 4, 4, 2)]],
  ['maxPool2d 3×3 stride 2 same', (x) => maxPool2d(x, 3, { stride: 2, padding: 'same' }), [distinct(1, 5, 6, 2)]],
  ['avgPool2d 2×2', (x) => avgPool2d(x, 2), [s(2, 4, 4, 3)]],
  ['avgPool2d 3×2 stride 1 same', (x) => avgPool2d(x, [3, 2], { stride: 1, padding: 'same' }), [s(1, 4, 5, 2)]],
  // indexing
  ['gather rows (embedding)', (t) => gather(t, tensor([[2, 0, 2], [1, 1, 3]])), [s(4, 3)]],
  ['gather axis 1', (x) => gather(x, [3, 0, 0], 1), [s(2, 4, 2)]],
  ['scatterAdd', (x) => scatterAdd(x, [1, 0, 1], 3, 0), [s(3, 2)]],
  // normalization, dropout, attention
  ['layerNorm', (x) => layerNorm(x), [s(3, 5)]],
  ['layerNorm with γ, β', (x, g, b) => layerNorm(x, g, b), [s(2, 3, 4), s(4), s(4)]],
  ['dropout p = 0.5 (seeded mask)', (x) => dropout(x, { p: 0.5, rng: new Rng(7), training: true }), [s(4, 5)]],
  ['attention', (q, k, v) => scaledDotProductAttention(q, k, v).output, [s(2, 3, 4), s(2, 5, 4), s(2, 5, 2)]],
  ['attention causal', (q, k, v) => scaledDotProductAttention(q, k, v, { causal: true }).output, [s(2, 4, 3), s(2, 4, 3), s(2, 4, 3)]],
  ['attention weights, causal', (q, k) => scaledDotProductAttention(q, k, k, { causal: true }).weights, [s(1, 2, 4, 3), s(1, 2, 4, 3)]],
  ['attention with a padding mask', (q, k, v) => scaledDotProductAttention(q, k, v, { mask: tensor([[1, 1, 0]]) }).output, [s(2, 2), s(3, 2), s(3, 2)]],
  ['MultiHeadAttention causal', (x) => mha().forward(x, { causal: true }).output, [s(2, 3, 4)]],
  ['TransformerBlock', (x) => block().forward(x).output, [s(2, 3, 4)]],
  ['sinusoidal positions + embedding lookup', (t) => add(gather(t, [1, 4, 0]), sinusoidalPositions(3, 2)), [s(5, 2)]],
  [
    'CNN logits (conv, relu, max pool, global avg)',
    (x) => cnn().forward(x),
    [{ shape: [2, 4, 4, 2], values: new Rng(3).permutation(64).map((v) => (v - 32) / 16) }],
  ],
  [
    'Transformer: token table → positions → block → norm → head',
    (table) => {
      const m = tinyTransformer();
      let x = add(gather(table, tensor([[1, 3, 0]])), m.positions!.forward(3));
      for (const b of m.blocks) x = b.forward(x).output;
      return m.head.forward(m.norm.forward(x));
    },
    [s(5, 4)],
  ],
  // layers, end to end
  ['Linear', (x, w, b) => add(matmul(x, w, { transB: true }), b), [s(3, 2), s(4, 2), s(4)]],
  [
    'two-layer tanh network + cross-entropy, all weights',
    (x, w1, b1, w2, b2) => {
      const hidden = tanh(add(matmul(x, w1, { transB: true }), b1));
      return softmaxCrossEntropy(add(matmul(hidden, w2, { transB: true }), b2), [0, 1, 1]);
    },
    [s(3, 2), s(4, 2), s(4), s(2, 4), s(2)],
  ],
  [
    'MLP.forward with hidden activations',
    (x) => {
      const { output, hidden } = mlpOnCurrentBackend().forward(x, { hidden: true });
      return add(sum(output), sum(hidden[0]));
    },
    [s(3, 2)],
  ],
];
