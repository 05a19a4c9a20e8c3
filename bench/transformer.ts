// The tiny transformer of the benchmark: next-character prediction on the
// first-names set, context 16, d_model 32, 2 heads, 2 layers, batch 32, one
// fixed batch (the data pipeline is not what is measured), SGD. The same
// network in TensorFlow.js ops for its contenders: learned token and
// position embeddings; per block, pre-norm causal multi-head attention and
// a GELU MLP of width 2·d_model, each added back to the residual stream;
// a final layer norm and a linear head. (The tfjs token embedding is a
// one-hot product: tfjs-wasm cannot take the gradient of gather.)
import * as tf from '@tensorflow/tfjs';
import { firstNames, nextTokenBatch, reshape, Rng, setBackend, softmaxCrossEntropy, tensor, Transformer, type Backend } from '../engine';
import { engineSgdContender, useTf, type EngineName, type TfName } from './contenders';
import type { Contender } from './harness';

export const TINY = { context: 16, dModel: 32, heads: 2, layers: 2, mlpRatio: 2, batch: 32, lr: 0.05 };

function fixedBatch() {
  const data = firstNames({ seed: 1 });
  const seqs = data.train.slice(0, TINY.batch).map((n) => data.tokenizer.encode(n));
  const b = nextTokenBatch(seqs, Array.from({ length: TINY.batch }, (_, i) => i), TINY.context, data.tokenizer.endId);
  return { ...b, vocab: data.tokenizer.vocabSize };
}

export function engineTransformerTraining(name: EngineName, backend: Backend): Contender {
  setBackend(backend);
  const b = fixedBatch();
  const model = new Transformer({ vocabSize: b.vocab, context: TINY.context, dModel: TINY.dModel, heads: TINY.heads, layers: TINY.layers, mlpRatio: TINY.mlpRatio, activation: 'geluTanh', rng: new Rng(1) });
  const inputs = tensor(b.inputs, [b.batch, b.context]);
  return engineSgdContender(name, backend, model, inputs, TINY.lr, () =>
    softmaxCrossEntropy(reshape(model.forward(inputs), [b.batch * b.context, b.vocab]), b.targets, { ignoreIndex: -1 }),
  );
}

export function tfTransformerTraining(name: TfName): Contender {
  useTf(name);
  const b = fixedBatch();
  const { context: T, dModel: D, heads: H, layers: L, mlpRatio } = TINY;
  const B = b.batch;
  const dh = D / H;
  const variables: tf.Variable[] = [];
  const own = (t: tf.Tensor) => {
    const variable = tf.variable(t);
    variables.push(variable);
    return variable;
  };
  const v = (shape: number[], std = 0.1) => own(tf.randomNormal(shape, 0, std));
  const ones = (n: number) => own(tf.ones([n]));
  const zeros = (n: number) => own(tf.zeros([n]));
  const tokens = v([b.vocab, D]);
  const positions = v([T, D]);
  const blocks = Array.from({ length: L }, () => ({
    g1: ones(D), b1: zeros(D), wq: v([D, D], 1 / Math.sqrt(D)), wk: v([D, D], 1 / Math.sqrt(D)), wv: v([D, D], 1 / Math.sqrt(D)), wo: v([D, D], 1 / Math.sqrt(D)),
    bq: zeros(D), bk: zeros(D), bv: zeros(D), bo: zeros(D),
    g2: ones(D), b2: zeros(D), w1: v([D, D * mlpRatio], Math.sqrt(2 / D)), c1: zeros(D * mlpRatio), w2: v([D * mlpRatio, D], 1 / Math.sqrt(D * mlpRatio)), c2: zeros(D),
  }));
  const gf = ones(D);
  const bf = zeros(D);
  const head = v([D, b.vocab], 1 / Math.sqrt(D));
  const headBias = zeros(b.vocab);
  // tfjs-wasm has no gradient for gather (UnsortedSegmentSum), so the token
  // embedding is a one-hot matrix times the table: same values and gradients.
  const ids = tf.oneHot(tf.tensor1d(Array.from(b.inputs), 'int32'), b.vocab);
  const valid = Array.from(b.targets, (y) => (y >= 0 ? 1 : 0));
  const targets = tf.oneHot(tf.tensor1d(Array.from(b.targets, (y) => Math.max(y, 0)), 'int32'), b.vocab);
  const weights = tf.tensor1d(valid);
  // Causal mask: −1e9 above the diagonal.
  const mask = tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([T, T]), -1, 0)), -1e9);
  const optimizer = tf.train.sgd(TINY.lr);

  const layerNorm = (x: tf.Tensor, g: tf.Tensor, beta: tf.Tensor) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), beta);
  };
  const dense = (x: tf.Tensor, w: tf.Tensor, bias: tf.Tensor) => tf.add(tf.matMul(tf.reshape(x, [-1, w.shape[0]]), w), bias);
  const splitHeads = (x: tf.Tensor) => tf.transpose(tf.reshape(x, [B, T, H, dh]), [0, 2, 1, 3]);
  // GELU, tanh approximation (tfjs has no erf-based one as an op).
  const gelu = (x: tf.Tensor) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3)))))));

  const loss = () => {
    let x: tf.Tensor = tf.add(tf.reshape(tf.matMul(ids, tokens), [B, T, D]), positions);
    for (const k of blocks) {
      const h = layerNorm(x, k.g1, k.b1);
      const q = splitHeads(dense(h, k.wq, k.bq));
      const kk = splitHeads(dense(h, k.wk, k.bk));
      const vv = splitHeads(dense(h, k.wv, k.bv));
      const scores = tf.add(tf.div(tf.matMul(q, kk, false, true), Math.sqrt(dh)), mask);
      const attended = tf.matMul(tf.softmax(scores), vv);
      const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [B * T, D]);
      x = tf.add(x, tf.reshape(dense(merged, k.wo, k.bo), [B, T, D]));
      const h2 = layerNorm(x, k.g2, k.b2);
      x = tf.add(x, tf.reshape(dense(gelu(dense(h2, k.w1, k.c1)), k.w2, k.c2), [B, T, D]));
    }
    const logits = dense(layerNorm(x, gf, bf), head, headBias);
    return tf.losses.softmaxCrossEntropy(targets, logits, weights) as tf.Scalar;
  };
  const use = () => useTf(name);
  return {
    name,
    run() {
      use();
      tf.tidy(() => {
        optimizer.minimize(loss);
      });
    },
    dispose() {
      use();
      for (const variable of variables) variable.dispose();
      for (const t of [ids, targets, weights, mask]) t.dispose();
      optimizer.dispose();
    },
  };
}
