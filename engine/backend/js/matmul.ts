// Batched matrix product with optional transposes, accumulating in doubles.

import type { FloatArray, MatmulSpec } from '../backend';
import { forEachBatch } from '../batches';

let rowScratch = new Float64Array(64);

export function matmulKernel(a: FloatArray, b: FloatArray, out: FloatArray, spec: MatmulSpec): void {
  const { m, k, n, transA, transB } = spec;
  if (rowScratch.length < n) rowScratch = new Float64Array(n);
  const acc = rowScratch;
  // op(A)[i, p] sits at aOff + i·aRow + p·aCol; likewise for B.
  const aRow = transA ? 1 : k;
  const aCol = transA ? m : 1;
  forEachBatch(spec, (bi, aOff, bOff) => {
    const oOff = bi * m * n;
    for (let i = 0; i < m; i++) {
      const ai = aOff + i * aRow;
      if (!transB) {
        // i-p-j order: B's rows are contiguous, so the inner loop streams.
        acc.fill(0, 0, n);
        for (let p = 0; p < k; p++) {
          const av = a[ai + p * aCol];
          const bRow = bOff + p * n;
          for (let j = 0; j < n; j++) acc[j] += av * b[bRow + j];
        }
        for (let j = 0; j < n; j++) out[oOff + i * n + j] = acc[j];
      } else {
        // B is stored n×k: each output is a dot product of two k-runs.
        for (let j = 0; j < n; j++) {
          const bRow = bOff + j * k;
          let s = 0;
          for (let p = 0; p < k; p++) s += a[ai + p * aCol] * b[bRow + p];
          out[oOff + i * n + j] = s;
        }
      }
    }
  });
}
