// 2-D convolution, NHWC: x is [batch, height, width, channels] and the
// filter is [kernelH, kernelW, inChannels/groups, outChannels] (HWIO), so
// that the innermost loops run over contiguous channels.
//
// Three primitives that are each other's gradients. Convolution is bilinear
// in (x, w); write y = C(x, w), and let Cᵀ_x (conv2dInputGrad) and Cᵀ_w
// (conv2dFilterGrad) be its adjoints in each argument:
//   ⟨y', C(x, w)⟩ = ⟨Cᵀ_x(y', w), x⟩ = ⟨Cᵀ_w(x, y'), w⟩.
// Every rule below is one of these identities read off for one argument.
// conv2dInputGrad is also what other libraries call a transposed convolution.

import type { Conv2dSpec } from '../backend/backend';
import { sameShape, show } from '../shape';
import { record } from '../tape';
import { type Tensor, zeros } from '../tensor';
import { tangentSum } from './binary';
import { pad as padOp, reshape } from './movement';
import type { ConvGeometry, JvpTable, NoteTable, RuleTable } from './primitive';

export type ConvPrimitive = 'conv2d' | 'conv2dInputGrad' | 'conv2dFilterGrad';

export const convRules: RuleTable<ConvPrimitive> = {
  // y = C(x, w)  ⇒  dx = Cᵀ_x(g, w),  dw = Cᵀ_w(x, g)
  conv2d: (g, { inputs: [x, w], params, wants }) => [
    wants[0] ? conv2dInputGrad(g, w, x.shape, params) : null,
    wants[1] ? conv2dFilterGrad(x, g, w.shape, params) : null,
  ],
  // z = Cᵀ_x(y', w) is linear in y' with adjoint C(·, w); in w, ⟨h, z⟩ = ⟨C(h, w), y'⟩
  // = ⟨Cᵀ_w(h, y'), w⟩.  ⇒  dy' = C(h, w),  dw = Cᵀ_w(h, y')
  conv2dInputGrad: (h, { inputs: [y, w], params, wants }) => [
    wants[0] ? convolve(h, w, params) : null,
    wants[1] ? conv2dFilterGrad(h, y, w.shape, params) : null,
  ],
  // z = Cᵀ_w(x, y'): ⟨h, z⟩ = ⟨C(x, h), y'⟩ = ⟨Cᵀ_x(y', h), x⟩.
  //   ⇒  dx = Cᵀ_x(y', h),  dy' = C(x, h)
  conv2dFilterGrad: (h, { inputs: [x, y], params, wants }) => [
    wants[0] ? conv2dInputGrad(y, h, x.shape, params) : null,
    wants[1] ? convolve(x, h, params) : null,
  ],
};

// For the tape viewer: each operand's gradient reads the other operand.
export const convTapeNotes: NoteTable<ConvPrimitive> = {
  conv2d: { vjp: 'dx = conv2dInputGrad(g, w), dw = conv2dFilterGrad(x, g)', saves: ({ inputs: [x, w], wants }) => [wants[0] && w, wants[1] && x] },
  conv2dInputGrad: { vjp: 'dy = conv2d(g, w), dw = conv2dFilterGrad(g, y)', saves: ({ inputs: [y, w], wants }) => [wants[1] && y, wants[0] && w] },
  conv2dFilterGrad: { vjp: 'dx = conv2dInputGrad(y, g), dy = conv2d(x, g)', saves: ({ inputs: [x, y], wants }) => [wants[1] && x, wants[0] && y] },
};

// Forward mode: each of the three is bilinear, so its tangent is the product
// rule, f(ȧ, b) + f(a, ḃ), each term the same primitive again.
export const convJvpRules: JvpTable<ConvPrimitive> = {
  conv2d: ([dx, dw], { inputs: [x, w], output, params }) =>
    tangentSum(output, dx && convolve(dx, w, params), dw && convolve(x, dw, params)),
  conv2dInputGrad: ([dy, dw], { inputs: [y, w], output, params }) =>
    tangentSum(output, dy && conv2dInputGrad(dy, w, params.inputShape, params), dw && conv2dInputGrad(y, dw, params.inputShape, params)),
  conv2dFilterGrad: ([dx, dy], { inputs: [x, y], output, params }) =>
    tangentSum(output, dx && conv2dFilterGrad(dx, y, params.filterShape, params), dy && conv2dFilterGrad(x, dy, params.filterShape, params)),
};

/** Padding: 'valid' (none), 'same' (output = ⌈input/stride⌉, as
 * TensorFlow: any odd pixel goes after), one number for all sides, [rows,
 * cols] for both ends, or [top, bottom, left, right]. */
export type Padding2d = 'valid' | 'same' | number | readonly [number, number] | readonly [number, number, number, number];

export interface Conv2dOptions {
  stride?: number | readonly [number, number];
  padding?: Padding2d;
  dilation?: number | readonly [number, number];
  /** Split channels into this many independent groups (inChannels for a
   * depthwise convolution). Both channel counts must divide by it. */
  groups?: number;
}

export function pair(v: number | readonly [number, number]): [number, number] {
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

/** [top, bottom, left, right] for an input of (h, w) seen through windows
 * spanning (spanH, spanW) input pixels at the given strides. */
export function resolvePadding(padding: Padding2d, h: number, w: number, spanH: number, spanW: number, stride: [number, number]): [number, number, number, number] {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    const total = (n: number, span: number, s: number) => Math.max((Math.ceil(n / s) - 1) * s + span - n, 0);
    const th = total(h, spanH, stride[0]);
    const tw = total(w, spanW, stride[1]);
    return [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
  }
  if (typeof padding === 'number') return [padding, padding, padding, padding];
  if (padding.length === 2) return [padding[0], padding[0], padding[1], padding[1]];
  return [padding[0], padding[1], padding[2], padding[3]];
}

/** Output size along one axis: ⌊(n + padding − span)/stride⌋ + 1. */
export function outputSize(n: number, padBefore: number, padAfter: number, span: number, stride: number): number {
  return Math.floor((n + padBefore + padAfter - span) / stride) + 1;
}

function geometry(x: Tensor, w: Tensor, options: Conv2dOptions): ConvGeometry {
  const stride = pair(options.stride ?? 1);
  const dilation = pair(options.dilation ?? 1);
  const [kh, kw] = w.shape;
  const span = (k: number, d: number) => (k - 1) * d + 1;
  const padding = resolvePadding(options.padding ?? 'valid', x.shape[1], x.shape[2], span(kh, dilation[0]), span(kw, dilation[1]), stride);
  return { stride, dilation, padding, groups: options.groups ?? 1 };
}

/** The kernel spec for input shape xShape and filter shape wShape. */
function convSpec(xShape: readonly number[], wShape: readonly number[], p: ConvGeometry): Conv2dSpec {
  if (xShape.length !== 4 || wShape.length !== 4) throw new Error(`conv2d: input ${show(xShape)} must be [N, H, W, C] and filter ${show(wShape)} [KH, KW, C/groups, out]`);
  const [batch, inH, inW, inC] = xShape;
  const [kernelH, kernelW, cinG, outC] = wShape;
  const { stride, dilation, padding, groups } = p;
  if (cinG * groups !== inC || outC % groups !== 0) {
    throw new Error(`conv2d: filter ${show(wShape)} with ${groups} group(s) does not fit ${inC} input channels`);
  }
  const outH = outputSize(inH, padding[0], padding[1], (kernelH - 1) * dilation[0] + 1, stride[0]);
  const outW = outputSize(inW, padding[2], padding[3], (kernelW - 1) * dilation[1] + 1, stride[1]);
  if (outH <= 0 || outW <= 0) throw new Error(`conv2d: filter ${show(wShape)} does not fit input ${show(xShape)}`);
  return {
    batch, inH, inW, inC, outH, outW, outC, kernelH, kernelW,
    strideH: stride[0], strideW: stride[1], dilationH: dilation[0], dilationW: dilation[1],
    padTop: padding[0], padLeft: padding[2], groups,
  };
}

function sameBackend(a: Tensor, b: Tensor): void {
  if (a.backend !== b.backend) throw new Error('conv2d: operands on different backends');
}

/** Cross-correlation (as every deep-learning library): x [N, H, W, Cin] with
 * filter w [KH, KW, Cin/groups, Cout] gives [N, OH, OW, Cout] where
 * out[n, oh, ow, co] = Σ x[n, oh·s − pad + kh·d, ow·s − pad + kw·d, ci]·w[kh, kw, ci, co]. */
export function conv2d(x: Tensor, w: Tensor, options: Conv2dOptions = {}): Tensor {
  return convolve(x, w, geometry(x, w, options));
}

/** conv2d with its geometry resolved (what the rules call). */
function convolve(x: Tensor, w: Tensor, params: ConvGeometry): Tensor {
  sameBackend(x, w);
  const spec = convSpec(x.shape, w.shape, params);
  const out = zeros([spec.batch, spec.outH, spec.outW, spec.outC], x.backend);
  x.backend.conv2d(x.storage, w.storage, out.storage, spec);
  return record(out, 'conv2d', [x, w], geometryOf(params), convRules.conv2d);
}

/** Only the geometry: conv2dInputGrad's params also carry inputShape. */
function geometryOf({ stride, dilation, padding, groups }: ConvGeometry): ConvGeometry {
  return { stride, dilation, padding, groups };
}

/** The transpose of conv2d in its input: maps g (shaped like conv2d's
 * output) to inputShape, dx = Cᵀ_x(g, w). A transposed convolution. */
export function conv2dInputGrad(g: Tensor, w: Tensor, inputShape: readonly number[], params: ConvGeometry): Tensor {
  sameBackend(g, w);
  const spec = convSpec(inputShape, w.shape, params);
  if (!sameShape(g.shape, [spec.batch, spec.outH, spec.outW, spec.outC])) throw new Error(`conv2dInputGrad: g ${show(g.shape)} does not match the convolution's output`);
  const dx = zeros(inputShape, g.backend);
  g.backend.conv2dInputGrad(g.storage, w.storage, dx.storage, spec);
  return record(dx, 'conv2dInputGrad', [g, w], { ...geometryOf(params), inputShape: [...inputShape] }, convRules.conv2dInputGrad);
}

/** The transpose of conv2d in its filter: dw = Cᵀ_w(x, g), shaped filterShape. */
export function conv2dFilterGrad(x: Tensor, g: Tensor, filterShape: readonly number[], params: ConvGeometry): Tensor {
  sameBackend(x, g);
  const spec = convSpec(x.shape, filterShape, params);
  if (!sameShape(g.shape, [spec.batch, spec.outH, spec.outW, spec.outC])) throw new Error(`conv2dFilterGrad: g ${show(g.shape)} does not match the convolution's output`);
  const dw = zeros(filterShape, x.backend);
  x.backend.conv2dFilterGrad(x.storage, g.storage, dw.storage, spec);
  return record(dw, 'conv2dFilterGrad', [x, g], { ...geometryOf(params), filterShape: [...filterShape] }, convRules.conv2dFilterGrad);
}

// --- composites ---------------------------------------------------------------

export interface Conv1dOptions {
  stride?: number;
  /** 'causal' pads (kernel − 1)·dilation zeros in front only, so output t
   * sees inputs ≤ t; 'same' and 'valid' as in conv2d; or a number per end. */
  padding?: 'valid' | 'same' | 'causal' | number;
  dilation?: number;
  groups?: number;
}

/** 1-D convolution over sequences: x [N, L, Cin], w [K, Cin/groups, Cout] →
 * [N, OL, Cout]. A conv2d over a height-1 image. */
export function conv1d(x: Tensor, w: Tensor, options: Conv1dOptions = {}): Tensor {
  if (x.ndim !== 3 || w.ndim !== 3) throw new Error(`conv1d: input ${show(x.shape)} must be [N, L, C] and filter ${show(w.shape)} [K, C/groups, out]`);
  const { stride = 1, dilation = 1, groups = 1, padding = 'valid' } = options;
  const [n, l, c] = x.shape;
  let x4 = reshape(x, [n, 1, l, c]);
  let padding2d: Padding2d;
  if (padding === 'causal') {
    x4 = padOp(x4, [0, 0, (w.shape[0] - 1) * dilation, 0], [0, 0, 0, 0]);
    padding2d = 'valid';
  } else {
    padding2d = typeof padding === 'number' ? [0, 0, padding, padding] : padding;
  }
  const y = conv2d(x4, reshape(w, [1, ...w.shape]), { stride: [1, stride], dilation: [1, dilation], padding: padding2d, groups });
  return reshape(y, [n, y.shape[2], y.shape[3]]);
}
