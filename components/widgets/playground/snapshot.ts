/**
 * What crosses from the playground's run in the worker to its view: the
 * plane both sides draw on and the layout of a snapshot's data. No engine
 * code here, so the page's bundle does not carry the engine.
 */
import type { SnapshotData } from '@/workers/api';

/** The input plane every picture shows: the data lie in about [−1, 1]². */
export const DOMAIN = { x0: -1.25, x1: 1.25, y0: -1.25, y1: 1.25 } as const;

/** A history row: step, training loss, test loss, training accuracy, test accuracy. */
export const HISTORY_STRIDE = 5;

export interface PlaygroundFrame {
  /** Rows of HISTORY_STRIDE values, oldest first. */
  history: Float32Array;
  trainLoss: number | null;
  testLoss: number | null;
  trainAccuracy: number | null;
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

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function readFrame(data: SnapshotData): PlaygroundFrame {
  const fields =
    data.field instanceof Float32Array && data.units instanceof Float32Array && data.weights instanceof Float32Array
      ? {
          step: data.fieldStep as number,
          n: data.fieldN as number,
          probs: data.field,
          t: data.thumbN as number,
          units: data.units,
          weights: data.weights,
        }
      : null;
  return {
    history: data.history instanceof Float32Array ? data.history : new Float32Array(0),
    trainLoss: finite(data.trainLoss),
    testLoss: finite(data.testLoss),
    trainAccuracy: finite(data.trainAccuracy),
    testAccuracy: finite(data.testAccuracy),
    fields,
  };
}
