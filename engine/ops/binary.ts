// Elementwise functions of two tensors (and where), with NumPy broadcasting.
// A broadcast input receives the gradient summed over the axes it was
// stretched along (sumTo).

import type { BinaryKernel } from '../backend/backend';
import { broadcastShapes, broadcastStrides, sameShape } from '../shape';
import { record } from '../tape';
import { full, empty, type Tensor, zeros } from '../tensor';
import { broadcastTo } from './movement';
import { FLAT, type JvpTable, type NoteTable, PIECEWISE_CONSTANT, type RuleTable, savesInputs, savesNothing } from './primitive';
import { sumTo } from './reduce';
import { log, neg } from './unary';

export type BinaryPrimitive = BinaryKernel;

/** A tensor, or a number that broadcasts as a scalar. */
export type Operand = Tensor | number;

// Comparisons are flat almost everywhere: no gradient flows back through
// them, no tangent forward, and the tape records no node for them.
const comparisons = <V>(entry: V) => ({
  greater: entry,
  greaterEqual: entry,
  less: entry,
  lessEqual: entry,
  equal: entry,
  notEqual: entry,
});

export const binaryRules: RuleTable<BinaryPrimitive | 'where'> = {
  // d(a + b) = da + db
  add: (g, { inputs: [a, b] }) => [sumTo(g, a.shape), sumTo(g, b.shape)],
  // d(a − b) = da − db
  sub: (g, { inputs: [a, b] }) => [sumTo(g, a.shape), sumTo(neg(g), b.shape)],
  // d(a·b) = b·da + a·db
  mul: (g, { inputs: [a, b], wants }) => [
    wants[0] ? sumTo(mul(g, b), a.shape) : null,
    wants[1] ? sumTo(mul(g, a), b.shape) : null,
  ],
  // d(a/b) = da/b − (a/b²)·db
  div: (g, { inputs: [a, b], output, wants }) => [
    wants[0] ? sumTo(div(g, b), a.shape) : null,
    wants[1] ? sumTo(neg(mul(g, div(output, b))), b.shape) : null,
  ],
  // d(aᵇ) = b·aᵇ⁻¹·da + aᵇ·ln(a)·db   (the db term needs a > 0)
  pow: (g, { inputs: [a, b], output, wants }) => [
    wants[0] ? sumTo(mul(g, mul(b, pow(a, sub(b, 1)))), a.shape) : null,
    wants[1] ? sumTo(mul(g, mul(output, log(a))), b.shape) : null,
  ],
  // d max(a, b) = [a > b]·da + [a < b]·db, split evenly on ties (as PyTorch)
  maximum: (g, { inputs: [a, b] }) => {
    const toA = maximumWeight(a, b);
    return [sumTo(mul(g, toA), a.shape), sumTo(mul(g, sub(1, toA)), b.shape)];
  },
  // d min(a, b) = [a < b]·da + [a > b]·db, split evenly on ties
  minimum: (g, { inputs: [a, b] }) => {
    const toA = maximumWeight(b, a);
    return [sumTo(mul(g, toA), a.shape), sumTo(mul(g, sub(1, toA)), b.shape)];
  },
  ...comparisons(PIECEWISE_CONSTANT),
  // d where(c, a, b) = c·da + (1 − c)·db; the condition gets none.
  where: (g, { inputs: [c, a, b], wants }) => [
    null,
    wants[1] ? sumTo(where(c, g, 0), a.shape) : null,
    wants[2] ? sumTo(where(c, 0, g), b.shape) : null,
  ],
};

// For the tape viewer: each gradient rule in one line, and the tensors it
// reads (inputs a, b, c or the output y).
export const binaryTapeNotes: NoteTable<BinaryPrimitive | 'where'> = {
  add: { vjp: 'da = g, db = g (each summed over its broadcast axes)', saves: savesNothing },
  sub: { vjp: 'da = g, db = −g', saves: savesNothing },
  mul: { vjp: 'da = g·b, db = g·a', saves: ({ inputs: [a, b], wants }) => [wants[0] && b, wants[1] && a] },
  div: { vjp: 'da = g / b, db = −g·y / b', saves: ({ inputs: [, b], output, wants }) => [b, wants[1] && output] },
  pow: { vjp: 'da = g·b·aᵇ⁻¹, db = g·y·ln a', saves: ({ inputs: [a, b], output, wants }) => [a, wants[0] && b, wants[1] && output] },
  maximum: { vjp: 'da = g·[a > b], db = g·[a < b]; ties g/2 each', saves: savesInputs },
  minimum: { vjp: 'da = g·[a < b], db = g·[a > b]; ties g/2 each', saves: savesInputs },
  ...comparisons(FLAT),
  where: { vjp: 'da = g where c, db = g where not c', saves: ({ inputs: [c] }) => [c] },
};

/** ∂ max(a, b)/∂a: 1 where a > b, 0 where a < b, ½ on ties (∂/∂b is one
 * minus it; min(a, b) weighs a as max weighs b). */
function maximumWeight(a: Tensor, b: Tensor): Tensor {
  return add(greater(a, b), mul(equal(a, b), 0.5));
}

// Forward mode: ẏ = ∂y/∂a·ȧ + ∂y/∂b·ḃ, a missing (null) tangent counting as
// zero. Each partial is the one the gradient rule above uses; there it is
// summed back over broadcast axes, here the tangents broadcast forward.
export const binaryJvpRules: JvpTable<BinaryPrimitive | 'where'> = {
  // ẏ = ȧ + ḃ
  add: ([da, db], { output }) => tangentSum(output, da, db),
  // ẏ = ȧ − ḃ
  sub: ([da, db], { output }) => tangentSum(output, da, db && neg(db)),
  // ẏ = b·ȧ + a·ḃ
  mul: ([da, db], { inputs: [a, b], output }) => tangentSum(output, da && mul(da, b), db && mul(a, db)),
  // ẏ = ȧ/b − (a/b²)·ḃ = ȧ/b − (y/b)·ḃ
  div: ([da, db], { inputs: [, b], output }) => tangentSum(output, da && div(da, b), db && neg(mul(db, div(output, b)))),
  // ẏ = b·aᵇ⁻¹·ȧ + aᵇ·ln(a)·ḃ
  pow: ([da, db], { inputs: [a, b], output }) =>
    tangentSum(output, da && mul(da, mul(b, pow(a, sub(b, 1)))), db && mul(db, mul(output, log(a)))),
  // ẏ = [a > b]·ȧ + [a < b]·ḃ, ties ½ each
  maximum: ([da, db], { inputs: [a, b], output }) => {
    const toA = maximumWeight(a, b);
    return tangentSum(output, da && mul(da, toA), db && mul(db, sub(1, toA)));
  },
  // ẏ = [a < b]·ȧ + [a > b]·ḃ, ties ½ each
  minimum: ([da, db], { inputs: [a, b], output }) => {
    const toA = maximumWeight(b, a);
    return tangentSum(output, da && mul(da, toA), db && mul(db, sub(1, toA)));
  },
  ...comparisons(PIECEWISE_CONSTANT),
  // ẏ = c·ȧ + (1 − c)·ḃ: the selection is fixed, the condition has none.
  where: ([, da, db], { inputs: [c], output }) => (da || db) && tangentSum(output, where(c, da ?? 0, db ?? 0)),
};

/** The sum of the terms that are not null (zero tangents), broadcast to the
 * output's shape; null when every term is. For tangent rules. */
export function tangentSum(output: Tensor, ...terms: (Tensor | null)[]): Tensor | null {
  let total: Tensor | null = null;
  for (const t of terms) if (t) total = total ? add(total, t) : t;
  return total && !sameShape(total.shape, output.shape) ? broadcastTo(total, output.shape) : total;
}

/** Turns number operands into scalars on the backend of the tensor operand. */
function lift(operands: Operand[]): Tensor[] {
  const t = operands.find((o): o is Tensor => typeof o !== 'number');
  if (!t) throw new Error('at least one operand must be a tensor');
  return operands.map((o) => {
    if (typeof o === 'number') return full([], o, t.backend);
    if (o.backend !== t.backend) throw new Error(`operands on different backends (${o.backend.name}, ${t.backend.name})`);
    return o;
  });
}

function binary(op: BinaryPrimitive, x: Operand, y: Operand): Tensor {
  const [a, b] = lift([x, y]);
  const shape = broadcastShapes(a.shape, b.shape);
  const out = empty(shape, a.backend);
  a.backend.binary(op, a.storage, broadcastStrides(a.shape, shape), b.storage, broadcastStrides(b.shape, shape), out.storage, shape);
  return record<BinaryPrimitive>(out, op, [a, b], {}, binaryRules[op]);
}

export const add = (a: Operand, b: Operand) => binary('add', a, b);
export const sub = (a: Operand, b: Operand) => binary('sub', a, b);
export const mul = (a: Operand, b: Operand) => binary('mul', a, b);
export const div = (a: Operand, b: Operand) => binary('div', a, b);
/** aᵇ elementwise. Differentiating with respect to b needs a > 0. */
export const pow = (a: Operand, b: Operand) => binary('pow', a, b);
export const maximum = (a: Operand, b: Operand) => binary('maximum', a, b);
export const minimum = (a: Operand, b: Operand) => binary('minimum', a, b);
// Comparisons return 1 where true and 0 where false, and pass no gradient.
export const greater = (a: Operand, b: Operand) => binary('greater', a, b);
export const greaterEqual = (a: Operand, b: Operand) => binary('greaterEqual', a, b);
export const less = (a: Operand, b: Operand) => binary('less', a, b);
export const lessEqual = (a: Operand, b: Operand) => binary('lessEqual', a, b);
export const equal = (a: Operand, b: Operand) => binary('equal', a, b);
export const notEqual = (a: Operand, b: Operand) => binary('notEqual', a, b);

/** Elementwise select: a where cond ≠ 0, else b. All three broadcast. */
export function where(cond: Operand, a: Operand, b: Operand): Tensor {
  const [c, x, y] = lift([cond, a, b]);
  const shape = broadcastShapes(c.shape, x.shape, y.shape);
  const out = empty(shape, x.backend);
  x.backend.where(
    c.storage,
    broadcastStrides(c.shape, shape),
    x.storage,
    broadcastStrides(x.shape, shape),
    y.storage,
    broadcastStrides(y.shape, shape),
    out.storage,
    shape,
  );
  return record(out, 'where', [c, x, y], {}, binaryRules.where);
}
