/// <reference lib="webworker" />
/**
 * The training worker: the Trainer behind comlink. The engine runs only
 * here, never on the page's main thread.
 */
import * as Comlink from 'comlink';
import type { Snapshot } from './api';
import { modelRegistry } from './models';
import { Trainer } from './trainer';

// A message to ourselves runs after the messages already queued (pause,
// set …) without the 4 ms clamp that nested timers get.
const channel = new MessageChannel();
const queued: (() => void)[] = [];
channel.port1.onmessage = () => queued.shift()?.();

function transferablesOf(snapshot: Snapshot): Transferable[] {
  return Object.values(snapshot.data)
    .filter((v): v is Float32Array => v instanceof Float32Array)
    .map((v) => v.buffer as ArrayBuffer);
}

const trainer = new Trainer(modelRegistry, {
  now: () => performance.now(),
  yieldThen(fn, delayMs) {
    if (delayMs !== undefined) {
      setTimeout(fn, delayMs);
      return;
    }
    queued.push(fn);
    channel.port2.postMessage(null);
  },
  send(onSnapshot, snapshot) {
    onSnapshot(Comlink.transfer(snapshot, transferablesOf(snapshot)));
  },
  crash() {
    setTimeout(() => {
      throw new Error('Training worker crashed on purpose (test hook).');
    });
  },
});

Comlink.expose(trainer);
