// The plain-TypeScript reference backend: the truth every faster backend is
// tested against. Storage is an ordinary typed array; in float64 mode every
// kernel runs on Float64Array, which is what gradient checks use.

import type {
  AdamHyper,
  Backend,
  BinaryKernel,
  Conv2dSpec,
  DType,
  FloatArray,
  GatherSpec,
  MatmulSpec,
  Pool2dSpec,
  PoolKernel,
  ReduceKernel,
  RowKernel,
  SgdHyper,
  Storage,
  UnaryKernel,
} from '../backend';
import { binaryKernel, copyStridedKernel, unaryKernel, whereKernel } from './elementwise';
import { conv2dFilterGradKernel, conv2dInputGradKernel, conv2dKernel } from './conv';
import { gatherKernel, scatterAddKernel } from './gather';
import { matmulKernel } from './matmul';
import { adamKernel, sgdKernel } from './optimizer';
import { pool2dArgmaxKernel, pool2dGradKernel, pool2dKernel } from './pool';
import { reduceKernel } from './reduce';
import { layerNormGradKernel, layerNormKernel, rowSoftmaxGradKernel, rowSoftmaxKernel } from './rows';

class JsStorage implements Storage {
  live = true;
  constructor(public data: FloatArray) {}
  get length(): number {
    return this.data.length;
  }
}

export class JsBackend implements Backend {
  readonly name: string;
  readonly dtype: DType;
  private bytes = 0;

  constructor(options: { dtype?: DType; name?: string } = {}) {
    this.dtype = options.dtype ?? 'float32';
    this.name = options.name ?? `js-${this.dtype}`;
  }

  private get bytesPerElement(): number {
    return this.dtype === 'float32' ? 4 : 8;
  }

  /** Unwraps a handle, refusing foreign or freed ones. Subclasses that keep
   * storage elsewhere (wasm memory) override this and inherit every kernel. */
  protected arr(s: Storage): FloatArray {
    if (!(s instanceof JsStorage)) throw new Error(`${this.name}: storage from another backend`);
    if (!s.live) throw new Error(`${this.name}: storage used after free`);
    return s.data;
  }

  alloc(length: number): Storage {
    this.bytes += length * this.bytesPerElement;
    return new JsStorage(this.dtype === 'float32' ? new Float32Array(length) : new Float64Array(length));
  }

  free(storage: Storage): void {
    this.arr(storage);
    const s = storage as JsStorage;
    this.bytes -= s.data.length * this.bytesPerElement;
    s.live = false;
    s.data = new Float32Array(0);
  }

  bytesInUse(): number {
    return this.bytes;
  }

  write(storage: Storage, values: ArrayLike<number>, offset = 0): void {
    this.arr(storage).set(values, offset);
  }

  view(storage: Storage): FloatArray {
    return this.arr(storage);
  }

  read(storage: Storage): FloatArray {
    return this.arr(storage).slice();
  }

  fill(storage: Storage, value: number): void {
    this.arr(storage).fill(value);
  }

  unary(op: UnaryKernel, x: Storage, out: Storage, length: number): void {
    unaryKernel(op, this.arr(x), this.arr(out), length);
  }

  binary(op: BinaryKernel, a: Storage, aStrides: readonly number[], b: Storage, bStrides: readonly number[], out: Storage, outShape: readonly number[]): void {
    binaryKernel(op, this.arr(a), aStrides, this.arr(b), bStrides, this.arr(out), outShape);
  }

  where(
    cond: Storage,
    condStrides: readonly number[],
    a: Storage,
    aStrides: readonly number[],
    b: Storage,
    bStrides: readonly number[],
    out: Storage,
    outShape: readonly number[],
  ): void {
    whereKernel(this.arr(cond), condStrides, this.arr(a), aStrides, this.arr(b), bStrides, this.arr(out), outShape);
  }

  reduce(op: ReduceKernel, x: Storage, xShape: readonly number[], axes: readonly number[], out: Storage): void {
    reduceKernel(op, this.arr(x), xShape, axes, this.arr(out));
  }

  matmul(a: Storage, b: Storage, out: Storage, spec: MatmulSpec): void {
    matmulKernel(this.arr(a), this.arr(b), this.arr(out), spec);
  }

  rowSoftmax(op: RowKernel, x: Storage, out: Storage, rows: number, cols: number): void {
    rowSoftmaxKernel(op, this.arr(x), this.arr(out), rows, cols);
  }

  rowSoftmaxGrad(op: RowKernel, x: Storage, y: Storage, g: Storage, dx: Storage, rows: number, cols: number): void {
    rowSoftmaxGradKernel(op, this.arr(x), this.arr(y), this.arr(g), this.arr(dx), rows, cols);
  }

  layerNorm(x: Storage, w: Storage, b: Storage, out: Storage, rows: number, cols: number, eps: number): void {
    layerNormKernel(this.arr(x), this.arr(w), this.arr(b), this.arr(out), rows, cols, eps);
  }

  layerNormGrad(x: Storage, w: Storage, g: Storage, dx: Storage, dw: Storage, db: Storage, rows: number, cols: number, eps: number): void {
    layerNormGradKernel(this.arr(x), this.arr(w), this.arr(g), this.arr(dx), this.arr(dw), this.arr(db), rows, cols, eps);
  }

  copyStrided(
    src: Storage,
    srcOffset: number,
    srcStrides: readonly number[],
    dst: Storage,
    dstOffset: number,
    dstStrides: readonly number[],
    shape: readonly number[],
  ): void {
    copyStridedKernel(this.arr(src), srcOffset, srcStrides, this.arr(dst), dstOffset, dstStrides, shape);
  }

  conv2d(x: Storage, w: Storage, out: Storage, spec: Conv2dSpec): void {
    conv2dKernel(this.arr(x), this.arr(w), this.arr(out), spec);
  }

  conv2dInputGrad(g: Storage, w: Storage, dx: Storage, spec: Conv2dSpec): void {
    conv2dInputGradKernel(this.arr(g), this.arr(w), this.arr(dx), spec);
  }

  conv2dFilterGrad(x: Storage, g: Storage, dw: Storage, spec: Conv2dSpec): void {
    conv2dFilterGradKernel(this.arr(x), this.arr(g), this.arr(dw), spec);
  }

  pool2d(op: PoolKernel, x: Storage, out: Storage, spec: Pool2dSpec): void {
    pool2dKernel(op, this.arr(x), this.arr(out), spec);
  }

  pool2dGrad(op: PoolKernel, x: Storage, g: Storage, dx: Storage, spec: Pool2dSpec): void {
    pool2dGradKernel(op, this.arr(x), this.arr(g), this.arr(dx), spec);
  }

  pool2dArgmax(x: Storage, indices: Storage, spec: Pool2dSpec): void {
    pool2dArgmaxKernel(this.arr(x), this.arr(indices), spec);
  }

  gather(x: Storage, indices: Storage, out: Storage, spec: GatherSpec): void {
    gatherKernel(this.arr(x), this.arr(indices), this.arr(out), spec);
  }

  scatterAdd(src: Storage, indices: Storage, out: Storage, spec: GatherSpec): void {
    scatterAddKernel(this.arr(src), this.arr(indices), this.arr(out), spec);
  }

  sgdUpdate(param: Storage, grad: Storage, velocity: Storage | null, length: number, hyper: SgdHyper): void {
    sgdKernel(this.arr(param), this.arr(grad), velocity ? this.arr(velocity) : null, length, hyper);
  }

  adamUpdate(param: Storage, grad: Storage, m: Storage, v: Storage, length: number, hyper: AdamHyper): void {
    adamKernel(this.arr(param), this.arr(grad), this.arr(m), this.arr(v), length, hyper);
  }
}
