/**
 * Drives a widget's runs in the worker pool: opens them from the widget's
 * specs, plays, pauses, steps and resets them, applies live hyper-parameter
 * changes, suspends them off screen, and turns their snapshots into the
 * frame's status. A widget may run several models side by side (three
 * optimisers on one surface); run 0 is the primary one for the readout.
 */
import type { Snapshot } from '@/workers/api';
import type { DataNeed } from './define';
import { RunLostError, trainerPool, type RunHandle, type SpecOf, type TrainerPool } from '@/workers/client';
import type { AnyModel, FrameOf, LivePatch } from '@/workers/model';
import type { StateOf, WidgetSchema } from './schema';
import { IDLE_STATUS, type RunStatus, type WidgetStore } from './store';

export interface TrainingSetup<S extends WidgetSchema, M extends AnyModel = AnyModel> {
  /** The runs for these parameters, one spec each. */
  specs(params: StateOf<S>): SpecOf<M>[];
  /**
   * For a parameter change, the patch each run should receive to apply it
   * mid-run (all empty: nothing the runs need to hear), or null when the
   * change needs fresh runs.
   */
  livePatch?(changed: (keyof StateOf<S>)[], params: StateOf<S>): LivePatch<M>[] | null;
  /** Every new snapshot (index = run); entries are null before a run reports. */
  draw(snapshots: readonly (Snapshot<FrameOf<M>> | null)[]): void;
  /** Called after runs are (re)opened, e.g. to fetch a field to draw. */
  prepared?(runs: readonly RunHandle<M>[]): void | Promise<void>;
  /** A data set the runs need, downloaded by the worker when the reader first plays. */
  data?: DataNeed;
}

/** How often the readout in React is refreshed while training. */
const STATUS_INTERVAL_MS = 100;

export class RunController<S extends WidgetSchema, M extends AnyModel = AnyModel> {
  private runs: RunHandle<M>[] = [];
  private snapshots: (Snapshot<FrameOf<M>> | null)[] = [];
  private opening: Promise<RunHandle<M>[]> | null = null;
  private generation = 0;
  private disposed = false;
  private suspended = false;
  /** Runs were told to play and not told otherwise since: only then do streamed snapshots count. */
  private playing = false;
  /** Counts resets, so a reset overtaken by a newer one leaves the status and runs to it. */
  private resets = 0;
  private lastStatusAt = 0;

  constructor(
    private readonly store: WidgetStore<S>,
    private readonly setup: TrainingSetup<S, M>,
    private readonly pool: () => TrainerPool = trainerPool,
  ) {}

  /** Opens the runs (if needed) and draws their initial state, without training. */
  async prepare(): Promise<void> {
    // A download waits for the reader to ask for it (play or step), unless the browser has the data already.
    if (this.setup.data && (!(await this.dataHere()) || this.disposed)) return;
    const runs = await this.ensureRuns();
    // A play that came in meanwhile owns the runs now; a step would pause them.
    if (runs.length === 0 || this.store.getState().status.state === 'training') return;
    const snaps = await this.guard(Promise.all(runs.map((r) => r.step(0))));
    if (snaps) this.accept(snaps);
  }

  async play(): Promise<void> {
    const state = this.store.getState().status.state;
    if (state === 'diverged' || state === 'error') await this.reset();
    this.suspended = false;
    if (this.setup.data && !(await this.fetchData())) return;
    const runs = await this.ensureRuns();
    this.playing = true;
    this.store.getState().setStatus({ state: 'training', message: null });
    this.playing = true;
    await this.guard(Promise.all(runs.map((r) => r.play())));
  }

  async pause(): Promise<void> {
    this.suspended = false;
    await this.pauseRuns('paused');
  }

  /** Exactly n steps of every run (the "step" button, and tests). */
  async stepBy(n: number): Promise<void> {
    this.playing = false;
    if (this.setup.data && !(await this.fetchData())) return;
    const runs = await this.ensureRuns();
    const snaps = await this.guard(Promise.all(runs.map((r) => r.step(n))));
    if (snaps) this.accept(snaps, true);
  }

  /** Fresh runs from the current parameters and seed. Resolves false when a newer reset overtook this one. */
  async reset(): Promise<boolean> {
    const ticket = ++this.resets;
    this.suspended = false;
    await this.closeRuns();
    if (ticket !== this.resets) return false;
    this.store.getState().setStatus({ ...IDLE_STATUS });
    await this.prepare();
    return true;
  }

  /** Off screen or tab hidden: pause, remembering to resume. */
  async suspend(): Promise<void> {
    if (this.store.getState().status.state !== 'training') return;
    // Marked before the pause goes out, so a resume() that arrives meanwhile is not lost.
    this.suspended = true;
    await this.pauseRuns('paused');
  }

  async resume(): Promise<void> {
    if (!this.suspended) return;
    this.suspended = false;
    await this.play();
  }

  get isSuspended(): boolean {
    return this.suspended;
  }

  /** Parameters changed: patch the runs live when the widget allows it, else start over. */
  async paramsChanged(changed: (keyof StateOf<S>)[]): Promise<void> {
    if (changed.length === 0) return;
    const params = this.store.getState().params;
    const patches = this.setup.livePatch?.(changed, params) ?? null;
    if (patches && this.runs.length > 0) {
      if (patches.every((p) => Object.keys(p).length === 0)) return;
      const snaps = await this.guard(Promise.all(this.runs.map((r, i) => r.set(patches[i] ?? {}))));
      if (snaps && this.store.getState().status.state !== 'training') this.accept(snaps, true);
      return;
    }
    const wasTraining = this.store.getState().status.state === 'training';
    if ((await this.reset()) && wasTraining) await this.play();
  }

  /** The runs open now, without opening any (a question that must not start a download). */
  get openRuns(): readonly RunHandle<M>[] {
    return this.runs.filter((r) => r.alive);
  }

  /** The open runs (for on-demand evaluation). */
  async handles(): Promise<RunHandle<M>[]> {
    return this.ensureRuns();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.generation++;
    await this.closeRuns();
  }

  /** Data state: null when the runs need none or the worker has fetched it. */
  private dataLoaded = false;
  private dataFetch: Promise<boolean> | null = null;

  /** Whether the runs can open without a download; if not, the frame says what play will fetch. */
  private async dataHere(): Promise<boolean> {
    const need = this.setup.data;
    if (!need || this.dataLoaded) return true;
    const here = await this.pool()
      .hasData(need.name)
      .catch(() => false);
    if (here) this.dataLoaded = true;
    else if (!this.dataFetch) this.store.getState().setStatus({ download: { label: need.label, loaded: 0, total: need.bytes, active: false } });
    return here;
  }

  /**
   * Downloads the runs' data set if the worker has not got it, showing
   * progress; false (and the error state with the reason) when it failed.
   * A second press while it downloads waits for the same download.
   */
  private fetchData(): Promise<boolean> {
    const need = this.setup.data;
    if (!need || this.dataLoaded) return Promise.resolve(true);
    this.dataFetch ??= (async () => {
      const { setStatus } = this.store.getState();
      const show = (loaded: number, total: number) => setStatus({ state: 'loading', message: null, download: { label: need.label, loaded, total, active: true } });
      show(0, need.bytes);
      try {
        await this.pool().fetchData(need.name, ({ loaded, total }) => show(Math.min(loaded, total), total));
        this.dataLoaded = true;
        setStatus({ state: 'idle', download: null });
        return true;
      } catch (err) {
        const reason = err instanceof RunLostError ? 'The worker downloading it stopped unexpectedly.' : err instanceof Error ? err.message : String(err);
        setStatus({ state: 'error', stepsPerSec: null, download: { label: need.label, loaded: 0, total: need.bytes, active: false }, message: `${need.label} could not be downloaded: ${reason}` });
        return false;
      } finally {
        this.dataFetch = null;
      }
    })();
    return this.dataFetch;
  }

  private async ensureRuns(): Promise<RunHandle<M>[]> {
    if (this.runs.length > 0 && this.runs.every((r) => r.alive)) return this.runs;
    if (this.opening) return this.opening;
    const generation = ++this.generation;
    const specs = this.setup.specs(this.store.getState().params);
    this.opening = (async () => {
      const runs: RunHandle<M>[] = [];
      try {
        for (let i = 0; i < specs.length; i++) {
          runs.push(
            await this.pool().open<M>(specs[i], {
              onSnapshot: (s) => {
                if (generation === this.generation) this.receive(i, s);
              },
              onLost: (reason) => {
                if (generation === this.generation) this.lost(reason);
              },
            }),
          );
        }
      } catch (err) {
        await Promise.all(runs.map((r) => r.close()));
        this.fail(err);
        return [];
      } finally {
        this.opening = null;
      }
      if (generation !== this.generation) {
        // Reset (or disposed) while these were opening: their snapshots would be
        // ignored as stale. Close them, and open runs for the current parameters.
        await Promise.all(runs.map((r) => r.close()));
        return this.disposed ? [] : this.ensureRuns();
      }
      this.runs = runs;
      this.snapshots = runs.map(() => null);
      await this.setup.prepared?.(runs);
      return runs;
    })();
    return this.opening;
  }

  private async closeRuns(): Promise<void> {
    this.generation++;
    this.playing = false;
    const runs = this.runs;
    this.runs = [];
    this.snapshots = [];
    await Promise.all(runs.map((r) => r.close()));
  }

  private async pauseRuns(state: 'paused'): Promise<void> {
    this.playing = false;
    if (this.store.getState().status.state !== 'training') return;
    this.playing = false;
    const snaps = await this.guard(Promise.all(this.runs.map((r) => r.pause())));
    if (snaps) this.accept(snaps, true);
    if (this.store.getState().status.state === 'training') this.store.getState().setStatus({ state });
  }

  /** Runs a worker call; a lost worker or a thrown error becomes the 'error' state. */
  private async guard<T>(p: Promise<T>): Promise<T | null> {
    try {
      return await p;
    } catch (err) {
      if (err instanceof RunLostError) this.lost(err.message);
      else this.fail(err);
      return null;
    }
  }

  private receive(index: number, snapshot: Snapshot<FrameOf<M>>): void {
    // The stream travels on its own port: a snapshot sent just before a pause
    // or step can arrive after its answer and must not make the run look alive.
    if (!this.playing) return;
    this.snapshots[index] = snapshot;
    this.setup.draw(this.snapshots);
    this.updateStatus(false);
  }

  private accept(snaps: Snapshot<FrameOf<M>>[], force = false): void {
    this.snapshots = snaps;
    this.setup.draw(this.snapshots);
    this.updateStatus(force);
  }

  private updateStatus(force: boolean): void {
    const primary = this.snapshots[0];
    if (!primary) return;
    const states = this.snapshots.map((s) => s?.state);
    const current = this.store.getState().status;
    let state: RunStatus['state'] = current.state;
    if (states.includes('error')) state = 'error';
    else if (states.includes('training')) state = 'training';
    else if (states.includes('diverged')) state = 'diverged';
    else if (current.state === 'training' || primary.step > 0) state = 'paused';
    const now = performance.now();
    const changed = state !== current.state;
    if (!force && !changed && now - this.lastStatusAt < STATUS_INTERVAL_MS) return;
    this.lastStatusAt = now;
    this.store.getState().setStatus({ state, ...readingsOf(this.snapshots) });
  }

  private lost(reason: string): void {
    this.generation++;
    this.playing = false;
    this.runs = [];
    this.suspended = false;
    this.store.getState().setStatus({
      state: 'error',
      stepsPerSec: null,
      message: `${reason} The run was lost; press play to start it again.`,
    });
  }

  private fail(err: unknown): void {
    this.store.getState().setStatus({ state: 'error', stepsPerSec: null, message: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * The readout of runs side by side (run 0 the primary). The step counter
 * follows the furthest run, so a walk that diverged early does not freeze it
 * while the others go on; steps per second come from a run still training.
 */
export function readingsOf(snapshots: readonly (Snapshot | null | undefined)[]): Omit<RunStatus, 'state' | 'download'> {
  const primary = snapshots[0]!;
  const present = snapshots.filter((s): s is Snapshot => s != null);
  const live = present.find((s) => s.state === 'training') ?? primary;
  return {
    step: Math.max(...present.map((s) => s.step)),
    epoch: primary.epoch,
    loss: primary.loss !== null && Number.isFinite(primary.loss) ? primary.loss : null,
    primaryDiverged: primary.state === 'diverged',
    stepsPerSec: live.stepsPerSec,
    divergedAt: present.find((s) => s.state === 'diverged')?.divergedAt ?? null,
    message: present.find((s) => s.state === 'error')?.error ?? null,
  };
}
