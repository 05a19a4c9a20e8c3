// checkpoint(fn, ...inputs): the same gradients as without it, less memory
// held between forward and backward, one recomputation per segment.

import { describe, expect, it } from 'vitest';
import { flavoursHere, wasmBackend } from '../engine-wasm/wasm-files';
import {
  add, backward, checkpoint, exp, getBackend, jvp, Linear, mse, mul, noGrad, parameter, Rng, scope, sum, tanh, tensor, withBackend,
  type Backend, type Tensor,
} from '@/engine';

/** A 4-layer tanh MLP of width 64 on a batch of 32, each layer optionally
 * checkpointed. Returns what the tests measure. */
function mlpStep(backend: Backend, checkpointed: boolean) {
  return withBackend(backend, () => {
    const rng = new Rng(3);
    const layers = Array.from({ length: 4 }, () => new Linear(64, 64, { rng, init: 'xavierNormal' }));
    const x = parameter(tensor(Array.from({ length: 32 * 64 }, () => rng.normal()), [32, 64]));
    const target = tensor(Array.from({ length: 32 * 64 }, () => rng.normal()), [32, 64]);
    let calls = 0;
    const layer = (i: number) => (h: Tensor) => {
      calls++;
      return tanh(layers[i].forward(h));
    };
    const start = backend.bytesInUse();
    const result = scope(() => {
      let h = x;
      for (let i = 0; i < 4; i++) h = checkpointed ? checkpoint(layer(i), h) : layer(i)(h);
      const loss = mse(h, target);
      const heldAfterForward = backend.bytesInUse() - start;
      const callsInForward = calls;
      backward(loss);
      return { heldAfterForward, callsInForward, loss: loss.item() };
    });
    const grads = [x, ...layers.flatMap((l) => l.parameters())].map((p) => p.grad!.toArray());
    const leftOver = backend.bytesInUse() - start - grads.reduce((n, g) => n + g.byteLength, 0);
    layers.forEach((l) => l.dispose());
    x.dispose();
    target.dispose();
    return { ...result, grads, calls, leftOver };
  });
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe.each(['js', ...flavoursHere()])('checkpointing each layer of an MLP (4 × 64, batch 32) on the %s backend', (backendName) => {
  it('holds 2 × 8 KiB less per layer after the forward pass, recomputes each layer once, and gives the same gradients', async () => {
    const backend = backendName === 'js' ? getBackend() : await wasmBackend(backendName as 'simd' | 'relaxed');
    const plain = mlpStep(backend, false);
    const saved = mlpStep(backend, true);
    // Each layer keeps only its tanh output: its matmul and bias-add outputs
    // ([32, 64] float32, 8,192 bytes each) are freed by the checkpoint.
    expect(plain.heldAfterForward - saved.heldAfterForward).toBe(4 * 2 * 32 * 64 * 4);
    expect(saved.heldAfterForward).toBeLessThan(plain.heldAfterForward / 2);
    expect([plain.callsInForward, plain.calls]).toEqual([4, 4]);
    expect([saved.callsInForward, saved.calls]).toEqual([4, 8]); // one recomputation per layer
    expect(saved.loss).toBe(plain.loss);
    expect(saved.leftOver).toBe(0);
    expect(plain.leftOver).toBe(0);
    if (process.env.CHECKPOINT_VERBOSE) console.log(backendName, 'held after forward', plain.heldAfterForward, 'vs', saved.heldAfterForward);
    saved.grads.forEach((g, i) => {
      if (backendName === 'js') expect(bits(g), `gradient ${i}`).toEqual(bits(plain.grads[i]));
      else g.forEach((v, k) => expect(v).toBeCloseTo(plain.grads[i][k], 6));
    });
  });
});

describe('checkpoint', () => {
  it('passes gradients to tensors fn closes over, leaves and intermediates alike', () => {
    const run = (checkpointed: boolean) =>
      scope(() => {
        const x = parameter(tensor([0.5, -1, 2]));
        const w = parameter(tensor([1.5, 0.5, -0.5]));
        const before = mul(x, 2); // an intermediate fn reads without being given it
        const fn = (h: Tensor) => tanh(add(mul(h, w), before));
        const y = checkpointed ? checkpoint(fn, exp(x)) : fn(exp(x));
        backward(sum(mul(y, y)));
        const grads = [x.grad!.toArray(), w.grad!.toArray()];
        x.dispose();
        w.dispose();
        return grads;
      });
    const [plain, saved] = [run(false), run(true)];
    expect(saved.map(bits)).toEqual(plain.map(bits));
  });

  it('records nothing under noGrad, and frees fn intermediates either way', () => {
    const x = parameter(tensor([1, 2, 3]));
    const before = getBackend().bytesInUse();
    const y = noGrad(() => checkpoint((h) => exp(mul(h, 2)), x));
    expect(y.node).toBeNull();
    expect(getBackend().bytesInUse() - before).toBe(12); // the output only
    y.dispose();
    x.dispose();
  });

  it('nests, and returns an input unchanged', () => {
    scope(() => {
      const x = parameter(tensor([0.3, 0.7]));
      const inner = (h: Tensor) => checkpoint((k) => tanh(mul(k, 3)), h);
      const y = checkpoint((h) => exp(inner(h)), x);
      expect(y.node?.primitive).toBe('checkpoint');
      backward(sum(y));
      // d/dx exp(tanh 3x) = exp(tanh 3x)·(1 − tanh² 3x)·3
      const expected = [0.3, 0.7].map((v) => Math.exp(Math.tanh(3 * v)) * (1 - Math.tanh(3 * v) ** 2) * 3);
      x.grad!.toArray().forEach((g, i) => expect(g).toBeCloseTo(expected[i], 5));
      expect(checkpoint((h) => h, x)).toBe(x);
      x.dispose();
    });
  });

  it('refuses a recomputation that reaches tensors the first pass did not', () => {
    scope(() => {
      const x = parameter(tensor([1, 2]));
      let w = parameter(tensor([3, 4]));
      const y = checkpoint((h) => mul(h, w), x);
      w = parameter(tensor([5, 6]));
      expect(() => backward(sum(y))).toThrow(/recomputing fn reached tensors/);
      x.dispose();
      w.dispose();
    });
  });

  it('carries tangents through under jvp, as without it', () => {
    scope(() => {
      const x = tensor([0.2, -0.4]);
      const v = tensor([1, 2]);
      const fn = (h: Tensor) => tanh(exp(h));
      const plain = jvp(fn, [x], [v]).tangents.toArray();
      const saved = jvp((h) => checkpoint(fn, h), [x], [v]).tangents.toArray();
      expect(bits(saved)).toEqual(bits(plain));
    });
  });
});
