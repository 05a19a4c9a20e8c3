// Indexing by integer ids: gather (an embedding lookup is gather on axis 0
// of the table) and its transpose, scatterAdd. Indices are a tensor of
// integer values (ids live on the backend like any data) or a plain array.

import type { GatherSpec } from '../backend/backend';
import { show, sizeOf } from '../shape';
import { record } from '../tape';
import { Tensor, tensor, zeros } from '../tensor';
import type { JvpTable, NoteTable, RuleTable } from './primitive';

export type GatherPrimitive = 'gather' | 'scatterAdd';

/** Integer ids: a tensor (any shape) or a flat array. */
export type Indices = Tensor | ArrayLike<number>;

export const gatherRules: RuleTable<GatherPrimitive> = {
  // y[…, i, …] = x[…, idx[i], …] picks rows, so each row of x receives the
  // sum of the gradients of the outputs that picked it: dx = scatterAdd(g).
  // The indices are integers: no gradient.
  gather: (g, { inputs: [x, idx], params: { axis } }) => [scatterAdd(g, idx, x.shape[axis], axis), null],
  // scatterAdd is linear, and its transpose picks rows back: dsrc = gather(g).
  scatterAdd: (g, { inputs: [, idx], params: { axis } }) => [gather(g, idx, axis), null],
};

// For the tape viewer: both rules read the ids only.
export const gatherTapeNotes: NoteTable<GatherPrimitive> = {
  gather: { vjp: 'dx = scatterAdd(g, ids)', saves: ({ inputs: [, idx] }) => [idx] },
  scatterAdd: { vjp: 'dsrc = gather(g, ids)', saves: ({ inputs: [, idx] }) => [idx] },
};

// Forward mode: both are linear in their data, and the ids have no tangent.
export const gatherJvpRules: JvpTable<GatherPrimitive> = {
  // ẏ = gather(ẋ, ids)
  gather: ([dx], { inputs: [, idx], params: { axis } }) => dx && gather(dx, idx, axis),
  // ẏ = scatterAdd(ṡrc, ids)
  scatterAdd: ([ds], { inputs: [, idx], params: { axis, size } }) => ds && scatterAdd(ds, idx, size, axis),
};

function asIndexTensor(indices: Indices, like: Tensor): Tensor {
  if (indices instanceof Tensor) {
    if (indices.backend !== like.backend) throw new Error('gather: indices on another backend');
    return indices;
  }
  return tensor(indices, [indices.length], like.backend);
}

function spec(shape: readonly number[], axis: number, count: number): GatherSpec {
  return { outer: sizeOf(shape.slice(0, axis)), axisSize: shape[axis], inner: sizeOf(shape.slice(axis + 1)), count };
}

function normalizeAxis(axis: number, ndim: number, op: string): number {
  const ax = axis < 0 ? axis + ndim : axis;
  if (!Number.isInteger(ax) || ax < 0 || ax >= ndim) throw new Error(`${op}: axis ${axis} out of range for ${ndim} dims`);
  return ax;
}

/** Picks entries of x along `axis` (numpy.take): the result has x's shape
 * with that axis replaced by the indices' shape. gather(table, ids) with a
 * [vocab, dim] table and [batch, time] ids is an embedding lookup giving
 * [batch, time, dim]. Ids must be integers in range. */
export function gather(x: Tensor, indices: Indices, axis = 0): Tensor {
  const ax = normalizeAxis(axis, x.ndim, 'gather');
  const idx = asIndexTensor(indices, x);
  const out = zeros([...x.shape.slice(0, ax), ...idx.shape, ...x.shape.slice(ax + 1)], x.backend);
  x.backend.gather(x.storage, idx.storage, out.storage, spec(x.shape, ax, idx.size));
  return record(out, 'gather', [x, idx], { axis: ax }, gatherRules.gather);
}

/** The transpose of gather: a tensor whose `axis` has length `size`, zero
 * except that src's entries along the indices' axes are added at the
 * positions the indices name (repeated indices add up). src has the shape
 * gather would produce. */
export function scatterAdd(src: Tensor, indices: Indices, size: number, axis = 0): Tensor {
  const idx = asIndexTensor(indices, src);
  const ax = normalizeAxis(axis, src.ndim - idx.ndim + 1, 'scatterAdd');
  const shape = [...src.shape.slice(0, ax), size, ...src.shape.slice(ax + idx.ndim)];
  const expected = [...shape.slice(0, ax), ...idx.shape, ...shape.slice(ax + 1)];
  if (expected.some((d, i) => d !== src.shape[i])) throw new Error(`scatterAdd: src ${show(src.shape)} does not match indices ${show(idx.shape)} on axis ${axis}`);
  const out = zeros(shape, src.backend);
  src.backend.scatterAdd(src.storage, idx.storage, out.storage, spec(shape, ax, idx.size));
  return record(out, 'scatterAdd', [src, idx], { axis: ax, size }, gatherRules.scatterAdd);
}
