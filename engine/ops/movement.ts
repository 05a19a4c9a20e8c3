// Ops that move values without arithmetic: reshape, broadcastTo, transpose,
// slice, pad, concat. Each forward is one strided copy; each gradient is the
// inverse movement (slice ↔ pad, transpose ↔ inverse permutation, …).

import { broadcastShapes, broadcastStrides, type Shape, sameShape, show, sizeOf, stridesOf } from '../shape';
import { record } from '../tape';
import { empty, type Tensor, zeros } from '../tensor';
import { type JvpTable, type NoteTable, type RuleTable, savesNothing } from './primitive';
import { sumTo } from './reduce';

export type MovementPrimitive = 'reshape' | 'broadcastTo' | 'transpose' | 'slice' | 'pad' | 'concat';

export const movementRules: RuleTable<MovementPrimitive> = {
  // Reshaping keeps the values in order: the gradient reshapes back.
  reshape: (g, { inputs: [x] }) => [reshape(g, x.shape)],
  // Each input element was copied to many outputs: their gradients add up.
  broadcastTo: (g, { inputs: [x] }) => [sumTo(g, x.shape)],
  // y = xᵖ (axes permuted by p)  ⇒  dx = (dy)ᵖ⁻¹
  transpose: (g, { params: { perm } }) => [transpose(g, inversePermutation(perm))],
  // The slice's gradient lands in its window; zeros elsewhere.
  slice: (g, { inputs: [x], params: { begin, end } }) => [pad(g, begin, x.shape.map((d, i) => d - end[i]))],
  // Padding's gradient is the window the input was placed in.
  pad: (g, { inputs: [x], params: { before } }) => [slice(g, before, before.map((b, i) => b + x.shape[i]))],
  // Each part gets the piece of g along `axis` that it filled.
  concat: (g, { inputs, params: { axis } }) => {
    let at = 0;
    return inputs.map((x) => {
      const begin = g.shape.map((_, i) => (i === axis ? at : 0));
      const end = g.shape.map((d, i) => (i === axis ? at + x.shape[axis] : d));
      at += x.shape[axis];
      return slice(g, begin, end);
    });
  },
};

// For the tape viewer: moving values back needs only shapes, no values.
export const movementTapeNotes: NoteTable<MovementPrimitive> = {
  reshape: { vjp: 'dx = g reshaped to x', saves: savesNothing },
  broadcastTo: { vjp: 'dx = g summed over the broadcast axes', saves: savesNothing },
  transpose: { vjp: 'dx = g with the axes permuted back', saves: savesNothing },
  slice: { vjp: 'dx = g padded with zeros to x', saves: savesNothing },
  pad: { vjp: 'dx = the window of g where x sits', saves: savesNothing },
  concat: { vjp: 'dxᵢ = the slice of g that xᵢ filled', saves: savesNothing },
};

// Forward mode: each movement is linear, so the tangent moves the same way.
export const movementJvpRules: JvpTable<MovementPrimitive> = {
  reshape: ([dx], { params: { shape } }) => dx && reshape(dx, shape),
  broadcastTo: ([dx], { params: { shape } }) => dx && broadcastTo(dx, shape),
  transpose: ([dx], { params: { perm } }) => dx && transpose(dx, perm),
  slice: ([dx], { params: { begin, end } }) => dx && slice(dx, begin, end),
  pad: ([dx], { params: { before, after } }) => dx && pad(dx, before, after),
  // Parts without a tangent contribute zeros.
  concat: (tangents, { inputs, params: { axis } }) => concat(inputs.map((x, i) => tangents[i] ?? zeros(x.shape, x.backend)), axis),
};

function inversePermutation(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

/** Same values in a new shape; one axis may be -1 (inferred). */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const known = shape.reduce((n, d) => (d === -1 ? n : n * d), 1);
  const resolved = shape.map((d) => (d === -1 ? x.size / known : d));
  if (sizeOf(resolved) !== x.size || resolved.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new Error(`reshape: cannot view ${show(x.shape)} as ${show(shape)}`);
  }
  const out = empty(resolved, x.backend);
  const strides = stridesOf([x.size]);
  x.backend.copyStrided(x.storage, 0, strides, out.storage, 0, strides, [x.size]);
  return record(out, 'reshape', [x], { shape: resolved }, movementRules.reshape);
}

/** Stretches size-1 (or missing leading) axes to `shape`, like numpy.broadcast_to. */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  if (!sameShape(broadcastShapes(x.shape, shape), shape)) throw new Error(`broadcastTo: ${show(x.shape)} does not broadcast to ${show(shape)}`);
  const out = empty(shape, x.backend);
  x.backend.copyStrided(x.storage, 0, broadcastStrides(x.shape, shape), out.storage, 0, stridesOf(shape), shape);
  return record(out, 'broadcastTo', [x], { shape: [...shape] }, movementRules.broadcastTo);
}

/** Permutes axes: output axis i is input axis perm[i]. Without perm, reverses
 * the axes (the matrix transpose for 2-D). */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const p = perm ? [...perm] : x.shape.map((_, i) => x.ndim - 1 - i);
  if (p.length !== x.ndim || [...p].sort((a, b) => a - b).some((v, i) => v !== i)) {
    throw new Error(`transpose: ${show(p)} is not a permutation of ${x.ndim} axes`);
  }
  const shape = p.map((a) => x.shape[a]);
  const src = stridesOf(x.shape);
  const out = empty(shape, x.backend);
  x.backend.copyStrided(x.storage, 0, p.map((a) => src[a]), out.storage, 0, stridesOf(shape), shape);
  return record(out, 'transpose', [x], { perm: p }, movementRules.transpose);
}

/** The window begin[i] ≤ index < end[i] on every axis (end exclusive, like
 * x[b0:e0, b1:e1]). Missing trailing entries take the whole axis. */
export function slice(x: Tensor, begin: readonly number[], end?: readonly number[]): Tensor {
  const b = x.shape.map((_, i) => begin[i] ?? 0);
  const e = x.shape.map((d, i) => end?.[i] ?? d);
  if (b.some((v, i) => v < 0 || v > e[i] || e[i] > x.shape[i])) {
    throw new Error(`slice: window ${show(b)}..${show(e)} outside ${show(x.shape)}`);
  }
  const shape = e.map((v, i) => v - b[i]);
  const src = stridesOf(x.shape);
  const offset = b.reduce((o, v, i) => o + v * src[i], 0);
  const out = empty(shape, x.backend);
  x.backend.copyStrided(x.storage, offset, src, out.storage, 0, stridesOf(shape), shape);
  return record(out, 'slice', [x], { begin: b, end: e }, movementRules.slice);
}

/** Zero padding: `before[i]` zeros ahead of axis i and `after[i]` behind. */
export function pad(x: Tensor, before: readonly number[], after: readonly number[]): Tensor {
  const shape = x.shape.map((d, i) => before[i] + d + after[i]);
  const dst = stridesOf(shape);
  const offset = before.reduce((o, v, i) => o + v * dst[i], 0);
  const out = zeros(shape, x.backend);
  x.backend.copyStrided(x.storage, 0, stridesOf(x.shape), out.storage, offset, dst, x.shape);
  return record(out, 'pad', [x], { before: [...before], after: [...after] }, movementRules.pad);
}

/** Joins tensors along `axis`; all other axes must agree. */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new Error('concat: nothing to join');
  const first = xs[0];
  const ax = axis < 0 ? axis + first.ndim : axis;
  for (const x of xs) {
    if (x.ndim !== first.ndim || x.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
      throw new Error(`concat: ${show(x.shape)} does not fit ${show(first.shape)} along axis ${ax}`);
    }
  }
  const shape = first.shape.map((d, i) => (i === ax ? xs.reduce((n, x) => n + x.shape[ax], 0) : d));
  const out = empty(shape, first.backend);
  const dst = stridesOf(shape);
  let at = 0;
  for (const x of xs) {
    first.backend.copyStrided(x.storage, 0, stridesOf(x.shape), out.storage, at * dst[ax], dst, x.shape);
    at += x.shape[ax];
  }
  return record(out, 'concat', xs, { axis: ax }, movementRules.concat);
}

// --- composites ---------------------------------------------------------------

/** Removes a size-1 axis. */
export function squeeze(x: Tensor, axis: number): Tensor {
  const ax = axis < 0 ? axis + x.ndim : axis;
  if (x.shape[ax] !== 1) throw new Error(`squeeze: axis ${axis} of ${show(x.shape)} is not 1`);
  return reshape(x, x.shape.filter((_, i) => i !== ax));
}

/** Inserts a size-1 axis at `axis`. */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const ax = axis < 0 ? axis + x.ndim + 1 : axis;
  return reshape(x, [...x.shape.slice(0, ax), 1, ...x.shape.slice(ax)]);
}
