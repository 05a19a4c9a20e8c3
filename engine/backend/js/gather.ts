// Gather along one axis, and its transpose, scatter-add.

import type { FloatArray, GatherSpec } from '../backend';

function checkedIndex(indices: FloatArray, i: number, axisSize: number): number {
  const k = indices[i];
  if (!Number.isInteger(k) || k < 0 || k >= axisSize) throw new Error(`gather: index ${k} is not an integer in 0…${axisSize - 1}`);
  return k;
}

export function gatherKernel(x: FloatArray, indices: FloatArray, out: FloatArray, s: GatherSpec): void {
  const { outer, axisSize, inner, count } = s;
  for (let i = 0; i < count; i++) checkedIndex(indices, i, axisSize);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < count; i++) {
      const src = (o * axisSize + indices[i]) * inner;
      const dst = (o * count + i) * inner;
      for (let j = 0; j < inner; j++) out[dst + j] = x[src + j];
    }
  }
}

export function scatterAddKernel(src: FloatArray, indices: FloatArray, out: FloatArray, s: GatherSpec): void {
  const { outer, axisSize, inner, count } = s;
  for (let i = 0; i < count; i++) checkedIndex(indices, i, axisSize);
  // Repeated indices add up: accumulate in doubles, round once.
  const acc = new Float64Array(out.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < count; i++) {
      const dst = (o * axisSize + indices[i]) * inner;
      const from = (o * count + i) * inner;
      for (let j = 0; j < inner; j++) acc[dst + j] += src[from + j];
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = acc[i];
}
