/**
 * What crosses from the playground's run in the worker to its view: the
 * plane both sides draw on and a snapshot's Frame. No engine code here, so
 * the page's bundle does not carry the engine.
 */

/** The input plane every picture shows: the data lie in about [−1, 1]². */
export const DOMAIN = { x0: -1.25, x1: 1.25, y0: -1.25, y1: 1.25 } as const;

/** A history row's columns: the step, then loss and accuracy on the training, validation and test sets (the data loss, without the penalty). */
export const HISTORY_COLUMNS = {
  step: 0,
  trainLoss: 1,
  validationLoss: 2,
  testLoss: 3,
  trainAccuracy: 4,
  validationAccuracy: 5,
  testAccuracy: 6,
} as const;
export const HISTORY_STRIDE = 7;

export interface PlaygroundFrame {
  /** Rows of HISTORY_STRIDE values, oldest first. */
  history: Float32Array;
  trainLoss: number | null;
  validationLoss: number | null;
  testLoss: number | null;
  trainAccuracy: number | null;
  validationAccuracy: number | null;
  testAccuracy: number | null;
  /** Present when the fields were computed for this snapshot (at step fieldStep). */
  fields: {
    step: number;
    /** Decision field grid size and class probabilities, cell-major. */
    n: number;
    probs: Float32Array;
    /** Thumbnail grid size and every hidden unit's field, unit after unit. */
    t: number;
    units: Float32Array;
    /** Every layer's weight matrix (out × in), layer after layer. */
    weights: Float32Array;
  } | null;
}
