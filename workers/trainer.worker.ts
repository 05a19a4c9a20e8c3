/// <reference lib="webworker" />
/**
 * The training worker: the Trainer behind comlink. The engine runs only
 * here, never on the page's main thread.
 */
import * as Comlink from 'comlink';
import { transferablesOf, type TrainerApi } from './api';
import { installBackend, memoryReport, parseBackendChoice } from './backend';
import { DATA_SETS } from './datasets';
import { MODELS } from './models.generated';
import { Trainer } from './trainer';

// A message to ourselves runs after the messages already queued (pause,
// set …) without the 4 ms clamp that nested timers get.
const channel = new MessageChannel();
const queued: (() => void)[] = [];
channel.port1.onmessage = () => queued.shift()?.();

const trainer = new Trainer(MODELS, {
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
    onSnapshot(Comlink.transfer(snapshot, transferablesOf(snapshot.data)));
  },
  crash() {
    setTimeout(() => {
      throw new Error('Training worker crashed on purpose (test hook).');
    });
  },
});

// The worker's name carries the page's backend choice ("trainer:js" …).
const backend = installBackend(parseBackendChoice(self.name.split(':')[1]));

/** Every call waits until the backend is installed: models are built on it. */
const api: TrainerApi = {
  open: async (spec) => (await backend, trainer.open(spec)),
  play: async (id, onSnapshot) => (await backend, trainer.play(id, onSnapshot)),
  pause: async (id) => (await backend, trainer.pause(id)),
  step: async (id, n) => (await backend, trainer.step(id, n)),
  set: async (id, patch) => (await backend, trainer.set(id, patch)),
  evaluate: async (id, query, arg) => (await backend, trainer.evaluate(id, query, arg)),
  close: async (id) => (await backend, trainer.close(id)),
  fetchData: async (name, onProgress) => void (await DATA_SETS[name].load(onProgress)),
  hasData: (name) => DATA_SETS[name].cached(),
  crash: () => trainer.crash(),
  backendName: async () => (await backend).name,
};

Comlink.expose(api);

// A probe for the soak (scripts/soak.ts reads it over the DevTools protocol)
// and anyone curious in the worker's console: the engine's memory and the runs held.
(self as { __lookingGlass?: unknown }).__lookingGlass = {
  memory: async () => ({ ...memoryReport(await backend), runs: trainer.size }),
};
