// Sum and max over any set of axes. Accumulation is in doubles.

import type { FloatArray, ReduceKernel } from '../backend';
import { sizeOf } from './elementwise';

export function reduceKernel(
  op: ReduceKernel,
  x: FloatArray,
  shape: readonly number[],
  axes: readonly number[],
  out: FloatArray,
): void {
  const outSize = sizeOf(shape.filter((_, d) => !axes.includes(d)));
  const start = op === 'sum' ? 0 : -Infinity;
  const acc = new Float64Array(outSize).fill(start);
  const isMax = op === 'max';

  if (isBlock(axes)) {
    // The reduced axes are adjacent: view x as [outer, r, inner].
    const lo = axes.length ? axes[0] : 0;
    const hi = axes.length ? axes[axes.length - 1] + 1 : 0;
    const outer = sizeOf(shape.slice(0, lo));
    const r = sizeOf(shape.slice(lo, hi));
    const inner = sizeOf(shape.slice(hi));
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < r; k++) {
        const base = (o * r + k) * inner;
        const ob = o * inner;
        if (isMax) for (let i = 0; i < inner; i++) acc[ob + i] = Math.max(acc[ob + i], x[base + i]);
        else for (let i = 0; i < inner; i++) acc[ob + i] += x[base + i];
      }
    }
  } else {
    // Any other set of axes: walk x in order and find each element's output
    // slot through strides that are 0 on the reduced axes.
    const nd = shape.length;
    const outStrides = new Array<number>(nd).fill(0);
    for (let d = nd - 1, s = 1; d >= 0; d--) {
      if (!axes.includes(d)) {
        outStrides[d] = s;
        s *= shape[d];
      }
    }
    const idx = new Array<number>(nd).fill(0);
    let o = 0;
    for (let i = 0, n = sizeOf(shape); i < n; i++) {
      acc[o] = isMax ? Math.max(acc[o], x[i]) : acc[o] + x[i];
      for (let d = nd - 1; d >= 0; d--) {
        o += outStrides[d];
        if (++idx[d] < shape[d]) break;
        o -= outStrides[d] * shape[d];
        idx[d] = 0;
      }
    }
  }
  for (let i = 0; i < outSize; i++) out[i] = acc[i];
}

function isBlock(axes: readonly number[]): boolean {
  for (let i = 1; i < axes.length; i++) if (axes[i] !== axes[i - 1] + 1) return false;
  return true;
}
