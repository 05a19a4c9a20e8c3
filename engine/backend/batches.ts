// Walking the batch axes of a batched matmul: for batch bi (row-major over
// batchShape) the element offsets of its A and B matrices, with broadcast
// batch axes (stride 0) reusing the same matrix.

import type { MatmulSpec } from './backend';

export function forEachBatch(spec: Pick<MatmulSpec, 'batchShape' | 'aBatchStrides' | 'bBatchStrides'>, fn: (bi: number, aOff: number, bOff: number) => void): void {
  const { batchShape, aBatchStrides, bBatchStrides } = spec;
  const nd = batchShape.length;
  let batches = 1;
  for (const d of batchShape) batches *= d;
  const idx = new Array<number>(nd).fill(0);
  let aOff = 0;
  let bOff = 0;
  for (let bi = 0; bi < batches; bi++) {
    fn(bi, aOff, bOff);
    for (let d = nd - 1; d >= 0; d--) {
      aOff += aBatchStrides[d];
      bOff += bBatchStrides[d];
      if (++idx[d] < batchShape[d]) break;
      aOff -= aBatchStrides[d] * batchShape[d];
      bOff -= bBatchStrides[d] * batchShape[d];
      idx[d] = 0;
    }
  }
}
