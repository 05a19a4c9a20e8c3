/**
 * The run controller under quick successive changes: a reset that lands
 * while runs are still opening must not leave the widget with runs whose
 * snapshots it ignores (the loss surface's arrow keys, then play, did).
 */
import { describe, expect, it } from 'vitest';
import { RunController } from '@/components/widgets/kit/run-controller';
import { defineSchema, defaultsOf } from '@/components/widgets/kit/schema';
import { createWidgetStore } from '@/components/widgets/kit/store';
import type { RunHandlers, TrainerPool } from '@/workers/client';
import type { RunSpec, Snapshot } from '@/workers/api';

const schema = defineSchema({ name: 'test', version: 1, params: { a: { type: 'number', key: 'a', label: 'a', min: 0, max: 9, step: 1, default: 1 } } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function snapshot(step: number, state: Snapshot['state']): Snapshot {
  return { runId: 0, step, epoch: null, loss: 1 / (step + 1), stepsPerSec: null, state, divergedAt: null, error: null, data: {} };
}

/** A pool whose runs take a moment to open and stream one snapshot when played. */
function fakePool() {
  const runs: { spec: RunSpec; closed: boolean }[] = [];
  const pool = {
    async open(spec: RunSpec, handlers: RunHandlers) {
      await sleep(5);
      const run = { spec, closed: false };
      runs.push(run);
      let step = 0;
      return {
        get alive() {
          return !run.closed;
        },
        step: async (n: number) => snapshot((step += n), 'paused'),
        play: async () => {
          setTimeout(() => handlers.onSnapshot(snapshot(++step, 'training')), 1);
        },
        pause: async () => snapshot(step, 'paused'),
        set: async () => snapshot(step, 'paused'),
        evaluate: async () => null,
        close: async () => {
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
});
