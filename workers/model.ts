/**
 * What a model kind must provide to the worker: built from a spec, it
 * trains one step at a time and reports what its widget draws.
 */
import type { SnapshotData } from './api';

export interface TrainableRun {
  /** One optimisation step; returns the training loss it measured. */
  step(): number;
  /**
   * What the widget draws each frame. Arrays returned here are transferred.
   * `playing` is true for the frames streamed while training, which a model
   * may thin out (a costly field every few frames); false answers a pause,
   * a step or a change, and should carry everything fresh.
   */
  snapshot(options?: { playing: boolean }): SnapshotData;
  /** Hyper-parameter changes mid-run. Unknown keys are an error. */
  set(patch: Record<string, unknown>): void;
  /** On-demand results (a field at full resolution, attention for an input). */
  evaluate(query: unknown): unknown;
  /** Passes through the data so far, for models that have epochs. */
  epoch?(): number;
  /**
   * At most this many steps per second while playing (a path drawn step by
   * step wants a walking pace); read every turn, so `set` may change it.
   */
  stepsPerSecond?(): number | null;
  /** The run pauses by itself after this many steps. */
  maxSteps?: number;
  /**
   * Whether this loss means the run has diverged. Defaults to: not finite,
   * or more than 1e6 times the first loss (and above 1e3).
   */
  diverged?(loss: number, firstLoss: number): boolean;
  dispose(): void;
}

export type ModelBuilder<Config = never> = (config: Config, seed: number) => TrainableRun;

export function defaultDiverged(loss: number, firstLoss: number): boolean {
  if (!Number.isFinite(loss)) return true;
  return Math.abs(loss) > 1e3 && Math.abs(loss) > 1e6 * Math.max(Math.abs(firstLoss), 1e-12);
}
