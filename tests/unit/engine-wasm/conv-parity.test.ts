/**
 * The wasm convolution, pooling and gather kernels against the JS
 * reference, both builds, on awkward geometry: channels 1, 3, 7, 33 (not
 * multiples of the SIMD width), odd spatial sizes, stride 2, padding,
 * dilation 2, groups 2 and 3, batch 1 and 3, pooling windows that overlap
 * and windows that reach into the padding. Tolerance as parity.test.ts:
 * |Δ| ≤ 1e-5·(1 + |ref|)·√k for sums over k terms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { JsBackend, type Backend, type Storage, type WasmBackend } from '@/engine';
import type { Conv2dSpec, GatherSpec, Pool2dSpec, PoolKernel } from '@/engine/backend/backend';
import { patchChunkBytes, setPatchChunkBytes } from '@/engine/backend/wasm/conv';
import { flavoursHere, wasmBackend } from './wasm-files';
import { expectClose, randomValues, runKernel } from './compare';
import { mulberry32 as rng } from '../plots/rng';



/** A conv spec from the options, with the output size the engine would compute (padding split as given). */
function convSpec(o: { batch: number; h: number; w: number; inC: number; outC: number; k: [number, number]; stride?: number; dilation?: number; pad?: [number, number, number, number]; groups?: number }): Conv2dSpec {
  const { batch, h, w, inC, outC, k, stride = 1, dilation = 1, pad = [0, 0, 0, 0], groups = 1 } = o;
  const out = (n: number, a: number, b: number, kk: number) => Math.floor((n + a + b - ((kk - 1) * dilation + 1)) / stride) + 1;
  return {
    batch, inH: h, inW: w, inC, outC, kernelH: k[0], kernelW: k[1],
    outH: out(h, pad[0], pad[1], k[0]), outW: out(w, pad[2], pad[3], k[1]),
    strideH: stride, strideW: stride, dilationH: dilation, dilationW: dilation, padTop: pad[0], padLeft: pad[2], groups,
  };
}

const CONVS: [string, Conv2dSpec][] = [
  ['1→8, 3×3 same, batch 3 (the book’s first layer)', convSpec({ batch: 3, h: 9, w: 9, inC: 1, outC: 8, k: [3, 3], pad: [1, 1, 1, 1] })],
  ['3→7, 3×3 valid, odd sizes', convSpec({ batch: 1, h: 7, w: 5, inC: 3, outC: 7, k: [3, 3] })],
  ['7→33, 3×2, stride 2, uneven padding', convSpec({ batch: 3, h: 11, w: 9, inC: 7, outC: 33, k: [3, 2], stride: 2, pad: [1, 2, 0, 1] })],
  ['33→3, 3×3, dilation 2, padding 2', convSpec({ batch: 1, h: 9, w: 10, inC: 33, outC: 3, k: [3, 3], dilation: 2, pad: [2, 2, 2, 2] })],
  ['groups 2: 6→14, 3×3 same, stride 2', convSpec({ batch: 3, h: 7, w: 7, inC: 6, outC: 14, k: [3, 3], stride: 2, pad: [1, 1, 1, 1], groups: 2 })],
  ['depthwise (groups 7): 7→7, dilation 2', convSpec({ batch: 1, h: 8, w: 9, inC: 7, outC: 7, k: [3, 3], dilation: 2, pad: [2, 2, 2, 2], groups: 7 })],
  ['groups 3: 33→3, 1×1', convSpec({ batch: 3, h: 5, w: 3, inC: 33, outC: 3, k: [1, 1], groups: 3 })],
  ['kernel larger than padding reach: 5×5 on 3×4 input, padding 2', convSpec({ batch: 1, h: 3, w: 4, inC: 3, outC: 8, k: [5, 5], pad: [2, 2, 2, 2] })],
  ['the book’s 16→32 layer at 4×4, batch 32', convSpec({ batch: 32, h: 4, w: 4, inC: 16, outC: 32, k: [3, 3], pad: [1, 1, 1, 1] })],
];

function poolSpec(batch: number, h: number, w: number, channels: number, win: [number, number], stride: number, pad: [number, number, number, number]): Pool2dSpec {
  const out = (n: number, a: number, b: number, k: number) => Math.floor((n + a + b - k) / stride) + 1;
  return { batch, inH: h, inW: w, channels, outH: out(h, pad[0], pad[1], win[0]), outW: out(w, pad[2], pad[3], win[1]), windowH: win[0], windowW: win[1], strideH: stride, strideW: stride, padTop: pad[0], padLeft: pad[2] };
}

const POOLS: [string, Pool2dSpec][] = [
  ['2×2 stride 2, 1 channel, odd size (same padding after)', poolSpec(3, 7, 9, 1, [2, 2], 2, [0, 1, 0, 1])],
  ['3×3 stride 1 (overlapping), 3 channels, padding 1', poolSpec(1, 5, 6, 3, [3, 3], 1, [1, 1, 1, 1])],
  ['3×2 stride 2, 7 channels, padding top/left', poolSpec(3, 8, 7, 7, [3, 2], 2, [1, 0, 1, 1])],
  ['2×2 stride 2, 33 channels, batch 1', poolSpec(1, 6, 6, 33, [2, 2], 2, [0, 0, 0, 0])],
  ['window reaching wholly into the padding, 8 channels', poolSpec(1, 3, 3, 8, [2, 2], 2, [2, 2, 2, 2])],
];

const flavours = flavoursHere();

describe.each(flavours)('%s build', (flavour) => {
  let wasm: WasmBackend;
  const js = new JsBackend();
  beforeAll(async () => {
    wasm = await wasmBackend(flavour);
  });

  /** Runs the same call on both backends (out pre-filled with garbage: kernels must overwrite it) and compares. */
  function both(inputs: Float32Array[], outLength: number, call: (b: Backend, ins: Storage[], out: Storage) => void) {
    return { ref: runKernel(js, inputs, outLength, call, 7), got: runKernel(wasm, inputs, outLength, call, 7) };
  }

  // Default chunks (one chunk here) and chunks of a few pixels (the last one partial).
  it.each(CONVS.flatMap(([name, s]) => [[name, s, 0], [name, s, 7 * 4 * ((s.kernelH * s.kernelW * s.inC) / s.groups)]] as const))('conv2d and both gradients: %s, chunk bytes %i', (_, s, chunkBytes) => {
    const saved = patchChunkBytes;
    if (chunkBytes) setPatchChunkBytes(chunkBytes);
    try {
      checkConv(s);
    } finally {
      setPatchChunkBytes(saved);
    }
  });

  function checkConv(s: Conv2dSpec) {
    const before = wasm.bytesInUse();
    const xLen = s.batch * s.inH * s.inW * s.inC;
    const wLen = (s.kernelH * s.kernelW * s.inC * s.outC) / s.groups;
    const oLen = s.batch * s.outH * s.outW * s.outC;
    const x = randomValues(xLen, 1);
    const w = randomValues(wLen, 2);
    const g = randomValues(oLen, 3);
    const fwd = both([x, w], oLen, (b, [xs, ws], out) => b.conv2d(xs, ws, out, s));
    expectClose(fwd.got, fwd.ref, 1e-5 * Math.sqrt((s.kernelH * s.kernelW * s.inC) / s.groups), 'conv2d');
    const dx = both([g, w], xLen, (b, [gs, ws], out) => b.conv2dInputGrad(gs, ws, out, s));
    expectClose(dx.got, dx.ref, 1e-5 * Math.sqrt(s.kernelH * s.kernelW * s.outC), 'conv2dInputGrad');
    const dw = both([x, g], wLen, (b, [xs, gs], out) => b.conv2dFilterGrad(xs, gs, out, s));
    expectClose(dw.got, dw.ref, 1e-5 * Math.sqrt(s.batch * s.outH * s.outW), 'conv2dFilterGrad');
    expect(wasm.bytesInUse(), 'scratch given back').toBe(before);
  }

  it.each(POOLS)('max and avg pool2d and their gradients: %s', (_, s) => {
    const xLen = s.batch * s.inH * s.inW * s.channels;
    const oLen = s.batch * s.outH * s.outW * s.channels;
    const x = randomValues(xLen, 4);
    // Ties: the max gradient must go to the first maximum of each window.
    for (let i = 0; i < xLen; i += 5) x[i] = 1.5;
    const g = randomValues(oLen, 5);
    for (const op of ['max', 'avg'] as PoolKernel[]) {
      const fwd = both([x], oLen, (b, [xs], out) => b.pool2d(op, xs, out, s));
      expectClose(fwd.got, fwd.ref, 2e-6, `${op} pool2d`);
      const grad = both([x, g], xLen, (b, [xs, gs], out) => b.pool2dGrad(op, xs, gs, out, s));
      expectClose(grad.got, grad.ref, 1e-5 * Math.sqrt(s.windowH * s.windowW), `${op} pool2dGrad`);
    }
  });

  it('max pooling keeps NaN like the reference', () => {
    const s = poolSpec(1, 4, 4, 5, [2, 2], 2, [0, 0, 0, 0]);
    const x = randomValues(80, 6);
    x[7] = Number.NaN;
    x[22] = Number.NaN;
    const fwd = both([x], 20, (b, [xs], out) => b.pool2d('max', xs, out, s));
    expectClose(fwd.got, fwd.ref, 0, 'max pool2d with NaN');
    const grad = both([x, randomValues(20, 7)], 80, (b, [xs, gs], out) => b.pool2dGrad('max', xs, gs, out, s));
    expectClose(grad.got, grad.ref, 0, 'max pool2dGrad with NaN');
  });

  const GATHERS: GatherSpec[] = [
    { outer: 1, axisSize: 10, inner: 1, count: 7 },
    { outer: 3, axisSize: 5, inner: 7, count: 9 },
    { outer: 2, axisSize: 4, inner: 33, count: 6 },
    { outer: 1, axisSize: 3, inner: 8, count: 0 },
  ];
  it.each(GATHERS)('gather and scatterAdd with repeated indices: %o', (s) => {
    const r = rng(s.inner);
    const indices = Float32Array.from({ length: s.count }, (_, i) => (i < 2 ? 1 : Math.floor(r() * s.axisSize)));
    const x = randomValues(s.outer * s.axisSize * s.inner, 8);
    const src = randomValues(s.outer * s.count * s.inner, 9);
    const gathered = both([x, indices], s.outer * s.count * s.inner, (b, [xs, is], out) => b.gather(xs, is, out, s));
    expectClose(gathered.got, gathered.ref, 0, 'gather');
    const scattered = both([src, indices], s.outer * s.axisSize * s.inner, (b, [ss, is], out) => b.scatterAdd(ss, is, out, s));
    expectClose(scattered.got, scattered.ref, 2e-6 * Math.sqrt(s.count), 'scatterAdd');
  });

  it.each([[5], [-1], [1.5], [Number.NaN]])('gather and scatterAdd throw on index %d and write nothing', (bad) => {
    const s: GatherSpec = { outer: 2, axisSize: 5, inner: 3, count: 4 };
    const x = wasm.alloc(30);
    const indices = wasm.alloc(4);
    wasm.write(indices, [0, 4, bad, 2]);
    const out = wasm.alloc(24);
    wasm.fill(out, 7);
    expect(() => wasm.gather(x, indices, out, s)).toThrow(/gather: index .* is not an integer in 0…4/);
    expect(() => wasm.scatterAdd(x, indices, out, s)).toThrow(/gather: index .* is not an integer in 0…4/);
    expect([...wasm.read(out)].every((v) => v === 7)).toBe(true);
    for (const t of [x, indices, out]) wasm.free(t);
  });
});
