// The bigram model: the next token's distribution given only the previous
// token, estimated by counting. The baseline a sequence model must beat.

/** P(next | prev) = (count(prev, next) + α) / (count(prev) + α·V), fitted on
 * token sequences (each with its start and end tokens). */
export class BigramModel {
  /** V×V, row prev, column next: log P(next | prev). */
  readonly logProbs: Float64Array;

  constructor(
    readonly vocabSize: number,
    sequences: readonly (readonly number[])[],
    /** Add-α smoothing (default 1, Laplace): unseen pairs keep some mass. */
    readonly smoothing = 1,
  ) {
    const v = vocabSize;
    const counts = new Float64Array(v * v);
    for (const s of sequences) for (let i = 1; i < s.length; i++) counts[s[i - 1] * v + s[i]]++;
    this.logProbs = new Float64Array(v * v);
    for (let a = 0; a < v; a++) {
      let row = 0;
      for (let b = 0; b < v; b++) row += counts[a * v + b] + smoothing;
      for (let b = 0; b < v; b++) this.logProbs[a * v + b] = Math.log((counts[a * v + b] + smoothing) / row);
    }
  }

  /** Mean negative log-likelihood (nats per token) of every transition in
   * the sequences: the same quantity as a language model's cross-entropy. */
  loss(sequences: readonly (readonly number[])[]): number {
    let total = 0;
    let n = 0;
    for (const s of sequences) {
      for (let i = 1; i < s.length; i++) {
        total -= this.logProbs[s[i - 1] * this.vocabSize + s[i]];
        n++;
      }
    }
    return n ? total / n : 0;
  }
}
