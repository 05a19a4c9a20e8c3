/**
 * The worker's side of the contract, free of any worker or comlink detail so
 * it can be tested in Node: runs built from specs, a loop that interleaves
 * the playing runs fairly in short time slices, throttled snapshots, and
 * divergence detection.
 */
import { SNAPSHOTS_PER_SECOND, type RunSpec, type Snapshot, type TrainerApi } from './api';
import { getBackend } from '@/engine';
import { answerQuery, applyLive, defaultDiverged, type AnyModel, type RunOf } from './model';

export interface TrainerEnv {
  now(): number;
  /**
   * Runs `fn` after pending messages are handled (so pause and set get in),
   * or after `delayMs` when every playing run is waiting for its pace.
   */
  yieldThen(fn: () => void, delayMs?: number): void;
  /** Wraps a snapshot for sending (the worker marks its buffers as transferable). */
  send(onSnapshot: (s: Snapshot) => void, snapshot: Snapshot): void;
  /** Makes the hosting worker die (test hook). */
  crash(): void;
}

/** Milliseconds of training per turn of the loop, shared by the playing runs. */
const SLICE_MS = 12;
const SNAPSHOT_INTERVAL_MS = 1000 / SNAPSHOTS_PER_SECOND;

interface Run {
  id: number;
  kind: string;
  model: RunOf<AnyModel>;
  step: number;
  loss: number | null;
  firstLoss: number | null;
  state: Snapshot['state'];
  divergedAt: number | null;
  error: string | null;
  onSnapshot: ((s: Snapshot) => void) | null;
  lastSentAt: number;
  /** Step counts at recent times, for steps per second over the last second. */
  rateMarks: { t: number; step: number }[];
  /** Where pacing counts from: the time and step of the last play or pace change. */
  paceOrigin: { t: number; step: number; rate: number | null };
}

/** The runs' side of the API; the worker adds the data downloads (workers/datasets.ts). */
export class Trainer implements Omit<TrainerApi, 'fetchData' | 'hasData'> {
  private runs = new Map<number, Run>();
  private nextId = 1;
  private looping = false;

  constructor(
    /** The models this worker can build, by kind. */
    private readonly models: Readonly<Record<string, AnyModel>>,
    private readonly env: TrainerEnv,
  ) {}

  async open(spec: RunSpec): Promise<number> {
    const definition = Object.hasOwn(this.models, spec.kind) ? this.models[spec.kind] : undefined;
    if (!definition) throw new Error(`No model kind "${spec.kind}" in the worker's models`);
    const model = await definition.build(spec.config, spec.seed);
    const id = this.nextId++;
    this.runs.set(id, {
      id,
      kind: spec.kind,
      model,
      step: 0,
      loss: null,
      firstLoss: null,
      state: 'paused',
      divergedAt: null,
      error: null,
      onSnapshot: null,
      lastSentAt: -Infinity,
      rateMarks: [],
      paceOrigin: { t: 0, step: 0, rate: null },
    });
    return id;
  }

  async play(runId: number, onSnapshot: (s: Snapshot) => void): Promise<void> {
    const run = this.get(runId);
    run.onSnapshot = onSnapshot;
    if (run.state !== 'paused') return;
    if (run.model.maxSteps !== undefined && run.step >= run.model.maxSteps) {
      // Nothing left to train: say so, or the page would wait for a run that never starts.
      this.env.send(onSnapshot, this.snapshotOf(run));
      return;
    }
    run.state = 'training';
    const now = this.env.now();
    run.rateMarks = [{ t: now, step: run.step }];
    run.paceOrigin = { t: now, step: run.step, rate: run.model.stepsPerSecond?.() ?? null };
    this.startLoop();
  }

  async pause(runId: number): Promise<Snapshot> {
    const run = this.get(runId);
    if (run.state === 'training') run.state = 'paused';
    return this.snapshotOf(run);
  }

  async step(runId: number, n: number): Promise<Snapshot> {
    const run = this.get(runId);
    if (run.state === 'training') run.state = 'paused';
    for (let i = 0; i < n && run.state === 'paused'; i++) this.advance(run);
    return this.snapshotOf(run);
  }

  async set(runId: number, patch: Record<string, unknown>): Promise<Snapshot> {
    const run = this.get(runId);
    applyLive(run.kind, run.model, patch);
    return this.snapshotOf(run);
  }

  async evaluate(runId: number, query: string, arg: unknown): Promise<unknown> {
    const run = this.get(runId);
    return answerQuery(run.kind, run.model, query, arg);
  }

  async close(runId: number): Promise<void> {
    const run = this.runs.get(runId);
    if (!run) return;
    run.state = 'paused';
    run.onSnapshot = null;
    run.model.dispose();
    this.runs.delete(runId);
  }

  async crash(): Promise<void> {
    this.env.crash();
  }

  async backendName(): Promise<string> {
    return getBackend().name;
  }

  /** Runs currently held (for tests and diagnostics). */
  get size(): number {
    return this.runs.size;
  }

  private get(runId: number): Run {
    const run = this.runs.get(runId);
    if (!run) throw new Error(`No run ${runId} in this worker`);
    return run;
  }

  /** One step of one run, with divergence and error handling. */
  private advance(run: Run): void {
    let loss: number;
    try {
      loss = run.model.step();
    } catch (err) {
      run.state = 'error';
      run.error = err instanceof Error ? err.message : String(err);
      return;
    }
    run.step += 1;
    if (run.model.maxSteps !== undefined && run.step >= run.model.maxSteps && run.state === 'training') run.state = 'paused';
    if (run.firstLoss === null && Number.isFinite(loss)) run.firstLoss = loss;
    const diverged = run.model.diverged ?? defaultDiverged;
    if (diverged(loss, run.firstLoss ?? loss)) {
      run.state = 'diverged';
      run.divergedAt = run.step;
      // The last finite loss stays on display; a non-finite one is never drawn.
      if (Number.isFinite(loss)) run.loss = loss;
      return;
    }
    run.loss = loss;
  }

  private snapshotOf(run: Run): Snapshot {
    const now = this.env.now();
    const marks = run.rateMarks;
    const oldest = marks[0];
    const stepsPerSec =
      run.state === 'training' && oldest && now - oldest.t > 100 ? ((run.step - oldest.step) * 1000) / (now - oldest.t) : null;
    return {
      runId: run.id,
      step: run.step,
      epoch: run.model.epoch ? run.model.epoch() : null,
      loss: run.loss,
      stepsPerSec,
      state: run.state,
      divergedAt: run.divergedAt,
      error: run.error,
      data: run.model.snapshot({ playing: run.state === 'training' }),
    };
  }

  private startLoop(): void {
    if (this.looping) return;
    this.looping = true;
    this.env.yieldThen(() => this.turn());
  }

  /** The step a paced run may reach by now (Infinity when unpaced). */
  private pacedLimit(run: Run): number {
    const rate = run.model.stepsPerSecond?.() ?? null;
    const now = this.env.now();
    if (rate !== run.paceOrigin.rate) run.paceOrigin = { t: now, step: run.step, rate };
    if (rate === null) return Infinity;
    return run.paceOrigin.step + Math.floor(((now - run.paceOrigin.t) * rate) / 1000) + 1;
  }

  /** One turn: each playing run trains for an equal share of the slice. */
  private turn(): void {
    const playing = [...this.runs.values()].filter((r) => r.state === 'training');
    if (playing.length === 0) {
      this.looping = false;
      return;
    }
    const share = SLICE_MS / playing.length;
    let progressed = false;
    for (const run of playing) {
      const until = this.env.now() + share;
      const allowed = this.pacedLimit(run);
      while (run.state === 'training' && run.step < allowed) {
        this.advance(run);
        progressed = true;
        if (this.env.now() >= until) break;
      }
    }
    const now = this.env.now();
    for (const run of playing) {
      const stopped = run.state !== 'training';
      if (!stopped && now - run.lastSentAt < SNAPSHOT_INTERVAL_MS) continue;
      run.rateMarks.push({ t: now, step: run.step });
      while (run.rateMarks.length > 2 && now - run.rateMarks[1].t > 1000) run.rateMarks.shift();
      run.lastSentAt = now;
      if (run.onSnapshot) this.env.send(run.onSnapshot, this.snapshotOf(run));
    }
    // Paced runs that are ahead of their pace: sleep instead of spinning.
    this.env.yieldThen(() => this.turn(), progressed ? undefined : 8);
  }
}
