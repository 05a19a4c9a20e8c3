/**
 * The widget side of the runtime end to end in Node: a TrainerPool whose
 * "workers" are Trainers behind comlink on MessageChannels, driven by a
 * RunController and observed through the widget store.
 */
import { describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { Trainer } from '@/workers/trainer';
import { TrainerPool } from '@/workers/client';
import { defineModel } from '@/workers/model';
import type { Snapshot } from '@/workers/api';
import { RunController } from '@/components/widgets/kit/run-controller';
import { createWidgetStore } from '@/components/widgets/kit/store';
import { defineSchema, defaultsOf } from '@/components/widgets/kit/schema';

const halving = defineModel({
  kind: 'halving',
  build(config: { ratio: number }) {
    let loss = 1;
    let ratio = config.ratio;
    return {
      step: () => (loss *= ratio),
      snapshot: () => ({ loss: new Float32Array([loss]) }),
      live: { ratio: (r: number) => (ratio = r) },
      queries: {},
      stepsPerSecond: () => 400,
      dispose() {},
    };
  },
});

/** A stand-in Worker: a MessagePort with a Trainer behind it, and a way to make it "die". */
function fakeWorkerFactory(created: { port: MessagePort; die(): void }[]) {
  return () => {
    const { port1, port2 } = new MessageChannel();
    const trainer = new Trainer({ halving }, {
      now: () => performance.now(),
      yieldThen: (fn, delay) => (delay === undefined ? setImmediate(fn) : setTimeout(fn, delay)),
      send: (cb, s: Snapshot) => cb(s),
      crash: () => undefined,
    });
    Comlink.expose(trainer, port2);
    const target = new EventTarget();
    const listen = port1.addEventListener.bind(port1);
    const worker = Object.assign(port1, {
      terminate: () => port2.close(),
      addEventListener: (type: string, fn: EventListener) => (type === 'message' ? listen(type, fn) : target.addEventListener(type, fn)),
    });
    port1.start();
    created.push({ port: port1, die: () => target.dispatchEvent(Object.assign(new Event('error'), { message: 'boom' })) });
    return worker as unknown as Worker;
  };
}

const schema = defineSchema({
  name: 'test',
  version: 1,
  params: { ratio: { type: 'number', key: 'r', label: 'Ratio', min: 0.1, max: 2, step: 0.1, default: 0.9 } },
});

function setup() {
  const workers: { port: MessagePort; die(): void }[] = [];
  const pool = new TrainerPool(fakeWorkerFactory(workers), 1);
  const store = createWidgetStore<typeof schema>({ params: defaultsOf(schema) });
  const drawn: (Snapshot | null)[][] = [];
  const controller = new RunController(
    store,
    {
      specs: (p) => [{ kind: 'halving', seed: 0, config: { ratio: p.ratio } }],
      livePatch: (changed, p) => (changed.every((k) => k === 'ratio') ? [{ ratio: p.ratio }] : null),
      draw: (s) => drawn.push([...s]),
    },
    () => pool,
  );
  return { pool, store, controller, drawn, workers };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const status = (s: ReturnType<typeof setup>) => s.store.getState().status;

describe('RunController with a pool of (stand-in) workers', () => {
  it('prepares without training, then plays, pauses and steps exactly', async () => {
    const s = setup();
    await s.controller.prepare();
    expect(status(s).message).toBe(null);
    expect(status(s).state).toBe('idle');
    expect(s.drawn.length).toBe(1);
    await s.controller.play();
    await sleep(150);
    expect(status(s).state).toBe('training');
    await s.controller.pause();
    const held = status(s).step;
    expect(held).toBeGreaterThan(5);
    expect(status(s).state).toBe('paused');
    await s.controller.stepBy(3);
    expect(status(s).step).toBe(held + 3);
    await s.controller.dispose();
  });

  it('suspends and resumes, even when resume arrives while the pause is in flight', async () => {
    const s = setup();
    await s.controller.play();
    await sleep(50);
    const suspending = s.controller.suspend();
    const resuming = s.controller.resume();
    await Promise.all([suspending, resuming]);
    const at = status(s).step;
    await sleep(150);
    expect(status(s).step).toBeGreaterThan(at);
    expect(status(s).state).toBe('training');
    await s.controller.dispose();
  });

  it('stays paused after a suspend, and resume does nothing after a user pause', async () => {
    const s = setup();
    await s.controller.play();
    await sleep(50);
    await s.controller.suspend();
    expect(status(s).state).toBe('paused');
    await s.controller.pause();
    await s.controller.resume();
    await sleep(100);
    expect(status(s).state).toBe('paused');
    await s.controller.dispose();
  });

  it('applies live changes without a reset, and resets for the rest', async () => {
    const s = setup();
    await s.controller.stepBy(2);
    s.store.getState().setParams({ ratio: 0.5 });
    await s.controller.paramsChanged(['ratio']);
    await s.controller.stepBy(1);
    expect(status(s).step).toBe(3);
    expect(status(s).loss).toBeCloseTo(0.9 * 0.9 * 0.5, 6);
    await s.controller.dispose();
  });

  it('reports a dead worker as an error and plays again on a new one', async () => {
    const s = setup();
    await s.controller.play();
    await sleep(50);
    s.workers[0].die();
    await sleep(10);
    expect(status(s).state).toBe('error');
    expect(status(s).message).toMatch(/stopped unexpectedly \(boom\)/);
    await s.controller.play();
    await sleep(100);
    expect(s.workers.length).toBe(2);
    expect(status(s).state).toBe('training');
    expect(status(s).step).toBeGreaterThan(0);
    await s.controller.dispose();
  });
});
