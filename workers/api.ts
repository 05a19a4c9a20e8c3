/**
 * The contract between a widget and the training worker. Everything that
 * crosses it is serializable; Float32Arrays in snapshots are transferred.
 *
 * A widget opens a run from a spec, then plays, pauses, steps, changes
 * hyper-parameters mid-run, asks for evaluations, and closes it. One worker
 * holds many runs and interleaves the playing ones fairly.
 */

/** What a run is doing, as the widget frame shows it (`data-run-state`). */
export type RunState = 'idle' | 'training' | 'paused' | 'diverged' | 'error' | 'static';

/** A plain description of a run: which model, its settings, and the seed. */
export interface RunSpec<Config = unknown> {
  /** A key of the worker's model registry (workers/models.ts). */
  kind: string;
  seed: number;
  config: Config;
}

/** Values a model reports with every snapshot; arrays are drawn by the widget. */
export type SnapshotData = Record<string, number | string | boolean | Float32Array | number[] | null>;

export interface Snapshot {
  runId: number;
  /** Training steps taken so far. */
  step: number;
  /** Passes through the data, where the model has epochs. */
  epoch: number | null;
  /** The primary training loss after `step` steps; null before the first step. */
  loss: number | null;
  /** Measured over the last second of training. */
  stepsPerSec: number | null;
  state: 'training' | 'paused' | 'diverged' | 'error';
  /** The step at which the loss stopped being finite or exploded. */
  divergedAt: number | null;
  /** Why the run stopped, when `state` is 'error'. */
  error: string | null;
  data: SnapshotData;
}

export interface TrainerApi {
  open(spec: RunSpec): Promise<number>;
  /** Starts training; snapshots stream to `onSnapshot` at most ~30 per second. */
  play(runId: number, onSnapshot: (snapshot: Snapshot) => void): Promise<void>;
  pause(runId: number): Promise<Snapshot>;
  /** Exactly `n` steps, then a snapshot (the run is left paused). */
  step(runId: number, n: number): Promise<Snapshot>;
  /** Hyper-parameters mid-run (learning rate, momentum …); no reset. */
  set(runId: number, patch: Record<string, unknown>): Promise<Snapshot>;
  evaluate(runId: number, query: unknown): Promise<unknown>;
  close(runId: number): Promise<void>;
  /** Test hook: make this worker die as an uncaught error would. */
  crash(): Promise<void>;
  /** The engine backend this worker trains with (e.g. "wasm-relaxed", "js-float32"). */
  backendName(): Promise<string>;
}

/** The most snapshots a playing run sends per second. */
export const SNAPSHOTS_PER_SECOND = 30;
