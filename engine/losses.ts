// Loss functions, composed from primitives (no gradient code). Each takes
// predictions and targets of the same shape (softmaxCrossEntropy: logits
// [N, C] and N integer labels) and reduces with 'mean' (default) or 'sum'.

import { add, div, minimum, mul, sub } from './ops/binary';
import { mean, sum } from './ops/reduce';
import { concat, reshape, unsqueeze } from './ops/movement';
import { abs, neg } from './ops/unary';
import { logSoftmax } from './nn/softmax';
import { show } from './shape';
import { Tensor, tensor, zerosLike } from './tensor';

export type Reduction = 'mean' | 'sum';

export interface LossOptions {
  reduction?: Reduction;
}

function reduce(perElement: Tensor, reduction: Reduction = 'mean'): Tensor {
  return reduction === 'sum' ? sum(perElement) : mean(perElement);
}

function asTarget(target: Tensor | ArrayLike<number>, like: Tensor): Tensor {
  const t = target instanceof Tensor ? target : tensor(target, like.shape, like.backend);
  if (t.size !== like.size) throw new Error(`target of shape ${show(t.shape)} for predictions of ${show(like.shape)}`);
  return t;
}

/** Mean squared error: mean((ŷ − y)²). */
export function mse(pred: Tensor, target: Tensor | ArrayLike<number>, options: LossOptions = {}): Tensor {
  const d = sub(pred, asTarget(target, pred));
  return reduce(mul(d, d), options.reduction);
}

/** Mean absolute error: mean|ŷ − y|. */
export function mae(pred: Tensor, target: Tensor | ArrayLike<number>, options: LossOptions = {}): Tensor {
  return reduce(abs(sub(pred, asTarget(target, pred))), options.reduction);
}

/** Huber loss (PyTorch's HuberLoss): with d = ŷ − y,
 * ½d² where |d| ≤ δ, and δ(|d| − ½δ) beyond. Written as
 * ½q² + δ(|d| − q) with q = min(|d|, δ), which is the same function. */
export function huber(pred: Tensor, target: Tensor | ArrayLike<number>, options: LossOptions & { delta?: number } = {}): Tensor {
  const delta = options.delta ?? 1;
  const a = abs(sub(pred, asTarget(target, pred)));
  const q = minimum(a, delta);
  return reduce(add(mul(mul(q, q), 0.5), mul(sub(a, q), delta)), options.reduction);
}

/** Binary cross-entropy from logits z with targets y ∈ [0, 1]:
 * −y·log σ(z) − (1 − y)·log(1 − σ(z)), where (log(1 − σ(z)), log σ(z)) is
 * the log-softmax of the pair (0, z): it never takes the log of 0 nor
 * overflows, keeps the digits of a log-probability near 0 (so a confident,
 * right prediction costs a tiny positive amount, not exactly 0), and its
 * gradient is σ(z) − y everywhere, z = 0 included (the equivalent
 * max(z, 0) + log(1 + e^(−|z|)) has two kinks at 0 whose subgradients do not
 * add up to σ(0) = ½). */
export function bceWithLogits(logits: Tensor, target: Tensor | ArrayLike<number>, options: LossOptions = {}): Tensor {
  const y = unsqueeze(reshape(asTarget(target, logits), logits.shape), -1);
  const z = unsqueeze(logits, -1);
  const logP = logSoftmax(concat([zerosLike(z), z], -1), -1);
  const perElement = neg(sum(mul(logP, concat([sub(1, y), y], -1)), -1));
  return reduce(perElement, options.reduction);
}

export interface CrossEntropyOptions extends LossOptions {
  /** Rows whose label equals this (e.g. −1 for padding) add nothing, and
   * 'mean' averages over the other rows only (as PyTorch's ignore_index). */
  ignoreIndex?: number;
}

/** Cross-entropy of softmax(logits) against integer class labels:
 * for each row i, −log softmax(zᵢ)[yᵢ] = logsumexp(zᵢ) − zᵢ[yᵢ]. logits: [N, C]; labels: N ints. */
export function softmaxCrossEntropy(logits: Tensor, labels: ArrayLike<number>, options: CrossEntropyOptions = {}): Tensor {
  if (logits.ndim !== 2 || labels.length !== logits.shape[0]) {
    throw new Error(`softmaxCrossEntropy: logits ${show(logits.shape)} with ${labels.length} labels`);
  }
  const [n, c] = logits.shape;
  const { ignoreIndex } = options;
  const oneHot = new Float32Array(n * c);
  const counted = new Float32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (ignoreIndex !== undefined && y === ignoreIndex) continue;
    if (!Number.isInteger(y) || y < 0 || y >= c) throw new Error(`label ${y} outside 0..${c - 1}`);
    oneHot[i * c + y] = 1;
    counted[i] = 1;
    count++;
  }
  // −log pᵧ, read off the log-softmax rather than as logsumexp(z) − zᵧ: the
  // log-softmax keeps the digits of a log-probability near 0, where the
  // difference of two nearly equal float32 numbers would give exactly 0.
  const perRow = neg(sum(mul(logSoftmax(logits, 1), tensor(oneHot, [n, c], logits.backend)), 1));
  if (ignoreIndex === undefined) return reduce(perRow, options.reduction);
  const total = sum(mul(perRow, tensor(counted, [n], logits.backend)));
  return options.reduction === 'sum' ? total : div(total, Math.max(count, 1));
}
