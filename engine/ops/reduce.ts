// Reductions over axes. The gradient of a reduction spreads g back over the
// reduced axes (broadcastTo), weighted by which elements contributed.

import { normalizeAxes, type Shape, sameShape, show } from '../shape';
import { record } from '../tape';
import { empty, type Tensor, zeros } from '../tensor';
import { div, equal, mul } from './binary';
import { broadcastTo, reshape } from './movement';
import { type JvpTable, type NoteTable, type RuleTable, savesInputs, savesNothing, savesOutput } from './primitive';

export type ReducePrimitive = 'sum' | 'max';

/** g (shaped like the reduction's output) reshaped with the reduced axes
 * kept as size 1, so it broadcasts against the input. */
function keepdimsShape(inputShape: Shape, axes: readonly number[]): number[] {
  return inputShape.map((d, i) => (axes.includes(i) ? 1 : d));
}

export const reduceRules: RuleTable<ReducePrimitive> = {
  // d(Σᵢ xᵢ) = Σᵢ dxᵢ: every input element receives g unchanged.
  sum: (g, { inputs: [x], params: { axes } }) => [broadcastTo(reshape(g, keepdimsShape(x.shape, axes)), x.shape)],
  // d(max x) = dx at the argmax; ties share g equally (as PyTorch's amax).
  max: (g, { inputs: [x], output, params: { axes } }) => [mul(maxShare(x, output, axes), reshape(g, keepdimsShape(x.shape, axes)))],
};

export const reduceTapeNotes: NoteTable<ReducePrimitive> = {
  sum: { vjp: 'dx = g, spread back over the summed axes', saves: savesNothing },
  max: { vjp: 'dx = g at the maximum; k ties get g/k each', saves: (node) => [...savesInputs(node), ...savesOutput(node)] },
};

/** ∂ max(x)/∂x: 1/k at each of the k elements equal to the maximum of their
 * reduction, 0 elsewhere; shaped like x. */
function maxShare(x: Tensor, output: Tensor, axes: readonly number[]): Tensor {
  const isMax = equal(x, reshape(output, keepdimsShape(x.shape, axes)));
  return div(isMax, sum(isMax, axes, true));
}

// Forward mode: both are linear in the kept elements.
export const reduceJvpRules: JvpTable<ReducePrimitive> = {
  // ẏ = Σᵢ ẋᵢ over the same axes
  sum: ([dx], { params: { axes, keepdims } }) => dx && sum(dx, axes, keepdims),
  // ẏ = ẋ at the argmax; ties average their tangents (the gradient's split, transposed)
  max: ([dx], { inputs: [x], output, params: { axes } }) => dx && reshape(sum(mul(maxShare(x, output, axes), dx), axes, true), output.shape),
};

function reduce(op: ReducePrimitive, x: Tensor, axis: number | readonly number[] | undefined, keepdims: boolean): Tensor {
  const axes = normalizeAxes(axis, x.ndim);
  const shape = keepdims ? keepdimsShape(x.shape, axes) : x.shape.filter((_, i) => !axes.includes(i));
  const out = empty(shape, x.backend);
  x.backend.reduce(op, x.storage, x.shape, axes, out.storage);
  return record<ReducePrimitive>(out, op, [x], { axes, keepdims }, reduceRules[op]);
}

/** Sum over `axis` (one, several, or all when omitted), like numpy.sum. */
export function sum(x: Tensor, axis?: number | readonly number[], keepdims = false): Tensor {
  return reduce('sum', x, axis, keepdims);
}

/** Maximum over `axis` (all when omitted), like numpy.max / torch.amax. */
export function max(x: Tensor, axis?: number | readonly number[], keepdims = false): Tensor {
  return reduce('max', x, axis, keepdims);
}

// --- composites --------------------------------------------------------------

/** Mean over `axis` (all when omitted): sum / count. */
export function mean(x: Tensor, axis?: number | readonly number[], keepdims = false): Tensor {
  const axes = normalizeAxes(axis, x.ndim);
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  return div(sum(x, axes, keepdims), count);
}

/** Sums g down to `shape`: undoes broadcasting, for gradients of broadcast
 * inputs. Leading extra axes and stretched size-1 axes are summed. */
export function sumTo(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  if (lead < 0) throw new Error(`sumTo: cannot sum ${show(g.shape)} to ${show(shape)}`);
  const axes: number[] = [];
  for (let d = 0; d < g.ndim; d++) {
    if (d < lead || (shape[d - lead] === 1 && g.shape[d] !== 1)) axes.push(d);
  }
  return reshape(sum(g, axes, true), shape);
}
