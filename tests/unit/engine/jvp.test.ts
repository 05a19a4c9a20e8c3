// Forward mode (engine/jvp.ts): tangent rules against gradient rules on
// every row of the op table, JVPs of composites against finite differences,
// the Jacobian's pass counts, and memory.

import { beforeAll, describe, expect, it } from 'vitest';
import { flavoursHere, wasmBackend } from '../engine-wasm/wasm-files';
import {
  add, checkJvp, detach, exp, gelu, geluTanh, getBackend, jacobian, JsBackend, jvp, layerNorm, logsumexp, matmul, mul, reshape, Rng,
  scaledDotProductAttention, scope, softmax, softmaxCrossEntropy, tanh, tensor, withBackend, maxPool2d, MLP,
  type Backend, type Tensor, type WasmFlavour,
} from '@/engine';
import { jvpRules } from '@/engine/ops';
import type { JvpRule, Primitive } from '@/engine/ops/primitive';
import { unaryJvpRules } from '@/engine/ops/unary';
import { rows } from './op-rows';

const float64 = new JsBackend({ dtype: 'float64' });

// (a) ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩ for every op: jvp() on one side, backward()
// seeded with u on the other. float64 within 1e-10, float32 within 1e-5,
// relative to the size of the terms summed.
describe.each(['js', ...flavoursHere()])('jvp against backward on the %s backend: ⟨u, Jv⟩ = ⟨Jᵀu, v⟩', (backendName) => {
  let backend: Backend | undefined;
  beforeAll(async () => {
    backend = backendName === 'js' ? undefined : await wasmBackend(backendName as WasmFlavour);
  });

  it.each(rows)('%s', (name, fn, inputs) => {
    const report = checkJvp(fn, inputs, { seed: name.length + 1, directions: 2, backend });
    expect(report.ok, `${name}\n${report.details.join('\n')}`).toBe(true);
    if (process.env.GRADCHECK_VERBOSE) console.log(name.padEnd(32), report.error64.toExponential(1), report.error32.toExponential(1));
  });

  it('frees its intermediates: only outputs and tangents outlive jvp(), and nothing outlives a scope', () => {
    const b = backend ?? getBackend();
    withBackend(b, () => {
      const rng = new Rng(4);
      const model = new MLP({ sizes: [4, 8, 3], activation: 'gelu', rng });
      const x = tensor(Array.from({ length: 20 }, () => rng.normal()), [5, 4]);
      const v = tensor(Array.from({ length: 20 }, () => rng.normal()), [5, 4]);
      const loss = (x: Tensor) => softmaxCrossEntropy(layerNorm(model.forward(x)), [0, 1, 2, 1, 0]);
      const before = b.bytesInUse();
      scope(() => {
        jvp(loss, [x], [v]);
      });
      expect(b.bytesInUse()).toBe(before);
      const { outputs, tangents } = jvp(loss, [x], [v]);
      expect(b.bytesInUse() - before).toBe(2 * 4); // two scalars, float32
      outputs.dispose();
      tangents.dispose();
      expect(b.bytesInUse()).toBe(before);
      model.dispose();
      x.dispose();
      v.dispose();
    });
  });
});

// (b) JVPs of composites against central differences along v, elementwise:
// (−f(x + 2εv) + 8f(x + εv) − 8f(x − εv) + f(x − 2εv))/12ε on float64.
function finiteDifference(fn: (...xs: Tensor[]) => Tensor, x0: Float64Array[], shapes: number[][], v: Float64Array[], eps = 1e-4): Float64Array {
  const at = (t: number) =>
    withBackend(float64, () => scope(() => fn(...x0.map((x, i) => tensor(x.map((xj, j) => xj + t * v[i][j]), shapes[i]))).toFloat64Array()));
  const [p2, p1, m1, m2] = [at(2 * eps), at(eps), at(-eps), at(-2 * eps)];
  return p1.map((_, k) => (-p2[k] + 8 * p1[k] - 8 * m1[k] + m2[k]) / (12 * eps));
}

const composites: [string, (...xs: Tensor[]) => Tensor, number[][]][] = [
  ['softmax axis 0, T = 0.7', (x) => softmax(x, 0, 0.7), [[3, 4]]],
  ['logsumexp', (x) => logsumexp(x, -1), [[2, 5]]],
  ['softmax cross-entropy', (z) => softmaxCrossEntropy(z, [2, 0, 1]), [[3, 4]]],
  ['layer norm with γ and β', (x, g, b) => layerNorm(x, g, b), [[2, 3, 5], [5], [5]]],
  ['gelu ∘ geluTanh', (x) => gelu(geluTanh(x)), [[7]]],
  ['causal attention', (q, k, v) => scaledDotProductAttention(q, k, v, { causal: true }).output, [[2, 4, 3], [2, 4, 3], [2, 4, 2]]],
  ['tanh layer', (x, w) => tanh(matmul(x, w, { transB: true })), [[3, 2], [4, 2]]],
  ['max pooling of a product', (x) => maxPool2d(mul(x, x), 2), [[1, 4, 4, 2]]],
];

describe('jvp of composites against central differences (float64)', () => {
  it.each(composites)('%s', (_, fn, shapes) => {
    const rng = new Rng(11);
    const draw = () => shapes.map((s) => Float64Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => Math.fround(rng.uniform(-2, 2))));
    const [x0, v] = [draw(), draw()];
    const numeric = finiteDifference(fn, x0, shapes, v);
    const exact = withBackend(float64, () =>
      scope(() => jvp(fn, x0.map((x, i) => tensor(x, shapes[i])), v.map((d, i) => tensor(d, shapes[i]))).tangents.toFloat64Array()),
    );
    const scale = Math.max(...numeric.map(Math.abs), 1e-12);
    const worst = Math.max(...numeric.map((n, k) => Math.abs(n - exact[k])));
    expect(worst / scale).toBeLessThan(1e-8);
  });
});

// (c) The Jacobian of f: Rⁿ → Rᵐ takes n forward passes or m reverse ones.
describe('jacobian', () => {
  const w = [1, -2, 0.5, 3, 0, 1, -1, 1, 2, 0.3, -0.7, 1.5, 0.2, 0.1, -0.4];
  // f(x) = tanh(W·x), W 5×3: three inputs, five outputs; J = diag(1 − y²)·W.
  const f = (x: Tensor) => tanh(reshape(matmul(tensor(w, [5, 3], x.backend), reshape(x, [3, 1])), [5]));

  it('counts n JVP passes forward and m VJP passes in reverse, and both give the same matrix', () => {
    withBackend(float64, () => {
      const x = tensor([0.3, -0.2, 0.5]);
      const forward = jacobian(f, x, 'forward');
      const reverse = jacobian(f, x, 'reverse');
      expect(forward.passes).toBe(3);
      expect(reverse.passes).toBe(5);
      expect(forward.jacobian.shape).toEqual([5, 3]);
      const [jf, jr] = [forward.jacobian.toFloat64Array(), reverse.jacobian.toFloat64Array()];
      const y = f(x).toFloat64Array();
      jf.forEach((v, k) => {
        const expected = (1 - y[Math.floor(k / 3)] ** 2) * w[k];
        expect(v).toBeCloseTo(expected, 13);
        expect(jr[k]).toBeCloseTo(expected, 13);
      });
    });
  });

  it('the other way round: two outputs of six inputs take two reverse passes', () => {
    const g = (x: Tensor) => logsumexp(reshape(exp(mul(x, 0.5)), [2, 3]), -1);
    const x = tensor([0.1, 0.2, -0.3, 1, -1, 0.5]);
    const before = getBackend().bytesInUse();
    const forward = scope(() => {
      const r = jacobian(g, x, 'forward');
      return { passes: r.passes, values: r.jacobian.toArray() };
    });
    const reverse = scope(() => {
      const r = jacobian(g, x, 'reverse');
      return { passes: r.passes, values: r.jacobian.toArray() };
    });
    expect(getBackend().bytesInUse()).toBe(before);
    expect([forward.passes, reverse.passes]).toEqual([6, 2]);
    forward.values.forEach((v, k) => expect(v).toBeCloseTo(reverse.values[k], 6));
    x.dispose();
  });
});

describe('jvp', () => {
  it('returns outputs and tangents in the structure fn returns, zeros where nothing depends on the primals', () => {
    scope(() => {
      const x = tensor([1, 2]);
      const c = tensor([5, 6]);
      const { outputs, tangents } = jvp((x) => [mul(x, x), add(c, 1), detach(x)], [x], [tensor([1, 0.5])]);
      expect(outputs.map((t) => Array.from(t.toArray()))).toEqual([[1, 4], [6, 7], [1, 2]]);
      // d(x²) = 2x·ẋ; c and detach(x) carry no tangent.
      expect(tangents.map((t) => Array.from(t.toArray()))).toEqual([[2, 2], [0, 0], [0, 0]]);
    });
  });

  it('keeps the tangents of what a scope inside fn returns', () => {
    scope(() => {
      const x = tensor([0.5]);
      // d exp(2x) = 2·exp(2x)·ẋ
      const { tangents } = jvp((x) => scope(() => exp(mul(x, 2))), [x], [tensor([1])]);
      expect(tangents.item()).toBeCloseTo(2 * Math.exp(1), 5);
    });
  });

  it('checks that tangents match their primals', () => {
    scope(() => {
      expect(() => jvp(exp, [tensor([1, 2])], [tensor([1])])).toThrow(/shape/);
      expect(() => jvp(exp, [tensor([1, 2])], [])).toThrow(/tangents/);
    });
  });
});

describe('the tangent rule table', () => {
  it('has a tangent rule for every primitive that has a gradient rule', async () => {
    const { gradientRules } = await import('@/engine/ops');
    expect(Object.keys(jvpRules).sort()).toEqual(Object.keys(gradientRules).sort());
  });

  it('does not compile without a tangent rule for every primitive (checked by tsc)', () => {
    // @ts-expect-error — the unary tangent rules alone leave most primitives without one
    const incomplete: { [P in Primitive]: JvpRule<P> } = { ...unaryJvpRules };
    expect(incomplete).toBeTruthy();
  });
});
