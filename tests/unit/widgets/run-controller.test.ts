/**
 * The run controller under quick successive changes: a reset that lands
 * while runs are still opening must not leave the widget with runs whose
 * snapshots it ignores (the loss surface's arrow keys, then play, did).
 */
import { describe, expect, it } from 'vitest';
import { readingsOf, RunController } from '@/components/widgets/kit/run-controller';
import { defineSchema, defaultsOf } from '@/components/widgets/kit/schema';
import { createWidgetStore } from '@/components/widgets/kit/store';
import type { RunHandlers, TrainerPool } from '@/workers/client';
import type { RunSpec, Snapshot } from '@/workers/api';

const schema = defineSchema({ name: 'test', version: 1, params: { a: { type: 'number', key: 'a', label: 'a', min: 0, max: 9, step: 1, default: 1 } } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function snapshot(step: number, state: Snapshot['state']): Snapshot {
  return { runId: 0, step, epoch: null, loss: 1 / (step + 1), stepsPerSec: null, state, divergedAt: null, error: null, data: {} };
}

/**
 * A pool whose runs take a moment to open, behave like the trainer's (a step
 * pauses a playing run), and stream a snapshot `streamDelay` ms after play,
 * on its own timer, as the worker's callback port does.
 */
function fakePool(options: { streamDelay?: number; closeDelay?: (index: number) => number } = {}) {
  const runs: { spec: RunSpec; closed: boolean; state: 'paused' | 'training' }[] = [];
  const pool = {
    async open(spec: RunSpec, handlers: RunHandlers) {
      await sleep(5);
      const run = { spec, closed: false, state: 'paused' as 'paused' | 'training' };
      const index = runs.push(run) - 1;
      let step = 0;
      return {
        get alive() {
          return !run.closed;
        },
        step: async (n: number) => {
          run.state = 'paused';
          return snapshot((step += n), 'paused');
        },
        play: async () => {
          run.state = 'training';
          setTimeout(() => handlers.onSnapshot(snapshot(++step, 'training')), options.streamDelay ?? 1);
        },
        pause: async () => {
          run.state = 'paused';
          return snapshot(step, 'paused');
        },
        set: async () => snapshot(step, run.state),
        evaluate: async () => null,
        close: async () => {
          await sleep(options.closeDelay?.(index) ?? 0);
          run.closed = true;
        },
      };
    },
  } as unknown as TrainerPool;
  return { pool, runs };
}

describe('RunController', () => {
  it('a reset while runs are opening ends with live runs of the new parameters, whose snapshots arrive', async () => {
    const store = createWidgetStore<typeof schema>({ params: defaultsOf(schema) });
    const drawn: (Snapshot | null)[][] = [];
    const { pool, runs } = fakePool();
    const controller = new RunController(store, { specs: (p) => [{ kind: 'k', seed: 0, config: { a: p.a } }], draw: (s) => drawn.push([...s]) }, () => pool);
    const preparing = controller.prepare();
    store.getState().setParams({ a: 2 });
    const resetting = controller.paramsChanged(['a']);
    await Promise.all([preparing, resetting]);
    await controller.play();
    await sleep(20);
    const live = runs.filter((r) => !r.closed);
    expect(live.map((r) => (r.spec.config as { a: number }).a)).toEqual([2]);
    expect(store.getState().status.state).toBe('training');
    expect(drawn.at(-1)?.[0]?.state).toBe('training');
  });

  it('runs still opening when the widget goes away are closed, not reopened', async () => {
    const store = createWidgetStore<typeof schema>({ params: defaultsOf(schema) });
    const { pool, runs } = fakePool();
    const controller = new RunController(store, { specs: () => [{ kind: 'k', seed: 0, config: {} }], draw: () => undefined }, () => pool);
    const preparing = controller.prepare();
    await controller.dispose();
    await preparing;
    await sleep(10);
    expect(runs.length).toBe(1);
    expect(runs.every((r) => r.closed)).toBe(true);
  });

  it('a streamed snapshot that arrives after a pause’s answer does not make the run look alive', async () => {
    const store = createWidgetStore<typeof schema>({ params: defaultsOf(schema) });
    const { pool } = fakePool({ streamDelay: 15 });
    const controller = new RunController(store, { specs: () => [{ kind: 'k', seed: 0, config: {} }], draw: () => undefined }, () => pool);
    await controller.prepare();
    await controller.play();
    await controller.pause();
    await sleep(30);
    expect(store.getState().status.state).toBe('paused');
  });

  it('a reset overtaken by a newer one leaves the runs and the status to it', async () => {
    const store = createWidgetStore<typeof schema>({ params: defaultsOf(schema) });
    // Closing the first run is slow, so the first reset finishes last.
    const { pool, runs } = fakePool({ closeDelay: (i) => (i === 0 ? 40 : 0) });
    const controller = new RunController(store, { specs: (p) => [{ kind: 'k', seed: 0, config: { a: p.a } }], draw: () => undefined }, () => pool);
    await controller.prepare();
    store.getState().setParams({ a: 2 });
    const first = controller.paramsChanged(['a']);
    store.getState().setParams({ a: 3 });
    await controller.paramsChanged(['a']);
    await controller.play();
    await first;
    await sleep(10);
    expect(store.getState().status.state).toBe('training');
    const live = runs.filter((r) => !r.closed);
    expect(live.map((r) => [(r.spec.config as { a: number }).a, r.state])).toEqual([[3, 'training']]);
  });
});

describe('readings of runs side by side', () => {
  const at = (step: number, state: Snapshot['state'], loss: number, stepsPerSec: number | null = null, divergedAt: number | null = null): Snapshot => ({
    ...snapshot(step, state),
    loss,
    stepsPerSec,
    divergedAt,
  });

  it('when the primary diverges, the step counter follows the runs still going and its loss reads as diverged', () => {
    const r = readingsOf([at(17, 'diverged', 4.56e5, null, 17), at(105, 'training', 0.3, 30), at(105, 'training', 0.1, 30)]);
    expect(r.step).toBe(105);
    expect(r.primaryDiverged).toBe(true);
    expect(r.divergedAt).toBe(17);
    expect(r.stepsPerSec).toBe(30);
  });

  it('runs in step read as the primary', () => {
    const r = readingsOf([at(40, 'training', 0.5, 29), at(40, 'training', 0.2, 31)]);
    expect(r).toMatchObject({ step: 40, loss: 0.5, primaryDiverged: false, stepsPerSec: 29, divergedAt: null, message: null });
    expect(readingsOf([at(3, 'paused', Infinity), undefined]).loss).toBeNull();
  });
});


describe('RunController with a data set to download', () => {
  const data = { name: 'fashion-mnist' as const, label: 'Fashion-MNIST', bytes: 1000 };

  /** The fake pool, plus a data set that is not here until fetched (or that fails to arrive `failures` times). */
  function poolWithData(failures = 0) {
    const { pool, runs } = fakePool();
    let here = false;
    const progress: number[] = [];
    Object.assign(pool, {
      hasData: async () => here,
      async fetchData(_name: string, onProgress: (p: { loaded: number; total: number }) => void) {
        for (const loaded of [0, 400, 1000]) {
          await sleep(2);
          progress.push(loaded);
          onProgress({ loaded, total: 1000 });
        }
        if (failures-- > 0) throw new Error('The Fashion-MNIST download stopped at 0.0 of 0.0 MB (network error). Press play to try again.');
        here = true;
      },
    });
    return { pool, runs, progress };
  }

  it('opens nothing before play, says what play will download, then downloads with progress and trains', async () => {
    const store = createWidgetStore<typeof schema>({ params: defaultsOf(schema) });
    const { pool, runs, progress } = poolWithData();
    const controller = new RunController(store, { specs: () => [{ kind: 'k', seed: 0, config: {} }], draw: () => undefined, data }, () => pool);
    await controller.prepare();
    expect(runs.length).toBe(0);
    expect(store.getState().status.download).toEqual({ label: 'Fashion-MNIST', loaded: 0, total: 1000, active: false });
    const states: string[] = [];
    const unsubscribe = store.subscribe((s) => states.push(s.status.state));
    await controller.play();
    unsubscribe();
    expect(progress).toEqual([0, 400, 1000]);
    expect(states).toContain('loading');
    expect(store.getState().status.state).toBe('training');
    expect(store.getState().status.download).toBeNull();
    expect(runs.length).toBe(1);
  });

  it('a failed download is an error with the reason and a retry; play downloads again', async () => {
    const store = createWidgetStore<typeof schema>({ params: defaultsOf(schema) });
    const { pool, runs } = poolWithData(1);
    const controller = new RunController(store, { specs: () => [{ kind: 'k', seed: 0, config: {} }], draw: () => undefined, data }, () => pool);
    await controller.prepare();
    await controller.play();
    expect(store.getState().status.state).toBe('error');
    expect(store.getState().status.message).toMatch(/^Fashion-MNIST could not be downloaded: .*network error/);
    expect(runs.length).toBe(0);
    await controller.play();
    expect(store.getState().status.state).toBe('training');
    expect(runs.length).toBe(1);
  });

  it('once the browser has the data, the runs open at once as for any widget', async () => {
    const store = createWidgetStore<typeof schema>({ params: defaultsOf(schema) });
    const { pool, runs } = poolWithData();
    await (pool as unknown as { fetchData: (n: string, p: () => void) => Promise<void> }).fetchData('fashion-mnist', () => undefined);
    const controller = new RunController(store, { specs: () => [{ kind: 'k', seed: 0, config: {} }], draw: () => undefined, data }, () => pool);
    await controller.prepare();
    expect(runs.length).toBe(1);
    expect(store.getState().status.download).toBeNull();
  });
});
