// Max and average pooling over 2-D windows, NHWC ([batch, height, width,
// channels]), each channel on its own.

import type { Pool2dSpec, PoolKernel } from '../backend/backend';
import { show } from '../shape';
import { empty, type Tensor, zeros } from '../tensor';
import { record } from '../tape';
import { outputSize, type Padding2d, pair, resolvePadding } from './conv';
import { gather } from './gather';
import { reshape } from './movement';
import { type JvpTable, type NoteTable, type PoolGeometry, type RuleTable, savesInput } from './primitive';

export type PoolPrimitive = 'maxPool2d' | 'avgPool2d';

// Rules run with grad mode off, so the gradient kernel need not record.
function poolGrad(op: PoolKernel, x: Tensor, g: Tensor, params: PoolGeometry): Tensor {
  const dx = zeros(x.shape, x.backend);
  x.backend.pool2dGrad(op, x.storage, g.storage, dx.storage, poolSpec(x.shape, params));
  return dx;
}

export const poolRules: RuleTable<PoolPrimitive> = {
  // d max(window) = dx at the window's argmax (the first, on ties)
  maxPool2d: (g, { inputs: [x], params }) => [poolGrad('max', x, g, params)],
  // d mean(window) = (1/count)·Σ dx over the window's positions inside x
  avgPool2d: (g, { inputs: [x], params }) => [poolGrad('avg', x, g, params)],
};

// For the tape viewer. Both rules hand x to the kernel (average pooling's
// reads only its shape, but the tape keeps it).
export const poolTapeNotes: NoteTable<PoolPrimitive> = {
  maxPool2d: { vjp: 'dx = g at each window’s first maximum', saves: savesInput },
  avgPool2d: { vjp: 'dx = g/count over each window', saves: savesInput },
};

export const poolJvpRules: JvpTable<PoolPrimitive> = {
  // ẏ = ẋ at each window's first maximum: the position the gradient goes to
  maxPool2d: ([dx], { inputs: [x], output, params }) => {
    if (!dx) return null;
    const at = empty(output.shape, x.backend);
    x.backend.pool2dArgmax(x.storage, at.storage, poolSpec(x.shape, params));
    return gather(reshape(dx, [dx.size]), at);
  },
  // ẏ = the mean of ẋ over each window: average pooling is linear
  avgPool2d: ([dx], { params }) => dx && poolWith('avg', 'avgPool2d', dx, params),
};

export interface Pool2dOptions {
  /** Default: the window (non-overlapping windows). */
  stride?: number | readonly [number, number];
  /** 'valid' (default) drops partial windows at the edge; 'same' keeps
   * ⌈input/stride⌉ outputs. Padded positions are ignored, not zeros. */
  padding?: Padding2d;
}

function poolSpec(shape: readonly number[], p: PoolGeometry): Pool2dSpec {
  if (shape.length !== 4) throw new Error(`pool2d: input ${show(shape)} must be [N, H, W, C]`);
  const [batch, inH, inW, channels] = shape;
  const [windowH, windowW] = p.window;
  const outH = outputSize(inH, p.padding[0], p.padding[1], windowH, p.stride[0]);
  const outW = outputSize(inW, p.padding[2], p.padding[3], windowW, p.stride[1]);
  if (outH <= 0 || outW <= 0) throw new Error(`pool2d: window ${show(p.window)} does not fit input ${show(shape)}`);
  if (p.padding[0] >= windowH || p.padding[2] >= windowW) throw new Error('pool2d: padding must be smaller than the window');
  return { batch, inH, inW, channels, outH, outW, windowH, windowW, strideH: p.stride[0], strideW: p.stride[1], padTop: p.padding[0], padLeft: p.padding[2] };
}

function pool(op: PoolKernel, primitive: PoolPrimitive, x: Tensor, window: number | readonly [number, number], options: Pool2dOptions): Tensor {
  const win = pair(window);
  const stride = pair(options.stride ?? win);
  const padding = resolvePadding(options.padding ?? 'valid', x.shape[1], x.shape[2], win[0], win[1], stride);
  return poolWith(op, primitive, x, { window: win, stride, padding });
}

function poolWith(op: PoolKernel, primitive: PoolPrimitive, x: Tensor, params: PoolGeometry): Tensor {
  const spec = poolSpec(x.shape, params);
  const out = zeros([spec.batch, spec.outH, spec.outW, spec.channels], x.backend);
  x.backend.pool2d(op, x.storage, out.storage, spec);
  return record<PoolPrimitive>(out, primitive, [x], params, poolRules[primitive]);
}

/** The maximum of each window: x [N, H, W, C] → [N, OH, OW, C]. */
export function maxPool2d(x: Tensor, window: number | readonly [number, number], options: Pool2dOptions = {}): Tensor {
  return pool('max', 'maxPool2d', x, window, options);
}

/** The mean of each window (over its positions inside x). */
export function avgPool2d(x: Tensor, window: number | readonly [number, number], options: Pool2dOptions = {}): Tensor {
  return pool('avg', 'avgPool2d', x, window, options);
}
