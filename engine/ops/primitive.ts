// The primitive vocabulary of the engine and the shapes of its rules.
// Every differentiable computation is a composition of these; each family
// file in this folder holds the forward kernels and the rules side by side,
// and ops/index.ts assembles tables typed so that a primitive without a
// rule does not compile: a gradient rule (reverse mode, the VJP) and a
// tangent rule (forward mode, the JVP) for each.

import type { Tensor } from '../tensor';

type None = Record<string, never>;
interface Axes {
  axes: number[];
  keepdims: boolean;
}

/** Where a convolution's filter taps land (see ops/conv.ts). */
export interface ConvGeometry {
  stride: [number, number];
  dilation: [number, number];
  /** [top, bottom, left, right] zeros around the input. */
  padding: [number, number, number, number];
  groups: number;
}

/** Where pooling windows land (see ops/pool.ts). */
export interface PoolGeometry {
  window: [number, number];
  stride: [number, number];
  padding: [number, number, number, number];
}

/** Each primitive with the static parameters its forward and rule need. */
export interface PrimitiveParams {
  // unary
  neg: None;
  exp: None;
  log: None;
  log1p: None;
  sqrt: None;
  abs: None;
  sign: None;
  step: None;
  tanh: None;
  sigmoid: None;
  relu: None;
  erf: None;
  sin: None;
  cos: None;
  gelu: None;
  geluTanh: None;
  // binary (broadcasting)
  add: None;
  sub: None;
  mul: None;
  div: None;
  pow: None;
  maximum: None;
  minimum: None;
  greater: None;
  greaterEqual: None;
  less: None;
  lessEqual: None;
  equal: None;
  notEqual: None;
  where: None;
  // reductions
  sum: Axes;
  max: Axes;
  // functions of each row (the last axis)
  softmax: None;
  logSoftmax: None;
  /** Keeps the last axis with size 1. */
  logsumexp: None;
  layerNorm: { eps: number };
  // linear algebra
  matmul: { transA: boolean; transB: boolean };
  // movement
  reshape: { shape: number[] };
  broadcastTo: { shape: number[] };
  transpose: { perm: number[] };
  slice: { begin: number[]; end: number[] };
  pad: { before: number[]; after: number[] };
  concat: { axis: number };
  // convolution (NHWC) and pooling
  conv2d: ConvGeometry;
  conv2dInputGrad: ConvGeometry & { inputShape: number[] };
  conv2dFilterGrad: ConvGeometry & { filterShape: number[] };
  maxPool2d: PoolGeometry;
  avgPool2d: PoolGeometry;
  // indexing by integer ids
  gather: { axis: number };
  scatterAdd: { axis: number; size: number };
}

export type Primitive = keyof PrimitiveParams;

/** What a rule sees of the node it differentiates. */
export interface NodeContext<P extends Primitive> {
  inputs: readonly Tensor[];
  output: Tensor;
  params: PrimitiveParams[P];
  /** wants[i]: does input i need a gradient? Rules may skip the others. */
  wants: readonly boolean[];
}

/** Vector-Jacobian product: given g = ∂L/∂output, return ∂L/∂input for each
 * input (null where none is wanted). Shapes must equal the inputs'. */
export type GradFn<P extends Primitive> = (g: Tensor, node: NodeContext<P>) => (Tensor | null)[];

/** Marks primitives that are piecewise constant (comparisons, sign, step):
 * their derivative is 0 almost everywhere, so their output never requires
 * a gradient and nothing is recorded. */
export const PIECEWISE_CONSTANT = 'piecewise-constant' as const;

export type Rule<P extends Primitive> = GradFn<P> | typeof PIECEWISE_CONSTANT;

export type RuleTable<K extends Primitive> = { [P in K]: Rule<P> };

/** Jacobian-vector product: given the tangent of each input (null where it
 * is zero), return the output's tangent ẏ = Σᵢ ∂y/∂xᵢ·ẋᵢ (null if zero).
 * `wants[i]` says whether input i has a tangent. Runs without recording,
 * like a gradient rule. */
export type TangentFn<P extends Primitive> = (tangents: readonly (Tensor | null)[], node: NodeContext<P>) => Tensor | null;

/** Piecewise-constant primitives have zero tangents: the same marker. */
export type JvpRule<P extends Primitive> = TangentFn<P> | typeof PIECEWISE_CONSTANT;

export type JvpTable<K extends Primitive> = { [P in K]: JvpRule<P> };

/** A gradient rule as the tape viewer shows it (tape-record.ts). */
export interface TapeNote<P extends Primitive> {
  /** The rule in one line, in its family file's names: g is the gradient of
   * the output y; x, a, b, … the inputs. */
  vjp: string | ((params: PrimitiveParams[P]) => string);
  /** The tensors the rule reads (of the node's inputs and output; falsy
   * entries are skipped): what the tape must keep alive for it. Of the
   * others it needs only the shapes. */
  saves: (node: NodeContext<P>) => readonly (Tensor | false | null | undefined)[];
}

export type NoteTable<K extends Primitive> = { [P in K]: TapeNote<P> };

/** Notes for the common cases. */
export const savesNothing = (): Tensor[] => [];
export const savesInput = ({ inputs: [x] }: { inputs: readonly Tensor[] }) => [x];
export const savesOutput = ({ output }: { output: Tensor }) => [output];
export const savesInputs = ({ inputs }: { inputs: readonly Tensor[] }) => inputs;
/** Piecewise constant: no node is recorded, so nothing is kept. */
export const FLAT = { vjp: 'none: piecewise constant, no gradient flows', saves: savesNothing };
