/**
 * The page's side of the worker runtime: one lazily created pool of
 * training workers shared by every widget on the page. At most
 * hardwareConcurrency − 1 workers (at least one); a run goes to the worker
 * holding the fewest runs. A worker that throws or dies is terminated and
 * replaced, and its runs are reported lost to their widgets.
 */
import * as Comlink from 'comlink';
import type { DataProgress, DataSetName, RunSpec, Snapshot, TrainerApi } from './api';
import type { AnyModel, ConfigOf, FrameOf, KindOf, LivePatch, QueriesOf, QueryArgs, QueryResult } from './model';

/** A spec for a run of model M. */
export type SpecOf<M extends AnyModel> = RunSpec<KindOf<M>, ConfigOf<M>>;

export class RunLostError extends Error {
  constructor() {
    super('The training worker stopped unexpectedly.');
    this.name = 'RunLostError';
  }
}

export interface RunHandlers<Frame = unknown> {
  onSnapshot(snapshot: Snapshot<Frame>): void;
  /** The worker holding this run died; the run is gone. */
  onLost(reason: string): void;
}

interface Slot {
  worker: Worker;
  api: Comlink.Remote<TrainerApi>;
  runs: Set<RunHandle<AnyModel>>;
  lost: Promise<never>;
  dead: boolean;
}

/**
 * One run in a worker, with its model's types: snapshots carry its Frame,
 * `set` takes its live settings, `evaluate` its named queries. The wire
 * below is untyped; these methods are the one place that gives types back.
 */
export class RunHandle<M extends AnyModel = AnyModel> {
  private closed = false;

  constructor(
    readonly id: number,
    private readonly slot: Slot,
    private readonly handlers: RunHandlers<FrameOf<M>>,
    private readonly pool: TrainerPool,
  ) {}

  get alive(): boolean {
    return !this.closed && !this.slot.dead;
  }

  /** A call to the worker that fails fast with RunLostError if the worker dies. */
  private call<T>(fn: (api: Comlink.Remote<TrainerApi>) => Promise<T>): Promise<T> {
    if (this.slot.dead) return Promise.reject(new RunLostError());
    return Promise.race([fn(this.slot.api), this.slot.lost]);
  }

  play(): Promise<void> {
    return this.call((api) => api.play(this.id, Comlink.proxy((s: Snapshot) => this.handlers.onSnapshot(s as Snapshot<FrameOf<M>>))));
  }
  pause(): Promise<Snapshot<FrameOf<M>>> {
    return this.call((api) => api.pause(this.id) as Promise<Snapshot<FrameOf<M>>>);
  }
  step(n: number): Promise<Snapshot<FrameOf<M>>> {
    return this.call((api) => api.step(this.id, n) as Promise<Snapshot<FrameOf<M>>>);
  }
  set(patch: LivePatch<M>): Promise<Snapshot<FrameOf<M>>> {
    return this.call((api) => api.set(this.id, patch) as Promise<Snapshot<FrameOf<M>>>);
  }
  evaluate<N extends keyof QueriesOf<M> & string>(query: N, ...arg: QueryArgs<QueriesOf<M>[N]>): Promise<QueryResult<QueriesOf<M>[N]>> {
    return this.call((api) => api.evaluate(this.id, query, arg[0]) as Promise<QueryResult<QueriesOf<M>[N]>>);
  }
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.slot.runs.delete(this);
    if (!this.slot.dead) await this.slot.api.close(this.id).catch(() => undefined);
    this.pool.release();
  }

  /** Called by the pool when the worker died. */
  lose(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.onLost(reason);
  }
}

export class TrainerPool {
  private slots: (Slot | null)[];

  constructor(
    private readonly createWorker: () => Worker,
    readonly size = Math.max(1, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1),
  ) {
    this.slots = Array.from({ length: size }, () => null);
  }

  async open<M extends AnyModel>(spec: SpecOf<M>, handlers: RunHandlers<FrameOf<M>>): Promise<RunHandle<M>> {
    const slot = this.pick();
    const id = await Promise.race([slot.api.open(spec), slot.lost]);
    const handle = new RunHandle<M>(id, slot, handlers, this);
    slot.runs.add(handle);
    return handle;
  }

  /**
   * Downloads a data set in a worker (into the browser's Cache Storage, where
   * every worker finds it when a model is built). Rejects with the worker's
   * message, or RunLostError if the worker died.
   */
  async fetchData(name: DataSetName, onProgress: (progress: DataProgress) => void): Promise<void> {
    const slot = this.pick();
    await Promise.race([slot.api.fetchData(name, Comlink.proxy(onProgress)), slot.lost]);
  }

  /** Whether a data set is already in this browser. */
  async hasData(name: DataSetName): Promise<boolean> {
    const slot = this.pick();
    return Promise.race([slot.api.hasData(name), slot.lost]);
  }

  /** Workers alive now (for tests and diagnostics). */
  get liveWorkers(): number {
    return this.slots.filter((s) => s && !s.dead).length;
  }

  /** The backend the first worker trains with (spawning one if none is alive). */
  async backendName(): Promise<string> {
    return this.pick().api.backendName();
  }

  /** Test hook: makes every live worker crash as an uncaught error would. */
  async crashAll(): Promise<void> {
    await Promise.all(this.slots.filter((s): s is Slot => !!s && !s.dead).map((s) => s.api.crash().catch(() => undefined)));
  }

  release(): void {
    // Workers are kept for the next run: creating one costs more than holding it.
  }

  private pick(): Slot {
    let best = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[i];
      if (!s || s.dead) {
        this.slots[i] = this.spawn(i);
        return this.slots[i]!;
      }
      if (best < 0 || s.runs.size < this.slots[best]!.runs.size) best = i;
    }
    return this.slots[best]!;
  }

  private spawn(index: number): Slot {
    const worker = this.createWorker();
    let die: (err: Error) => void = () => undefined;
    const lost = new Promise<never>((_, reject) => {
      die = reject;
    });
    lost.catch(() => undefined); // observed through Promise.race only
    const slot: Slot = { worker, api: Comlink.wrap<TrainerApi>(worker), runs: new Set(), lost, dead: false };
    const onDeath = (reason: string) => {
      if (slot.dead) return;
      slot.dead = true;
      worker.terminate();
      if (this.slots[index] === slot) this.slots[index] = null;
      die(new RunLostError());
      for (const run of [...slot.runs]) run.lose(reason);
      slot.runs.clear();
    };
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      onDeath(`The training worker stopped unexpectedly${e.message ? ` (${e.message})` : ''}.`);
    });
    worker.addEventListener('messageerror', () => onDeath('The training worker sent a message that could not be read.'));
    return slot;
  }
}

let pool: TrainerPool | null = null;

/** The page's pool, created on first use (never during server rendering). */
export function trainerPool(): TrainerPool {
  if (!pool) {
    // ?backend=js (or wasm-simd, wasm-relaxed) on the page forces the workers' engine backend.
    const choice = new URLSearchParams(globalThis.location?.search ?? '').get('backend') ?? 'auto';
    pool = new TrainerPool(() => new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: `trainer:${choice}` }));
    // Probes for browser tests (components/widgets/kit/test-hooks.ts adds its own).
    const g = globalThis as { __lookingGlass?: Record<string, unknown> };
    Object.assign((g.__lookingGlass ??= {}), {
      crashWorkers: () => pool!.crashAll(),
      liveWorkers: () => pool!.liveWorkers,
      backend: () => pool!.backendName(),
    });
  }
  return pool;
}
