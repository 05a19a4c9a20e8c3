/**
 * The run controller against a fake worker pool: a snapshot that was sent
 * while training but arrives after the pause's reply (snapshots travel on
 * their own channel) must not flip the widget back to 'training'.
 */
import { describe, expect, it } from 'vitest';
import { RunController } from '@/components/widgets/kit/run-controller';
import { defineSchema, defaultsOf } from '@/components/widgets/kit/schema';
import { createWidgetStore } from '@/components/widgets/kit/store';
import type { RunSpec, Snapshot } from '@/workers/api';
import type { RunHandlers, TrainerPool } from '@/workers/client';

const schema = defineSchema({ name: 'fake', version: 1, params: { lr: { type: 'number', key: 'lr', label: 'lr', min: 0, max: 1, step: 0.1, default: 0.5 } } });

function snapshot(state: Snapshot['state'], step: number): Snapshot {
  return { runId: 1, step, epoch: null, loss: 1 / (step + 1), stepsPerSec: null, state, divergedAt: null, error: null, data: {} };
}

function fakePool() {
  const handlers: RunHandlers[] = [];
  let step = 0;
  const handle = {
    alive: true,
    play: async () => undefined,
    pause: async () => snapshot('paused', step),
    step: async (n: number) => snapshot('paused', (step += n)),
    set: async () => snapshot('paused', step),
    evaluate: async () => null,
    close: async () => undefined,
  };
  const pool = { open: async (_spec: RunSpec, h: RunHandlers) => (handlers.push(h), handle) } as unknown as TrainerPool;
  return { pool: () => pool, stream: (s: Snapshot) => handlers[handlers.length - 1].onSnapshot(s), advance: (n: number) => (step += n) };
}

describe('RunController', () => {
  it('ignores a stale training snapshot that arrives after the pause', async () => {
    const fake = fakePool();
    const store = createWidgetStore<typeof schema>({ params: defaultsOf(schema) });
    const controller = new RunController(store, { specs: () => [{ kind: 'fake', seed: 0, config: {} }], draw: () => undefined }, fake.pool);
    await controller.prepare();
    await controller.play();
    fake.advance(5);
    fake.stream(snapshot('training', 5));
    expect(store.getState().status.state).toBe('training');
    await controller.pause();
    expect(store.getState().status.state).toBe('paused');
    fake.stream(snapshot('training', 5)); // late: sent before the pause was handled
    expect(store.getState().status.state).toBe('paused');
    await controller.play();
    fake.stream(snapshot('training', 9));
    expect(store.getState().status.state).toBe('training');
  });
});
