import { describe, expect, it } from 'vitest';
import { Trainer, type TrainerEnv } from '@/workers/trainer';
import { defineModel } from '@/workers/model';
import type { Snapshot } from '@/workers/api';

interface GeometricFrame {
  steps: number;
  path: Float32Array;
  playing: boolean | null;
}

/** A stand-in model: loss = scale · r^step, so it shrinks (r < 1) or explodes (r > 1). */
const geometric = defineModel({
  kind: 'geometric',
  build(config: { ratio: number; pace?: number | null; maxSteps?: number }) {
    let loss = 1;
    let ratio = config.ratio;
    let pace = config.pace ?? null;
    let steps = 0;
    return {
      step() {
        steps++;
        loss *= ratio;
        return loss;
      },
      snapshot: (options?: { playing: boolean }): GeometricFrame => ({ steps, path: new Float32Array([steps, loss]), playing: options?.playing ?? null }),
      live: {
        ratio: (r: number) => (ratio = r),
        pace: (p: number | null | undefined) => (pace = p ?? null),
      },
      queries: { q: () => ({ echo: 'q', steps }) },
      stepsPerSecond: () => pace,
      maxSteps: config.maxSteps,
      dispose() {},
    };
  },
});

const registry = { geometric };

function realEnv(): TrainerEnv {
  return {
    now: () => performance.now(),
    yieldThen: (fn, delay) => (delay === undefined ? setImmediate(fn) : setTimeout(fn, delay)),
    send: (cb, s) => cb(s),
    crash: () => {
      throw new Error('crash');
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Trainer', () => {
  it('steps exactly n times and reports the loss', async () => {
    const t = new Trainer(registry, realEnv());
    const id = await t.open({ kind: 'geometric', seed: 1, config: { ratio: 0.5 } });
    const s = await t.step(id, 3);
    expect(s.step).toBe(3);
    expect(s.loss).toBe(0.125);
    expect(s.state).toBe('paused');
    expect((s.data as GeometricFrame).steps).toBe(3);
  });

  it('tells the model whether a snapshot is a streamed frame or answers a call', async () => {
    const t = new Trainer(registry, realEnv());
    const id = await t.open({ kind: 'geometric', seed: 1, config: { ratio: 0.99 } });
    expect(((await t.step(id, 1)).data as GeometricFrame).playing).toBe(false);
    const frames: Snapshot[] = [];
    await t.play(id, (s) => frames.push(s));
    await sleep(80);
    expect(((await t.pause(id)).data as GeometricFrame).playing).toBe(false);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((f) => (f.data as GeometricFrame).playing === true || f.state !== 'training')).toBe(true);
  });

  it('refuses an unknown model kind with a clear message', async () => {
    const t = new Trainer(registry, realEnv());
    await expect(t.open({ kind: 'nope', seed: 1, config: {} })).rejects.toThrow(/No model kind "nope"/);
  });

  it('interleaves playing runs fairly and throttles snapshots', async () => {
    const t = new Trainer(registry, realEnv());
    const ids = await Promise.all([0, 1, 2].map(() => t.open({ kind: 'geometric', seed: 1, config: { ratio: 0.9999 } })));
    const received = new Map<number, Snapshot[]>();
    for (const id of ids) {
      received.set(id, []);
      await t.play(id, (s) => received.get(id)!.push(s));
    }
    await sleep(400);
    const steps = await Promise.all(ids.map(async (id) => (await t.pause(id)).step));
    const min = Math.min(...steps);
    const max = Math.max(...steps);
    expect(min).toBeGreaterThan(100);
    expect(max / min).toBeLessThan(2);
    for (const id of ids) {
      const n = received.get(id)!.length;
      expect(n).toBeGreaterThan(3);
      expect(n).toBeLessThanOrEqual(Math.ceil(0.4 * 30) + 3);
    }
  });

  it('stops a diverging run with the step where it happened', async () => {
    const t = new Trainer(registry, realEnv());
    const id = await t.open({ kind: 'geometric', seed: 1, config: { ratio: 10 } });
    const snaps: Snapshot[] = [];
    await t.play(id, (s) => snaps.push(s));
    await sleep(100);
    const last = snaps.at(-1)!;
    expect(last.state).toBe('diverged');
    // First loss 10; the bound is 1e6 · 10 = 1e7, first exceeded by 10^8 at step 8.
    expect(last.divergedAt).toBe(8);
    expect(Number.isFinite(last.loss)).toBe(true);
  });

  it('applies set() mid-run without a reset', async () => {
    const t = new Trainer(registry, realEnv());
    const id = await t.open({ kind: 'geometric', seed: 1, config: { ratio: 0.5 } });
    await t.step(id, 2);
    await t.set(id, { ratio: 1 });
    const s = await t.step(id, 2);
    expect(s.step).toBe(4);
    expect(s.loss).toBe(0.25);
  });

  it('keeps a paced run at its pace and pauses it at maxSteps', async () => {
    const t = new Trainer(registry, realEnv());
    const id = await t.open({ kind: 'geometric', seed: 1, config: { ratio: 0.99, pace: 100, maxSteps: 1000 } });
    await t.play(id, () => undefined);
    await sleep(300);
    const s = await t.pause(id);
    expect(s.step).toBeGreaterThan(10);
    expect(s.step).toBeLessThan(60);

    const fast = await t.open({ kind: 'geometric', seed: 1, config: { ratio: 0.9999, maxSteps: 50 } });
    const snaps: Snapshot[] = [];
    await t.play(fast, (x) => snaps.push(x));
    await sleep(80);
    expect(snaps.at(-1)!.step).toBe(50);
    expect(snaps.at(-1)!.state).toBe('paused');
    // Play again at the limit: nothing trains, and a snapshot says it is still paused.
    const again: Snapshot[] = [];
    await t.play(fast, (x) => again.push(x));
    expect(again.map((x) => [x.step, x.state])).toEqual([[50, 'paused']]);
  });

  it('evaluates on demand and closes runs', async () => {
    const t = new Trainer(registry, realEnv());
    const id = await t.open({ kind: 'geometric', seed: 1, config: { ratio: 0.5 } });
    expect(await t.evaluate(id, 'q', undefined)).toEqual({ echo: 'q', steps: 0 });
    await t.close(id);
    expect(t.size).toBe(0);
    await expect(t.step(id, 1)).rejects.toThrow(/No run/);
  });
});
