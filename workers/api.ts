/**
 * The contract between a widget and the training worker. Everything that
 * crosses it is serializable; typed arrays in snapshots are transferred.
 *
 * A widget opens a run from a spec, then plays, pauses, steps, changes
 * settings mid-run, asks for evaluations, and closes it. One worker holds
 * many runs and interleaves the playing ones fairly. The wire carries plain
 * values; `workers/client.ts` gives each run its model's types back.
 */

/** What a run is doing, as the widget frame shows it (`data-run-state`); 'loading' is a data download before the runs open. */
export type RunState = 'idle' | 'loading' | 'training' | 'paused' | 'diverged' | 'error' | 'static';

/** The data sets a worker can fetch (workers/datasets.ts), served from the site's own `public/data/`. */
export type DataSetName = 'fashion-mnist';

/** A download's bytes on the wire so far, of `total` expected. */
export interface DataProgress {
  loaded: number;
  total: number;
}

/** A plain description of a run: which model, its settings, and the seed. */
export interface RunSpec<Kind extends string = string, Config = unknown> {
  /** A key of the worker's models map (workers/models.generated.ts). */
  kind: Kind;
  seed: number;
  config: Config;
}

export interface Snapshot<Frame = unknown> {
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
  /** What the model reports for drawing (its Frame). */
  data: Frame;
}

export interface TrainerApi {
  open(spec: RunSpec): Promise<number>;
  /** Starts training; snapshots stream to `onSnapshot` at most ~30 per second. */
  play(runId: number, onSnapshot: (snapshot: Snapshot) => void): Promise<void>;
  pause(runId: number): Promise<Snapshot>;
  /** Exactly `n` steps, then a snapshot (the run is left paused). */
  step(runId: number, n: number): Promise<Snapshot>;
  /** Live settings mid-run (learning rate, momentum …); no reset. Unknown keys are an error. */
  set(runId: number, patch: Record<string, unknown>): Promise<Snapshot>;
  /** One of the model's named queries. */
  evaluate(runId: number, query: string, arg: unknown): Promise<unknown>;
  close(runId: number): Promise<void>;
  /**
   * Fetches a data set into this worker and the browser's Cache Storage,
   * reporting progress; rejects with a reader-facing message when the
   * download fails or arrives damaged. Models that need it load it again
   * from the cache when they are built.
   */
  fetchData(name: DataSetName, onProgress: (progress: DataProgress) => void): Promise<void>;
  /** Whether the data set is already in this browser, so that no download is needed. */
  hasData(name: DataSetName): Promise<boolean>;
  /** Test hook: make this worker die as an uncaught error would. */
  crash(): Promise<void>;
  /** The engine backend this worker trains with (e.g. "wasm-relaxed", "js-float32"). */
  backendName(): Promise<string>;
}

/** The most snapshots a playing run sends per second. */
export const SNAPSHOTS_PER_SECOND = 30;

/** Every typed array's buffer in a snapshot's data, nested objects and arrays included (to transfer, not copy). */
export function transferablesOf(value: unknown, into: Transferable[] = [], seen = new Set<unknown>()): Transferable[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return into;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    if (!seen.has(value.buffer)) {
      seen.add(value.buffer);
      into.push(value.buffer as ArrayBuffer);
    }
    return into;
  }
  for (const v of Array.isArray(value) ? value : Object.values(value)) transferablesOf(v, into, seen);
  return into;
}
