// Elementwise kernels with NumPy broadcasting: the reference implementation.
// Arrays may be Float32Array or Float64Array; arithmetic happens in doubles
// and is rounded once on store.

import type { BinaryKernel, FloatArray, UnaryKernel } from '../backend';
import { erf, gelu, geluDerivative, geluTanh, geluTanhDerivative, sigmoid } from './math';

type Fn1 = (x: number) => number;
type Fn2 = (a: number, b: number) => number;

export const UNARY: { [K in UnaryKernel]: Fn1 } = {
  identity: (x) => x,
  neg: (x) => -x,
  exp: Math.exp,
  log: Math.log,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN),
  step: (x) => (x > 0 ? 1 : x <= 0 ? 0 : NaN),
  tanh: Math.tanh,
  sigmoid,
  relu: (x) => (x > 0 ? x : x <= 0 ? 0 : NaN),
  erf,
  sin: Math.sin,
  cos: Math.cos,
  gelu,
  geluTanh,
  geluDerivative,
  geluTanhDerivative,
};

export const BINARY: { [K in BinaryKernel]: Fn2 } = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  maximum: Math.max,
  minimum: Math.min,
  greater: (a, b) => (a > b ? 1 : 0),
  greaterEqual: (a, b) => (a >= b ? 1 : 0),
  less: (a, b) => (a < b ? 1 : 0),
  lessEqual: (a, b) => (a <= b ? 1 : 0),
  equal: (a, b) => (a === b ? 1 : 0),
  notEqual: (a, b) => (a !== b ? 1 : 0),
};

export function unaryKernel(op: UnaryKernel, x: FloatArray, out: FloatArray, length: number): void {
  switch (op) {
    case 'identity':
      for (let i = 0; i < length; i++) out[i] = x[i];
      return;
    case 'exp':
      for (let i = 0; i < length; i++) out[i] = Math.exp(x[i]);
      return;
    case 'tanh':
      for (let i = 0; i < length; i++) out[i] = Math.tanh(x[i]);
      return;
    case 'relu':
      for (let i = 0; i < length; i++) {
        const v = x[i];
        out[i] = v > 0 || v !== v ? v : 0; // NaN stays NaN
      }
      return;
    default: {
      const f = UNARY[op];
      for (let i = 0; i < length; i++) out[i] = f(x[i]);
    }
  }
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function isContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] !== 1 && strides[d] !== expected) return false;
    expected *= shape[d];
  }
  return true;
}

const isZero = (strides: readonly number[]) => strides.every((s) => s === 0);

export function binaryKernel(
  op: BinaryKernel,
  a: FloatArray,
  aStrides: readonly number[],
  b: FloatArray,
  bStrides: readonly number[],
  out: FloatArray,
  shape: readonly number[],
): void {
  const size = sizeOf(shape);
  if (size === 0) return;
  const aFlat = isContiguous(shape, aStrides);
  const bFlat = isContiguous(shape, bStrides);
  if (aFlat && bFlat) {
    // The common case of equal shapes gets loops the JIT can inline.
    switch (op) {
      case 'add':
        for (let i = 0; i < size; i++) out[i] = a[i] + b[i];
        return;
      case 'sub':
        for (let i = 0; i < size; i++) out[i] = a[i] - b[i];
        return;
      case 'mul':
        for (let i = 0; i < size; i++) out[i] = a[i] * b[i];
        return;
      default: {
        const f = BINARY[op];
        for (let i = 0; i < size; i++) out[i] = f(a[i], b[i]);
        return;
      }
    }
  }
  const f = BINARY[op];
  if (aFlat && isZero(bStrides)) {
    const s = b[0];
    if (op === 'mul') for (let i = 0; i < size; i++) out[i] = a[i] * s;
    else for (let i = 0; i < size; i++) out[i] = f(a[i], s);
    return;
  }
  if (bFlat && isZero(aStrides)) {
    const s = a[0];
    for (let i = 0; i < size; i++) out[i] = f(s, b[i]);
    return;
  }
  // General broadcast: walk the output row by row, moving each input's
  // offset by its stride (0 on broadcast axes).
  const nd = shape.length;
  const inner = shape[nd - 1];
  const ai = aStrides[nd - 1];
  const bi = bStrides[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let aOff = 0;
  let bOff = 0;
  let o = 0;
  for (let row = 0, rows = size / inner; row < rows; row++) {
    let pa = aOff;
    let pb = bOff;
    for (let j = 0; j < inner; j++, pa += ai, pb += bi) out[o++] = f(a[pa], b[pb]);
    for (let d = nd - 2; d >= 0; d--) {
      aOff += aStrides[d];
      bOff += bStrides[d];
      if (++idx[d] < shape[d]) break;
      aOff -= aStrides[d] * shape[d];
      bOff -= bStrides[d] * shape[d];
      idx[d] = 0;
    }
  }
}

export function whereKernel(
  cond: FloatArray,
  cStrides: readonly number[],
  a: FloatArray,
  aStrides: readonly number[],
  b: FloatArray,
  bStrides: readonly number[],
  out: FloatArray,
  shape: readonly number[],
): void {
  const size = sizeOf(shape);
  if (size === 0) return;
  if (shape.length === 0) {
    out[0] = cond[0] !== 0 ? a[0] : b[0];
    return;
  }
  const nd = shape.length;
  const inner = shape[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let cOff = 0;
  let aOff = 0;
  let bOff = 0;
  let o = 0;
  for (let row = 0, rows = size / inner; row < rows; row++) {
    for (let j = 0; j < inner; j++) {
      const c = cond[cOff + j * cStrides[nd - 1]];
      out[o++] = c !== 0 ? a[aOff + j * aStrides[nd - 1]] : b[bOff + j * bStrides[nd - 1]];
    }
    for (let d = nd - 2; d >= 0; d--) {
      cOff += cStrides[d];
      aOff += aStrides[d];
      bOff += bStrides[d];
      if (++idx[d] < shape[d]) break;
      cOff -= cStrides[d] * shape[d];
      aOff -= aStrides[d] * shape[d];
      bOff -= bStrides[d] * shape[d];
      idx[d] = 0;
    }
  }
}

export function copyStridedKernel(
  src: FloatArray,
  srcOffset: number,
  srcStrides: readonly number[],
  dst: FloatArray,
  dstOffset: number,
  dstStrides: readonly number[],
  shape: readonly number[],
): void {
  const size = sizeOf(shape);
  if (size === 0) return;
  const nd = shape.length;
  if (nd === 0) {
    dst[dstOffset] = src[srcOffset];
    return;
  }
  if (isContiguous(shape, srcStrides) && isContiguous(shape, dstStrides)) {
    for (let i = 0; i < size; i++) dst[dstOffset + i] = src[srcOffset + i];
    return;
  }
  const inner = shape[nd - 1];
  const si = srcStrides[nd - 1];
  const di = dstStrides[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let s = srcOffset;
  let t = dstOffset;
  for (let row = 0, rows = size / inner; row < rows; row++) {
    for (let j = 0, ps = s, pt = t; j < inner; j++, ps += si, pt += di) dst[pt] = src[ps];
    for (let d = nd - 2; d >= 0; d--) {
      s += srcStrides[d];
      t += dstStrides[d];
      if (++idx[d] < shape[d]) break;
      s -= srcStrides[d] * shape[d];
      t -= dstStrides[d] * shape[d];
      idx[d] = 0;
    }
  }
}
