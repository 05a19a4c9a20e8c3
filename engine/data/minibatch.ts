// Minibatches: index batches that cover the data once per epoch, in a new
// seeded order each epoch.

import type { Rng } from '../random';

export class Minibatches {
  /** Completed passes over the data. */
  epoch = 0;
  private order: Int32Array;
  private position = 0;

  /** n examples in batches of batchSize. The last batch of an epoch is
   * smaller when batchSize does not divide n, unless dropLast. */
  constructor(
    readonly n: number,
    readonly batchSize: number,
    private readonly rng: Rng,
    private readonly options: { dropLast?: boolean } = {},
  ) {
    if (n <= 0 || batchSize <= 0) throw new Error('Minibatches: n and batchSize must be positive');
    if (options.dropLast && batchSize > n) throw new Error('Minibatches: batchSize > n with dropLast');
    this.order = rng.permutation(n);
  }

  /** The indices of the next batch. */
  next(): Int32Array {
    const remaining = this.n - this.position;
    if (remaining === 0 || (this.options.dropLast && remaining < this.batchSize)) {
      this.epoch++;
      this.order = this.rng.permutation(this.n);
      this.position = 0;
    }
    const end = Math.min(this.position + this.batchSize, this.n);
    const batch = this.order.slice(this.position, end);
    this.position = end;
    return batch;
  }
}

/** Rows `indices` of a row-major table with `cols` columns (values or
 * integer targets: the result has the input's array type). */
export function takeRows<A extends Float32Array | Int32Array>(data: A, cols: number, indices: ArrayLike<number>): A {
  const out = (data instanceof Float32Array ? new Float32Array(indices.length * cols) : new Int32Array(indices.length * cols)) as A;
  for (let i = 0; i < indices.length; i++) out.set(data.subarray(indices[i] * cols, indices[i] * cols + cols), i * cols);
  return out;
}

/** Entries `indices` of a label array. */
export function takeLabels(labels: Int32Array, indices: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: indices.length }, (_, i) => labels[indices[i]]);
}
