// The fused primitives (row softmax family, layer norm, GELU) against the
// compositions of simpler primitives they replace: same values and same
// gradients, on the float64 reference backend, including masked (−∞) rows
// and huge logits. The compositions are written out here, primitive by
// primitive, as the docs of nn/softmax.ts, nn/norm.ts and ops/unary.ts state them.

import { describe, expect, it } from 'vitest';
import {
  add, backward, detach, div, erf, exp, gelu, geluTanh, JsBackend, layerNorm, log, logSoftmax, logsumexp, max, mean,
  mul, Rng, softmax, sqrt, sub, sum, tanh, tensor, withBackend, type Tensor,
} from '@/engine';

const f64 = new JsBackend({ dtype: 'float64' });

const composite = {
  logsumexp(x: Tensor): Tensor {
    const m = detach(max(x, -1, true));
    return add(log(sum(exp(sub(x, m)), -1, true)), m);
  },
  softmax(x: Tensor): Tensor {
    const e = exp(sub(x, detach(max(x, -1, true))));
    return div(e, sum(e, -1, true));
  },
  logSoftmax(x: Tensor): Tensor {
    return sub(x, composite.logsumexp(x));
  },
  layerNorm(x: Tensor, w: Tensor, b: Tensor): Tensor {
    const centred = sub(x, mean(x, -1, true));
    return add(mul(div(centred, sqrt(add(mean(mul(centred, centred), -1, true), 1e-5))), w), b);
  },
  gelu(x: Tensor): Tensor {
    return mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
  },
  geluTanh(x: Tensor): Tensor {
    return mul(mul(x, 0.5), add(tanh(mul(add(x, mul(mul(mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI))), 1));
  },
};

/** Values and input gradients of fn(xs)·u for a fixed random cotangent u. */
function evaluate(fn: (...xs: Tensor[]) => Tensor, inputs: Float64Array[], shapes: number[][]) {
  return withBackend(f64, () => {
    const xs = inputs.map((v, i) => tensor(v, shapes[i]));
    for (const x of xs) x.requiresGrad = true;
    const y = fn(...xs);
    const rng = new Rng(7);
    const u = tensor(Array.from({ length: y.size }, () => rng.normal()), y.shape);
    backward(sum(mul(y, u)));
    const result = { value: y.toArray(), grads: xs.map((x) => x.grad!.toArray()) };
    for (const x of xs) x.dispose();
    return result;
  });
}

function expectSame(a: ArrayLike<number>, b: ArrayLike<number>, what: string) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const same = Object.is(a[i], b[i]) || Math.abs(a[i] - b[i]) <= 1e-12 * (1 + Math.abs(b[i]));
    if (!same) expect.fail(`${what}[${i}]: fused ${a[i]}, composite ${b[i]}`);
  }
}

function rows(rowCount: number, cols: number, seed: number, masked = false): Float64Array {
  const rng = new Rng(seed);
  const v = Float64Array.from({ length: rowCount * cols }, () => rng.uniform(-3, 3));
  if (masked) {
    v[1] = -Infinity; // row 0 has a masked entry
    v[cols] += 500; // row 1 has a huge logit
  }
  return v;
}

describe('fused row primitives equal their compositions (float64)', () => {
  it.each([
    ['softmax', (x: Tensor) => softmax(x), composite.softmax],
    ['logSoftmax', (x: Tensor) => logSoftmax(x), composite.logSoftmax],
    ['logsumexp', (x: Tensor) => logsumexp(x, -1, true), composite.logsumexp],
  ] as const)('%s: values and gradients, with a masked entry and a huge logit', (name, fused, reference) => {
    for (const [r, c] of [[1, 1], [3, 5], [4, 16]]) {
      const x = rows(r, c, r * c, c > 2);
      const a = evaluate(fused, [x], [[r, c]]);
      const b = evaluate(reference, [x], [[r, c]]);
      expectSame(a.value, b.value, `${name} ${r}×${c} value`);
      // The composite's gradient at a −∞ entry is NaN·0 in places; the fused
      // rule gives the true 0. Compare where the composite is a number.
      const ga = a.grads[0];
      const gb = b.grads[0];
      for (let i = 0; i < gb.length; i++) if (Number.isFinite(gb[i])) expectSame([ga[i]], [gb[i]], `${name} ${r}×${c} grad[${i}]`);
      expect(ga.every(Number.isFinite), `${name}: fused gradient is finite`).toBe(true);
    }
  });

  it('softmax along a middle axis and with a temperature matches the composite', () => {
    const x = rows(2, 12, 3);
    const moved = (t: Tensor) => softmax(t, 1, 0.5);
    const reference = (t: Tensor) => {
      const z = div(t, 0.5);
      const e = exp(sub(z, detach(max(z, 1, true))));
      return div(e, sum(e, 1, true));
    };
    const a = evaluate(moved, [x], [[2, 3, 4]]);
    const b = evaluate(reference, [x], [[2, 3, 4]]);
    expectSame(a.value, b.value, 'value');
    expectSame(a.grads[0], b.grads[0], 'grad');
  });

  it('layerNorm: values and the gradients of x, γ and β', () => {
    const [r, c] = [5, 7];
    const rng = new Rng(2);
    const w = Float64Array.from({ length: c }, () => rng.uniform(0.5, 1.5));
    const b = Float64Array.from({ length: c }, () => rng.uniform(-1, 1));
    const shapes = [[r, c], [c], [c]];
    const a = evaluate((x, g, bb) => layerNorm(x, g, bb), [rows(r, c, 9), w, b], shapes);
    const e = evaluate(composite.layerNorm, [rows(r, c, 9), w, b], shapes);
    expectSame(a.value, e.value, 'value');
    a.grads.forEach((g, i) => expectSame(g, e.grads[i], `grad ${['x', 'γ', 'β'][i]}`));
  });

  it.each([
    ['gelu', gelu, composite.gelu],
    ['geluTanh', geluTanh, composite.geluTanh],
  ] as const)('%s: values and gradients', (name, fused, reference) => {
    const x = Float64Array.from({ length: 41 }, (_, i) => -5 + i / 4);
    const a = evaluate(fused, [x], [[41]]);
    const b = evaluate(reference, [x], [[41]]);
    expectSame(a.value, b.value, `${name} value`);
    expectSame(a.grads[0], b.grads[0], `${name} grad`);
  });
});
