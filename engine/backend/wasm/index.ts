// The wasm backend: tensors live in wasm linear memory and the hot kernels
// (matmul, contiguous elementwise and broadcast ops, block reductions, row
// softmax and layer norm, the fused optimizer updates, convolution, pooling,
// gather) are AssemblyScript SIMD; engine/wasm/assembly/codes.ts says which
// unary and binary ops. Every other kernel is inherited from the JS
// reference backend, which runs on views of the same memory: nothing is
// ever copied between JS and wasm inside a step.

import type { AdamHyper, BinaryKernel, Conv2dSpec, FloatArray, GatherSpec, MatmulSpec, Pool2dSpec, PoolKernel, ReduceKernel, RowKernel, SgdHyper, Storage, UnaryKernel } from '../backend';
import { forEachBatch } from '../batches';
import { JsBackend } from '../js';
import { WasmAllocator } from './allocator';
import { type ConvKernel, convScratch } from './conv';
import { binaryCode, poolCode, rowCode, unaryCode } from './kernel-codes';

export type WasmFlavour = 'relaxed' | 'simd';

/** The exports of engine/wasm/assembly/index.ts. Pointers are byte offsets. */
export interface WasmKernels {
  memory: WebAssembly.Memory;
  heapBase(): number;
  matmul(a: number, b: number, out: number, m: number, k: number, n: number, ars: number, acs: number): void;
  matmulScratchBytes(m: number, k: number, n: number): number;
  matmulBlocked(a: number, b: number, out: number, m: number, k: number, n: number, ars: number, acs: number, scratch: number): void;
  transpose2d(src: number, dst: number, rows: number, cols: number): void;
  unary(op: number, x: number, out: number, n: number): void;
  binary2d(op: number, a: number, aRow: number, aCol: number, aPeriod: number, b: number, bRow: number, bCol: number, bPeriod: number, out: number, rows: number, cols: number): void;
  where2d(c: number, cRow: number, cCol: number, cPeriod: number, a: number, aRow: number, aCol: number, aPeriod: number, b: number, bRow: number, bCol: number, bPeriod: number, out: number, rows: number, cols: number): void;
  fill(out: number, value: number, n: number): void;
  zero(ptr: number, bytes: number): void;
  copy4d(src: number, sOff: number, s0: number, s1: number, s2: number, s3: number, dst: number, dOff: number, d0: number, d1: number, d2: number, d3: number, n0: number, n1: number, n2: number, n3: number): void;
  reduceSum(x: number, out: number, outer: number, r: number, inner: number): void;
  reduceMax(x: number, out: number, outer: number, r: number, inner: number): void;
  sgd(param: number, grad: number, velocity: number, n: number, lr: number, mu: number, dampening: number, nesterov: number, wd: number, first: number): void;
  adam(param: number, grad: number, m: number, v: number, n: number, lr: number, b1: number, b2: number, eps: number, wd: number, decoupled: number, bc1: number, bc2: number): void;
  rowSoftmax(op: number, x: number, out: number, rows: number, cols: number): void;
  rowSoftmaxGrad(op: number, x: number, y: number, g: number, dx: number, rows: number, cols: number): void;
  layerNorm(x: number, w: number, b: number, out: number, rows: number, cols: number, eps: number): void;
  layerNormGrad(x: number, w: number, g: number, dx: number, dw: number, db: number, rows: number, cols: number, eps: number): void;
  // conv.ts: the geometry is set first, then a kernel runs with scratch for `chunk` rows of patches.
  convGeometry(batch: number, inH: number, inW: number, inC: number, outH: number, outW: number, outC: number, kernelH: number, kernelW: number, strideH: number, strideW: number, dilationH: number, dilationW: number, padTop: number, padLeft: number, groups: number): void;
  conv2d(x: number, w: number, out: number, scratch: number, chunk: number): void;
  conv2dInputGrad(g: number, w: number, dx: number, scratch: number, chunk: number): void;
  conv2dFilterGrad(x: number, g: number, dw: number, scratch: number, chunk: number): void;
  // pool.ts: op is a Pool code (codes.ts).
  poolGeometry(batch: number, inH: number, inW: number, channels: number, outH: number, outW: number, windowH: number, windowW: number, strideH: number, strideW: number, padTop: number, padLeft: number): void;
  pool2d(op: number, x: number, out: number): void;
  pool2dGrad(op: number, x: number, g: number, dx: number): void;
  // gather.ts: checkIndices returns the first bad position, or −1.
  checkIndices(indices: number, count: number, axisSize: number): number;
  gather(x: number, indices: number, out: number, outer: number, axisSize: number, inner: number, count: number): void;
  scatterAdd(src: number, indices: number, out: number, outer: number, axisSize: number, inner: number, count: number): void;
}

class WasmStorage implements Storage {
  live = true;
  constructor(
    readonly ptr: number,
    readonly length: number,
  ) {}
}

export class WasmBackend extends JsBackend {
  private readonly heap: WasmAllocator;

  constructor(
    readonly kernels: WasmKernels,
    readonly flavour: WasmFlavour,
  ) {
    super({ dtype: 'float32', name: `wasm-${flavour}` });
    this.heap = new WasmAllocator(kernels.memory, kernels.heapBase(), kernels.zero);
  }

  private ptr(s: Storage): number {
    if (!(s instanceof WasmStorage)) throw new Error(`${this.name}: storage from another backend`);
    if (!s.live) throw new Error(`${this.name}: storage used after free`);
    return s.ptr;
  }

  /** A fresh view: the memory may have grown (and detached old views) since the last one. */
  protected override arr(s: Storage): FloatArray {
    return new Float32Array(this.kernels.memory.buffer, this.ptr(s), s.length);
  }

  override alloc(length: number): Storage {
    return new WasmStorage(this.heap.alloc(length * 4), length);
  }

  allocUninitialized(length: number): Storage {
    return new WasmStorage(this.heap.alloc(length * 4, false), length);
  }

  override free(storage: Storage): void {
    const ptr = this.ptr(storage);
    (storage as WasmStorage).live = false;
    this.heap.release(ptr, storage.length * 4);
  }

  override bytesInUse(): number {
    return this.heap.requested;
  }

  /** Linear memory taken by the heap, free blocks included (for diagnostics). */
  get heapBytes(): number {
    return this.heap.heapBytes;
  }

  override fill(storage: Storage, value: number): void {
    this.kernels.fill(this.ptr(storage), value, storage.length);
  }

  override unary(op: UnaryKernel, x: Storage, out: Storage, length: number): void {
    const code = unaryCode(op);
    if (code === undefined) return super.unary(op, x, out, length);
    this.kernels.unary(code, this.ptr(x), this.ptr(out), length);
  }

  override binary(op: BinaryKernel, a: Storage, aStrides: readonly number[], b: Storage, bStrides: readonly number[], out: Storage, outShape: readonly number[]): void {
    const code = binaryCode(op);
    const pa = code === undefined ? null : asRows(aStrides, outShape);
    const pb = code === undefined ? null : asRows(bStrides, outShape);
    if (code === undefined || !pa || !pb) return super.binary(op, a, aStrides, b, bStrides, out, outShape);
    this.kernels.binary2d(code, this.ptr(a), ...pa, this.ptr(b), ...pb, this.ptr(out), rowsOf(outShape), colsOf(outShape));
  }

  override where(
    cond: Storage,
    condStrides: readonly number[],
    a: Storage,
    aStrides: readonly number[],
    b: Storage,
    bStrides: readonly number[],
    out: Storage,
    outShape: readonly number[],
  ): void {
    const pc = asRows(condStrides, outShape);
    const pa = asRows(aStrides, outShape);
    const pb = asRows(bStrides, outShape);
    if (!pc || !pa || !pb) return super.where(cond, condStrides, a, aStrides, b, bStrides, out, outShape);
    this.kernels.where2d(this.ptr(cond), ...pc, this.ptr(a), ...pa, this.ptr(b), ...pb, this.ptr(out), rowsOf(outShape), colsOf(outShape));
  }

  override reduce(op: ReduceKernel, x: Storage, xShape: readonly number[], axes: readonly number[], out: Storage): void {
    for (let i = 1; i < axes.length; i++) if (axes[i] !== axes[i - 1] + 1) return super.reduce(op, x, xShape, axes, out);
    const lo = axes.length ? axes[0] : 0;
    const hi = axes.length ? axes[axes.length - 1] + 1 : 0;
    const outer = product(xShape.slice(0, lo));
    const r = product(xShape.slice(lo, hi));
    const inner = product(xShape.slice(hi));
    (op === 'sum' ? this.kernels.reduceSum : this.kernels.reduceMax)(this.ptr(x), this.ptr(out), outer, r, inner);
  }

  override matmul(a: Storage, b: Storage, out: Storage, spec: MatmulSpec): void {
    const { m, k, n, transA, transB } = spec;
    const [ars, acs] = transA ? [1, m] : [k, 1];
    // The kernel wants B row-major k×n: a transposed B is packed first.
    // Large products also get scratch for the cache-blocked kernel.
    const packed = transB ? this.heap.alloc(k * n * 4, false) : 0;
    const blockBytes = this.kernels.matmulScratchBytes(m, k, n);
    const block = blockBytes ? this.heap.alloc(blockBytes, false) : 0;
    const pa = this.ptr(a);
    const pb = this.ptr(b);
    const po = this.ptr(out);
    forEachBatch(spec, (bi, aOff, bOff) => {
      let bPtr = pb + bOff * 4;
      if (transB) {
        this.kernels.transpose2d(bPtr, packed, k, n);
        bPtr = packed;
      }
      if (block) this.kernels.matmulBlocked(pa + aOff * 4, bPtr, po + bi * m * n * 4, m, k, n, ars, acs, block);
      else this.kernels.matmul(pa + aOff * 4, bPtr, po + bi * m * n * 4, m, k, n, ars, acs);
    });
    if (transB) this.heap.release(packed, k * n * 4);
    if (block) this.heap.release(block, blockBytes);
  }

  override rowSoftmax(op: RowKernel, x: Storage, out: Storage, rows: number, cols: number): void {
    this.kernels.rowSoftmax(rowCode(op), this.ptr(x), this.ptr(out), rows, cols);
  }

  override rowSoftmaxGrad(op: RowKernel, x: Storage, y: Storage, g: Storage, dx: Storage, rows: number, cols: number): void {
    this.kernels.rowSoftmaxGrad(rowCode(op), this.ptr(x), this.ptr(y), this.ptr(g), this.ptr(dx), rows, cols);
  }

  override layerNorm(x: Storage, w: Storage, b: Storage, out: Storage, rows: number, cols: number, eps: number): void {
    this.kernels.layerNorm(this.ptr(x), this.ptr(w), this.ptr(b), this.ptr(out), rows, cols, eps);
  }

  override layerNormGrad(x: Storage, w: Storage, g: Storage, dx: Storage, dw: Storage, db: Storage, rows: number, cols: number, eps: number): void {
    this.kernels.layerNormGrad(this.ptr(x), this.ptr(w), this.ptr(g), this.ptr(dx), this.ptr(dw), this.ptr(db), rows, cols, eps);
  }

  override copyStrided(
    src: Storage,
    srcOffset: number,
    srcStrides: readonly number[],
    dst: Storage,
    dstOffset: number,
    dstStrides: readonly number[],
    shape: readonly number[],
  ): void {
    const nd = shape.length;
    if (nd > 4) return super.copyStrided(src, srcOffset, srcStrides, dst, dstOffset, dstStrides, shape);
    // Pad to four axes with leading size-1 axes.
    const pad = 4 - nd;
    const n = (d: number) => (d < pad ? 1 : shape[d - pad]);
    const s = (d: number) => (d < pad ? 0 : srcStrides[d - pad]);
    const t = (d: number) => (d < pad ? 0 : dstStrides[d - pad]);
    this.kernels.copy4d(this.ptr(src), srcOffset, s(0), s(1), s(2), s(3), this.ptr(dst), dstOffset, t(0), t(1), t(2), t(3), n(0), n(1), n(2), n(3));
  }

  override sgdUpdate(param: Storage, grad: Storage, velocity: Storage | null, length: number, h: SgdHyper): void {
    this.kernels.sgd(this.ptr(param), this.ptr(grad), velocity ? this.ptr(velocity) : 0, length, h.lr, h.momentum, h.dampening, h.nesterov ? 1 : 0, h.weightDecay, h.firstStep ? 1 : 0);
  }

  override adamUpdate(param: Storage, grad: Storage, m: Storage, v: Storage, length: number, h: AdamHyper): void {
    const bc1 = 1 - Math.pow(h.beta1, h.step);
    const bc2 = 1 - Math.pow(h.beta2, h.step);
    this.kernels.adam(this.ptr(param), this.ptr(grad), this.ptr(m), this.ptr(v), length, h.lr, h.beta1, h.beta2, h.eps, h.weightDecay, h.decoupled ? 1 : 0, bc1, bc2);
  }

  // --- convolution, pooling, gather (engine/wasm/assembly/{conv,pool,gather}.ts)

  override conv2d(x: Storage, w: Storage, out: Storage, spec: Conv2dSpec): void {
    this.convolve('conv2d', this.ptr(x), this.ptr(w), this.ptr(out), spec);
  }

  override conv2dInputGrad(g: Storage, w: Storage, dx: Storage, spec: Conv2dSpec): void {
    this.convolve('conv2dInputGrad', this.ptr(g), this.ptr(w), this.ptr(dx), spec);
  }

  override conv2dFilterGrad(x: Storage, g: Storage, dw: Storage, spec: Conv2dSpec): void {
    this.convolve('conv2dFilterGrad', this.ptr(x), this.ptr(g), this.ptr(dw), spec);
  }

  /** Sets the geometry, lends the kernel its scratch and takes it back. */
  private convolve(kernel: ConvKernel, a: number, b: number, out: number, s: Conv2dSpec): void {
    const { chunk, floats } = convScratch(kernel, s);
    this.kernels.convGeometry(s.batch, s.inH, s.inW, s.inC, s.outH, s.outW, s.outC, s.kernelH, s.kernelW, s.strideH, s.strideW, s.dilationH, s.dilationW, s.padTop, s.padLeft, s.groups);
    const scratch = this.heap.alloc(floats * 4, false);
    this.kernels[kernel](a, b, out, scratch, chunk);
    this.heap.release(scratch, floats * 4);
  }

  override pool2d(op: PoolKernel, x: Storage, out: Storage, spec: Pool2dSpec): void {
    this.poolGeometry(spec);
    this.kernels.pool2d(poolCode(op), this.ptr(x), this.ptr(out));
  }

  override pool2dGrad(op: PoolKernel, x: Storage, g: Storage, dx: Storage, spec: Pool2dSpec): void {
    this.poolGeometry(spec);
    this.kernels.pool2dGrad(poolCode(op), this.ptr(x), this.ptr(g), this.ptr(dx));
  }

  private poolGeometry(s: Pool2dSpec): void {
    this.kernels.poolGeometry(s.batch, s.inH, s.inW, s.channels, s.outH, s.outW, s.windowH, s.windowW, s.strideH, s.strideW, s.padTop, s.padLeft);
  }

  override gather(x: Storage, indices: Storage, out: Storage, spec: GatherSpec): void {
    this.checkIndices(indices, spec);
    this.kernels.gather(this.ptr(x), this.ptr(indices), this.ptr(out), spec.outer, spec.axisSize, spec.inner, spec.count);
  }

  override scatterAdd(src: Storage, indices: Storage, out: Storage, spec: GatherSpec): void {
    this.checkIndices(indices, spec);
    this.kernels.scatterAdd(this.ptr(src), this.ptr(indices), this.ptr(out), spec.outer, spec.axisSize, spec.inner, spec.count);
  }

  /** The kernels trust their indices: a bad one throws here, before any write (message as the reference's). */
  private checkIndices(indices: Storage, { count, axisSize }: GatherSpec): void {
    const bad = this.kernels.checkIndices(this.ptr(indices), count, axisSize);
    if (bad >= 0) throw new Error(`gather: index ${this.arr(indices)[bad]} is not an integer in 0…${axisSize - 1}`);
  }
}

function product(xs: readonly number[]): number {
  let p = 1;
  for (const x of xs) p *= x;
  return p;
}

function rowsOf(shape: readonly number[]): number {
  return product(shape.slice(0, -1));
}

function colsOf(shape: readonly number[]): number {
  return shape.length ? shape[shape.length - 1] : 1;
}

/**
 * An operand's layout over outShape as the kernels' (row stride, column
 * stride, period) of the [rows, cols] view, row r reading at
 * (r mod period)·rowStride, when the layout allows it: the last axis
 * contiguous (1) or broadcast (0); then, going outward, a run of leading
 * axes laid out densely, then only broadcast axes. Covers same shapes,
 * scalars, bias rows, columns and a block repeated over leading axes.
 * Otherwise null (the general kernel takes over).
 */
function asRows(strides: readonly number[], shape: readonly number[]): [number, number, number] | null {
  const nd = shape.length;
  if (nd === 0) return [0, 0, 1];
  const last = shape[nd - 1];
  const col = last === 1 ? 0 : strides[nd - 1];
  if (col !== 0 && col !== 1) return null;
  const width = col === 1 ? last : 1;
  let period = 1;
  let expect = width;
  let d = nd - 2;
  for (; d >= 0; d--) {
    if (shape[d] === 1) continue;
    if (strides[d] !== expect) break;
    period *= shape[d];
    expect *= shape[d];
  }
  for (; d >= 0; d--) if (shape[d] !== 1 && strides[d] !== 0) return null;
  return [width, col, period];
}
