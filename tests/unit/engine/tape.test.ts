// Autodiff bookkeeping and memory: gradient accumulation, grad mode, scopes.

import { describe, expect, it } from 'vitest';
import {
  Adam, add, backward, bceWithLogits, classification2d, getBackend, greater, keep, mul, MLP, noGrad, parameter,
  Rng, scope, sum, tensor, zeros,
} from '@/engine';

describe('backward', () => {
  it('accumulates into .grad until zeroed, like PyTorch', () => {
    const x = parameter(tensor([2, 3]));
    scope(() => backward(sum(mul(x, x))));
    expect(Array.from(x.grad!.toArray())).toEqual([4, 6]);
    scope(() => backward(sum(mul(x, x))));
    expect(Array.from(x.grad!.toArray())).toEqual([8, 12]);
    x.dispose();
  });

  it('handles a tensor used along several paths', () => {
    const x = parameter(tensor([3]));
    // f = x·x + x  ⇒  f' = 2x + 1 = 7
    scope(() => backward(add(mul(x, x), x)));
    expect(x.grad!.item()).toBe(7);
    x.dispose();
  });

  it('records nothing under noGrad, and comparisons never need a gradient', () => {
    const x = parameter(tensor([1, -1]));
    const y = noGrad(() => mul(x, 2));
    expect(y.requiresGrad).toBe(false);
    expect(y.node).toBeNull();
    expect(greater(x, 0).requiresGrad).toBe(false);
    expect(() => backward(sum(y))).toThrow(/does not depend/);
    x.dispose();
  });

  it('needs a scalar loss or an explicit seed', () => {
    const x = parameter(tensor([1, 2]));
    scope(() => {
      const y = mul(x, 3);
      expect(() => backward(y)).toThrow(/seed/);
      backward(y, tensor([1, 10]));
    });
    expect(Array.from(x.grad!.toArray())).toEqual([3, 30]);
    x.dispose();
  });
});

describe('scopes', () => {
  const bytes = () => getBackend().bytesInUse();

  it('frees temporaries and keeps what the scope returns', () => {
    const before = bytes();
    const kept = scope(() => {
      zeros([100]);
      const a = tensor([1, 2]);
      return { result: mul(a, 2), note: 'plain values pass through' };
    });
    expect(Array.from(kept.result.toArray())).toEqual([2, 4]);
    expect(bytes()).toBe(before + 8);
    kept.result.dispose();
    expect(bytes()).toBe(before);
  });

  it('passes returned tensors to the enclosing scope', () => {
    const before = bytes();
    scope(() => {
      const inner = scope(() => tensor([1]));
      expect(inner.disposed).toBe(false);
    });
    expect(bytes()).toBe(before);
  });

  it('frees everything when the body throws', () => {
    const before = bytes();
    expect(() =>
      scope(() => {
        zeros([10]);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(bytes()).toBe(before);
  });

  it('leaves persistent tensors alone and reports use after free clearly', () => {
    const outside = zeros([1]);
    let temp = outside;
    const p = scope(() => {
      temp = zeros([1]);
      return [keep(zeros([3]))];
    })[0];
    expect(p.disposed).toBe(false);
    expect(temp.disposed).toBe(true);
    expect(() => temp.toArray()).toThrow(/disposed/);
    p.dispose();
    outside.dispose();
  });

  it('1,000 training steps of an MLP leave the bytes in use unchanged', () => {
    const data = classification2d('xor', { n: 32, seed: 3 });
    const model = new MLP({ sizes: [2, 8, 8, 1], activation: 'tanh', rng: new Rng(1) });
    const opt = new Adam(model.parameters(), { lr: 0.01 });
    const x = keep(tensor(data.x, [32, 2]));
    const y = keep(tensor(Float32Array.from(data.y), [32, 1]));
    const trainStep = () =>
      scope(() => {
        opt.zeroGrad();
        const loss = bceWithLogits(model.forward(x), y);
        backward(loss);
        opt.step();
        return loss.item();
      });
    trainStep(); // the first step creates gradients and Adam's moments
    const settled = bytes();
    let last = 0;
    for (let i = 0; i < 1000; i++) last = trainStep();
    expect(bytes()).toBe(settled);
    expect(last).toBeLessThan(0.3);
    model.dispose();
    opt.dispose();
    x.dispose();
    y.dispose();
  });
});
