// Elementwise functions of one tensor, each with its derivative beside it.

import type { UnaryKernel } from '../backend/backend';
import { record } from '../tape';
import { empty, type Tensor, zeros } from '../tensor';
import { add, greater, mul, sub, div } from './binary';
import { FLAT, type JvpTable, type NoteTable, PIECEWISE_CONSTANT, type Primitive, type RuleTable, savesInput, savesNothing, savesOutput } from './primitive';

export type UnaryPrimitive = Exclude<UnaryKernel, 'identity' | DerivativeKernel>;
type DerivativeKernel = 'geluDerivative' | 'geluTanhDerivative';

/** f′(x) from a derivative kernel, for rules (backward records nothing). */
function derivative(op: DerivativeKernel, x: Tensor): Tensor {
  const out = empty(x.shape, x.backend);
  x.backend.unary(op, x.storage, out.storage, x.size);
  return out;
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const unaryRules: RuleTable<UnaryPrimitive> = {
  // d(−x) = −dx
  neg: (g) => [neg(g)],
  // d(exp x) = exp(x)·dx
  exp: (g, { output: y }) => [mul(g, y)],
  // d(log x) = dx / x
  log: (g, { inputs: [x] }) => [div(g, x)],
  // d(log(1 + x)) = dx / (1 + x)
  log1p: (g, { inputs: [x] }) => [div(g, add(x, 1))],
  // d(√x) = dx / (2√x)
  sqrt: (g, { output: y }) => [div(g, mul(y, 2))],
  // d|x| = sign(x)·dx   (0 at x = 0, as in PyTorch)
  abs: (g, { inputs: [x] }) => [mul(g, sign(x))],
  // sign and step are flat almost everywhere: no gradient flows.
  sign: PIECEWISE_CONSTANT,
  step: PIECEWISE_CONSTANT,
  // d(tanh x) = (1 − tanh²x)·dx
  tanh: (g, { output: y }) => [mul(g, sub(1, mul(y, y)))],
  // d(σ(x)) = σ(x)(1 − σ(x))·dx
  sigmoid: (g, { output: y }) => [mul(g, mul(y, sub(1, y)))],
  // d(relu x) = [x > 0]·dx   (0 at x = 0)
  relu: (g, { inputs: [x] }) => [mul(g, greater(x, 0))],
  // d(erf x) = (2/√π)·exp(−x²)·dx
  erf: (g, { inputs: [x] }) => [mul(g, mul(exp(neg(mul(x, x))), TWO_OVER_SQRT_PI))],
  // d(sin x) = cos(x)·dx
  sin: (g, { inputs: [x] }) => [mul(g, cos(x))],
  // d(cos x) = −sin(x)·dx
  cos: (g, { inputs: [x] }) => [neg(mul(g, sin(x)))],
  // d(x·Φ(x)) = (Φ(x) + x·φ(x))·dx
  gelu: (g, { inputs: [x] }) => [mul(g, derivative('geluDerivative', x))],
  // d(½x(1 + tanh u)) = (½(1 + tanh u) + ½x(1 − tanh²u)·u′)·dx, u = √(2/π)(x + 0.044715x³)
  geluTanh: (g, { inputs: [x] }) => [mul(g, derivative('geluTanhDerivative', x))],
};

// For the tape viewer: each gradient rule above in one line, and what it
// reads (the input x or the output y), which the tape keeps alive for it.
export const unaryTapeNotes: NoteTable<UnaryPrimitive> = {
  neg: { vjp: 'dx = −g', saves: savesNothing },
  exp: { vjp: 'dx = g·y', saves: savesOutput },
  log: { vjp: 'dx = g / x', saves: savesInput },
  log1p: { vjp: 'dx = g / (1 + x)', saves: savesInput },
  sqrt: { vjp: 'dx = g / 2y', saves: savesOutput },
  abs: { vjp: 'dx = g·sign(x)', saves: savesInput },
  sign: FLAT,
  step: FLAT,
  tanh: { vjp: 'dx = g·(1 − y²)', saves: savesOutput },
  sigmoid: { vjp: 'dx = g·y·(1 − y)', saves: savesOutput },
  relu: { vjp: 'dx = g·[x > 0]', saves: savesInput },
  erf: { vjp: 'dx = g·(2/√π)·exp(−x²)', saves: savesInput },
  sin: { vjp: 'dx = g·cos x', saves: savesInput },
  cos: { vjp: 'dx = −g·sin x', saves: savesInput },
  gelu: { vjp: 'dx = g·(Φ(x) + x·φ(x))', saves: savesInput },
  geluTanh: { vjp: 'dx = g·geluTanh′(x)', saves: savesInput },
};

// Forward mode. Each of these acts elementwise, so its Jacobian is diagonal
// with f′(xᵢ) on the diagonal: J·ẋ and Jᵀ·g are the same product f′(x)·v.
// The tangent rule of each is its gradient rule applied to ẋ (the comments
// above state each f′).
export const unaryJvpRules: JvpTable<UnaryPrimitive> = diagonal(unaryRules);

/** Tangent rules of elementwise primitives, from their gradient rules. */
function diagonal<K extends Primitive>(rules: RuleTable<K>): JvpTable<K> {
  const tangents = {} as Record<K, JvpTable<K>[K]>;
  for (const p of Object.keys(rules) as K[]) {
    const rule = rules[p];
    tangents[p] = rule === PIECEWISE_CONSTANT ? PIECEWISE_CONSTANT : ([dx], node) => dx && rule(dx, node)[0];
  }
  return tangents;
}

function unary(op: UnaryPrimitive, x: Tensor): Tensor {
  const out = empty(x.shape, x.backend);
  x.backend.unary(op, x.storage, out.storage, x.size);
  return record<UnaryPrimitive>(out, op, [x], {}, unaryRules[op]);
}

export const neg = (x: Tensor) => unary('neg', x);
export const exp = (x: Tensor) => unary('exp', x);
export const log = (x: Tensor) => unary('log', x);
/** log(1 + x), accurate for small x. */
export const log1p = (x: Tensor) => unary('log1p', x);
export const sqrt = (x: Tensor) => unary('sqrt', x);
export const abs = (x: Tensor) => unary('abs', x);
/** −1, 0 or 1. Not differentiable (no gradient flows through it). */
export const sign = (x: Tensor) => unary('sign', x);
/** Heaviside step: 1 where x > 0, else 0. For display only: it passes no
 * gradient, so a network using it cannot learn by gradient descent. */
export const step = (x: Tensor) => unary('step', x);
export const tanh = (x: Tensor) => unary('tanh', x);
/** σ(x) = 1/(1 + e^(−x)), computed without overflow. */
export const sigmoid = (x: Tensor) => unary('sigmoid', x);
export const relu = (x: Tensor) => unary('relu', x);
/** The Gauss error function (accurate to ~1e-15 in the reference kernel). */
export const erf = (x: Tensor) => unary('erf', x);
export const sin = (x: Tensor) => unary('sin', x);
export const cos = (x: Tensor) => unary('cos', x);
/** GELU, exact form: x·Φ(x) = ½x(1 + erf(x/√2)). gelu(1) = 0.8413447. */
export const gelu = (x: Tensor) => unary('gelu', x);
/** GELU, tanh approximation (GPT-2, PyTorch's approximate='tanh'):
 * ½x(1 + tanh(√(2/π)(x + 0.044715x³))). geluTanh(1) = 0.8411920. */
export const geluTanh = (x: Tensor) => unary('geluTanh', x);

/** A copy of x's values that is not connected to any graph. */
export function detach(x: Tensor): Tensor {
  const out = empty(x.shape, x.backend);
  x.backend.unary('identity', x.storage, out.storage, x.size);
  return out;
}
