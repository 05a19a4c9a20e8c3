/**
 * Whole models on the wasm backends: they learn as on the reference, and a
 * thousand training steps give back every byte of wasm memory they borrow.
 */
import { describe, expect, it } from 'vitest';
import { accuracy, Adam, bceWithLogits, JsBackend, backward, classification2d, CNN, MLP, noGrad, reshape, Rng, scope, SGD, shapeImages, softmaxCrossEntropy, tensor, Transformer, withBackend, type Tensor } from '@/engine';
import { flavoursHere, wasmBackend } from './wasm-files';

describe.each(flavoursHere())('%s build', (flavour) => {
  it('trains an MLP on the 3-arm spiral to ≥ 95% train accuracy', async () => {
    const backend = await wasmBackend(flavour);
    withBackend(backend, () => {
      const data = classification2d('spiral', { n: 300, noise: 0, seed: 1, classes: 3 });
      const x = tensor(data.x, [data.n, 2]);
      const model = new MLP({ sizes: [2, 32, 32, 3], activation: 'tanh', rng: new Rng(2) });
      const opt = new Adam(model.parameters(), { lr: 0.02 });
      for (let i = 0; i < 1500; i++) {
        scope(() => {
          opt.zeroGrad();
          backward(softmaxCrossEntropy(model.forward(x) as Tensor, data.y));
          opt.step();
        });
      }
      const acc = noGrad(() => scope(() => accuracy(model.forward(x) as Tensor, data.y)));
      expect(acc).toBeGreaterThanOrEqual(0.95);
    });
  });

  // A network that has all but learned its batch: the true loss is a few
  // times 1e-9, below float32's resolution next to 1. It must read as that,
  // not 0, on the reference and on wasm (the playground's readout and loss
  // chart show this number). The gradient still pushes the other logits down
  // (the label's own, 1 − pᵧ, is below float32's resolution next to 1).
  it('cross-entropy of confident predictions stays positive and accurate in float32', async () => {
    const backend = await wasmBackend(flavour);
    const logits = [24, 3, 2.5, 1, 22, -1];
    const labels = Int32Array.from([0, 1]);
    const exact = (Math.log1p(Math.exp(2.5 - 24) + Math.exp(3 - 24)) + Math.log1p(Math.exp(1 - 22) + Math.exp(-1 - 22))) / 2;
    for (const b of [backend, new JsBackend()]) {
      withBackend(b, () => {
        const z = tensor(logits, [2, 3]);
        z.requiresGrad = true;
        const loss = softmaxCrossEntropy(z, labels);
        const value = loss.item();
        expect(value).toBeGreaterThan(0);
        expect(Math.abs(value - exact)).toBeLessThan(1e-5 * exact);
        backward(loss);
        const g = z.grad!.toArray();
        expect(g[0]).toBeLessThanOrEqual(0);
        expect(g[1]).toBeGreaterThan(0);
        expect(g[3]).toBeGreaterThan(0);
        z.dispose();
        // The same for the binary loss, a right label on each side.
        const bce = bceWithLogits(tensor([20, -18], [2]), [1, 0]).item();
        const bceExact = (Math.log1p(Math.exp(-20)) + Math.log1p(Math.exp(-18))) / 2;
        expect(Math.abs(bce - bceExact)).toBeLessThan(1e-5 * bceExact);
      });
    }
  });

  it('1,000 training steps leave the wasm bytes in use unchanged', async () => {
    const backend = await wasmBackend(flavour);
    withBackend(backend, () => {
      const model = new MLP({ sizes: [2, 16, 16, 2], activation: 'relu', rng: new Rng(1) });
      const opt = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
      const data = classification2d('moons', { n: 64, noise: 0.1, seed: 3, classes: 2 });
      const x = tensor(data.x, [data.n, 2]);
      const step = () =>
        scope(() => {
          opt.zeroGrad();
          backward(softmaxCrossEntropy(model.forward(x) as Tensor, data.y));
          opt.step();
        });
      step(); // the first step creates the gradients and the momentum buffers, which persist
      const before = backend.bytesInUse();
      for (let i = 0; i < 10; i++) step();
      const heap = backend.heapBytes; // settled once every block size a step uses has been freed once
      for (let i = 0; i < 1000; i++) step();
      expect(backend.bytesInUse()).toBe(before);
      // Freed blocks are reused: the heap does not creep upward.
      expect(backend.heapBytes).toBe(heap);
    });
  });
});

describe.each(flavoursHere())('%s build: the book’s other models keep their memory', (flavour) => {
  /** Runs `step` once (creating gradients and optimizer state), then 1,000 more times. */
  function expectSteadyMemory(backend: Awaited<ReturnType<typeof wasmBackend>>, step: () => void) {
    step();
    const before = backend.bytesInUse();
    for (let i = 0; i < 10; i++) step();
    const heap = backend.heapBytes;
    for (let i = 0; i < 1000; i++) step();
    expect(backend.bytesInUse()).toBe(before);
    expect(backend.heapBytes).toBe(heap);
  }

  it('a small CNN, 1,000 steps', async () => {
    const backend = await wasmBackend(flavour);
    withBackend(backend, () => {
      const data = shapeImages({ n: 8, size: 12, seed: 1 });
      const x = tensor(data.x, [8, 12, 12, 1]);
      const model = new CNN({ inChannels: 1, channels: [4, 8], classes: 4, rng: new Rng(1) });
      const opt = new Adam(model.parameters(), { lr: 0.01 });
      expectSteadyMemory(backend, () =>
        scope(() => {
          opt.zeroGrad();
          backward(softmaxCrossEntropy(model.forward(x) as Tensor, data.y));
          opt.step();
        }),
      );
    });
  });

  it('a tiny transformer, 1,000 steps', async () => {
    const backend = await wasmBackend(flavour);
    withBackend(backend, () => {
      const model = new Transformer({ vocabSize: 6, context: 5, dModel: 8, heads: 2, layers: 1, mlpRatio: 2, rng: new Rng(1) });
      const opt = new Adam(model.parameters(), { lr: 0.01 });
      const ids = tensor([0, 1, 2, 3, 4, 4, 3, 2, 1, 0], [2, 5]);
      const targets = [1, 2, 3, 4, 5, 3, 2, 1, 0, 5];
      expectSteadyMemory(backend, () =>
        scope(() => {
          opt.zeroGrad();
          backward(softmaxCrossEntropy(reshape(model.forward(ids), [10, 6]), targets));
          opt.step();
        }),
      );
    });
  });
});
