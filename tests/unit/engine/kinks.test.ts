// Which subgradient the rules pick where a function has a kink (the
// chapter states these conventions; the gradient checks stay away from
// kinks, so they are pinned here). The tangent rules make the same choice:
// at a kink the engine's J·v and Jᵀ·u are still each other's transposes.
//   relu′(0) = 0            |x|′ at 0 = 0 (sign(0) = 0), as PyTorch
//   max(a, b), min(a, b) with a = b: ½ to each
//   max over axes with k tied maxima: 1/k to each
//   max pooling with tied maxima: all to the first in the window (row-major)
//   leakyRelu, elu at 0: the slope of the negative side

import { beforeAll, describe, expect, it } from 'vitest';
import { flavoursHere, wasmBackend } from '../engine-wasm/wasm-files';
import {
  abs, backward, elu, getBackend, jvp, leakyRelu, max, maximum, maxPool2d, minimum, relu, reshape, scope, sum, tensor, withBackend,
  type Backend, type Tensor, type WasmFlavour,
} from '@/engine';

/** Gradients of Σ f(inputs) with respect to each input. */
function gradients(f: (...xs: Tensor[]) => Tensor, ...values: number[][]): number[][] {
  return scope(() => {
    const xs = values.map((v) => {
      const x = tensor(v);
      x.requiresGrad = true;
      return x;
    });
    backward(sum(f(...xs)));
    return xs.map((x) => Array.from(x.grad!.toArray()));
  });
}

/** The tangent of f along `directions`. */
function tangent(f: (...xs: Tensor[]) => Tensor, values: number[][], directions: number[][]): number[] {
  return scope(() => Array.from(jvp(f, values.map((v) => tensor(v)), directions.map((d) => tensor(d))).tangents.toArray()));
}

describe.each(['js', ...flavoursHere()])('subgradients at kinks on the %s backend', (backendName) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = backendName === 'js' ? getBackend() : await wasmBackend(backendName as WasmFlavour);
  });
  const on = <T>(fn: () => T) => withBackend(backend, fn);

  it('relu′(0) = 0', () =>
    on(() => {
      expect(gradients(relu, [-1, 0, 1])).toEqual([[0, 0, 1]]);
      expect(tangent(relu, [[-1, 0, 1]], [[5, 5, 5]])).toEqual([0, 0, 5]);
    }));

  it('|x|′ at 0 = 0', () =>
    on(() => {
      expect(gradients(abs, [-2, 0, 2]).map((g) => g.map((v) => v + 0))).toEqual([[-1, 0, 1]]);
      expect(tangent(abs, [[-2, 0, 2]], [[1, 1, 1]]).map((v) => v + 0)).toEqual([-1, 0, 1]);
    }));

  it('maximum and minimum split a tie evenly', () =>
    on(() => {
      expect(gradients(maximum, [1, 2, 3], [3, 2, 1])).toEqual([[0, 0.5, 1], [1, 0.5, 0]]);
      expect(gradients(minimum, [1, 2, 3], [3, 2, 1])).toEqual([[1, 0.5, 0], [0, 0.5, 1]]);
      // ẏ at a tie: the mean of the two tangents
      expect(tangent(maximum, [[2], [2]], [[1], [3]])).toEqual([2]);
    }));

  it('max over an axis shares the gradient among tied maxima', () =>
    on(() => {
      const rowMax = (x: Tensor) => max(reshape(x, [2, 4]), 1);
      expect(gradients(rowMax, [3, 1, 3, 2, 0, 0, 5, 5])).toEqual([[0.5, 0, 0.5, 0, 0, 0, 0.5, 0.5]]);
      const third = Math.fround(1 / 3);
      expect(gradients((x) => max(x), [4, 4, 4, 1])).toEqual([[third, third, third, 0]]);
      expect(tangent((x) => max(x), [[4, 4, 4, 1]], [[3, 6, 9, 100]])).toEqual([6]);
    }));

  it('max pooling sends the gradient to the first tied maximum of the window', () =>
    on(() => {
      // one 2×2 window, values row-major [[7, 7], [7, 1]]
      const pool = (x: Tensor) => maxPool2d(reshape(x, [1, 2, 2, 1]), 2);
      expect(gradients(pool, [7, 7, 7, 1])).toEqual([[1, 0, 0, 0]]);
      expect(tangent(pool, [[7, 7, 7, 1]], [[2, 3, 4, 5]])).toEqual([2]);
    }));

  it('leakyRelu and elu at 0 take the negative side’s slope', () =>
    on(() => {
      expect(gradients((x) => leakyRelu(x, 0.1), [0])[0][0]).toBeCloseTo(0.1, 7);
      expect(gradients((x) => elu(x, 2), [0])[0][0]).toBe(2);
    }));
});
