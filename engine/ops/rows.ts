// Fused functions of each row (the last axis): softmax, log-softmax,
// logsumexp and layer norm. Each could be composed from primitives (and
// nn/softmax.ts and nn/norm.ts document those compositions); as primitives
// they cost one kernel forward and one backward instead of a dozen, which
// is where a transformer step spends its time. Their rules call the fused
// backward kernels directly: backward runs without recording, so a rule
// need not itself be differentiable.

import type { RowKernel } from '../backend/backend';
import { record } from '../tape';
import { empty, full, type Tensor, zeros } from '../tensor';
import { mul, sub, tangentSum } from './binary';
import { type JvpTable, type NoteTable, type RuleTable, savesInput, savesOutput } from './primitive';
import { sum } from './reduce';
import { exp } from './unary';

export type RowPrimitive = RowKernel | 'layerNorm';

function rowsOf(x: Tensor): [rows: number, cols: number] {
  if (x.ndim === 0) throw new Error('row functions need at least one axis');
  const cols = x.shape[x.ndim - 1];
  return [cols === 0 ? 0 : x.size / cols, cols];
}

/** The backward of a row softmax kernel: dx from x, y and g. */
function rowGrad(op: RowKernel) {
  return (g: Tensor, { inputs: [x], output: y }: { inputs: readonly Tensor[]; output: Tensor }) => {
    const [rows, cols] = rowsOf(x);
    const dx = empty(x.shape, x.backend);
    x.backend.rowSoftmaxGrad(op, x.storage, y.storage, g.storage, dx.storage, rows, cols);
    return [dx];
  };
}

export const rowRules: RuleTable<RowPrimitive> = {
  // dx = y ⊙ (g − Σⱼ gⱼyⱼ)
  softmax: rowGrad('softmax'),
  // dx = g − softmax(x)·Σⱼ gⱼ, softmax(x) = exp(y)
  logSoftmax: rowGrad('logSoftmax'),
  // dx = g · softmax(x) = g · exp(x − y)
  logsumexp: rowGrad('logsumexp'),
  // x̂ = (x − μ)·r, ĝ = g ⊙ w: dx = r(ĝ − mean ĝ − x̂·mean(ĝ ⊙ x̂)); dw = Σ g ⊙ x̂; db = Σ g
  layerNorm: (g, { inputs: [x, w, b], params: { eps } }) => {
    const [rows, cols] = rowsOf(x);
    const dx = empty(x.shape, x.backend);
    const dw = empty(w.shape, x.backend);
    const db = empty(b.shape, x.backend);
    x.backend.layerNormGrad(x.storage, w.storage, g.storage, dx.storage, dw.storage, db.storage, rows, cols, eps);
    return [dx, dw, db];
  },
};

// For the tape viewer. The row rules hand x and y to their kernel (the
// softmax and log-softmax kernels read only y, but the tape keeps both).
const inputAndOutput = (node: { inputs: readonly Tensor[]; output: Tensor }) => [...savesInput(node), ...savesOutput(node)];
export const rowTapeNotes: NoteTable<RowPrimitive> = {
  softmax: { vjp: 'dx = y ⊙ (g − Σⱼ gⱼyⱼ)', saves: inputAndOutput },
  logSoftmax: { vjp: 'dx = g − exp(y)·Σⱼ gⱼ', saves: inputAndOutput },
  logsumexp: { vjp: 'dx = g·exp(x − y)', saves: inputAndOutput },
  layerNorm: { vjp: 'dx = r(ĝ − mean ĝ − x̂·mean(ĝ⊙x̂)), ĝ = g⊙w; dw = Σ g⊙x̂; db = Σ g', saves: ({ inputs: [x, w] }) => [x, w] },
};

// Forward mode, with p = softmax(x) of each row.
export const rowJvpRules: JvpTable<RowPrimitive> = {
  // ẏ = y ⊙ (ẋ − Σⱼ yⱼẋⱼ): the Jacobian diag(y) − y·yᵀ is symmetric, so
  // this is the gradient kernel applied to ẋ.
  softmax: ([dx], node) => dx && rowGrad('softmax')(dx, node)[0],
  // ẏ = ẋ − Σⱼ pⱼẋⱼ, p = exp(y)
  logSoftmax: ([dx], { output: y }) => dx && sub(dx, sum(mul(exp(y), dx), -1, true)),
  // ẏ = Σⱼ pⱼẋⱼ, p = exp(x − y)
  logsumexp: ([dx], { inputs: [x], output: y }) => dx && sum(mul(exp(sub(x, y)), dx), -1, true),
  // y = x̂ ⊙ w + b  ⇒  ẏ = (dx̂)·w + x̂·ẇ + ḃ. The map x ↦ x̂ has the symmetric
  // Jacobian r(I − 11ᵀ/n − x̂x̂ᵀ/n), so dx̂ = r(ẋ − mean ẋ − x̂·mean(x̂ ⊙ ẋ)):
  // the gradient kernel with w = 1 and g = ẋ.
  layerNorm: ([dx, dw, db], { inputs: [x, w, b], output, params: { eps } }) => {
    const unit = full(w.shape, 1, x.backend);
    const xHat = dw && layerNormRows(x, unit, zeros(b.shape, x.backend), eps);
    let dxHat: Tensor | null = null;
    if (dx) {
      const [rows, cols] = rowsOf(x);
      dxHat = empty(x.shape, x.backend);
      const [dwScratch, dbScratch] = [empty(w.shape, x.backend), empty(b.shape, x.backend)];
      x.backend.layerNormGrad(x.storage, unit.storage, dx.storage, dxHat.storage, dwScratch.storage, dbScratch.storage, rows, cols, eps);
    }
    return tangentSum(output, dxHat && mul(dxHat, w), xHat && mul(xHat, dw), db);
  },
};

/** softmax, logSoftmax or logsumexp over the last axis. logsumexp keeps
 * that axis with size 1. */
export function rowSoftmax(op: RowKernel, x: Tensor): Tensor {
  const [rows, cols] = rowsOf(x);
  const shape = op === 'logsumexp' ? [...x.shape.slice(0, -1), 1] : x.shape;
  const out = empty(shape, x.backend);
  x.backend.rowSoftmax(op, x.storage, out.storage, rows, cols);
  return record<RowKernel>(out, op, [x], {}, rowRules[op]);
}

/** (x − μ)/√(σ² + eps) ⊙ w + b over the last axis; w and b have its length. */
export function layerNormRows(x: Tensor, w: Tensor, b: Tensor, eps: number): Tensor {
  const [rows, cols] = rowsOf(x);
  if (w.size !== cols || b.size !== cols) throw new Error(`layerNorm: gain and shift need ${cols} elements, got ${w.size} and ${b.size}`);
  const out = empty(x.shape, x.backend);
  x.backend.layerNorm(x.storage, w.storage, b.storage, out.storage, rows, cols, eps);
  return record<'layerNorm'>(out, 'layerNorm', [x, w, b], { eps }, rowRules.layerNorm);
}
