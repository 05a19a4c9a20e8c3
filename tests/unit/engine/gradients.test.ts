// One row per primitive and composite (the table is in op-rows.ts):
// autodiff against central differences (see engine/gradcheck.ts).
// Tolerances, relative to Σ|∂φ/∂xᵢ·vᵢ|: float64 autodiff within 1e-7 of the
// numeric derivative, float32 within 1e-4.

import { beforeAll, describe, expect, it } from 'vitest';
import { flavoursHere, wasmBackend } from '../engine-wasm/wasm-files';
import { add, checkGrads, Linear, matmul, Rng, sum, tanh, type Backend, type WasmFlavour } from '@/engine';
import { gradientRules } from '@/engine/ops';
import type { Primitive, Rule } from '@/engine/ops/primitive';
import { unaryRules } from '@/engine/ops/unary';
import { rows, s } from './op-rows';

// The whole table runs on every float32 backend: the JS reference and both wasm builds.
describe.each(['js', ...flavoursHere()])('checkGrads on the %s backend: autodiff vs central differences (float64), float32 within tolerance', (backendName) => {
  let backend: Backend | undefined;
  beforeAll(async () => {
    backend = backendName === 'js' ? undefined : await wasmBackend(backendName as WasmFlavour);
  });

  it.each(rows)('%s', (name, fn, inputs) => {
    const report = checkGrads(fn, inputs, { seed: name.length, backend });
    expect(report.ok, `${name}\n${report.details.join('\n')}`).toBe(true);
    if (process.env.GRADCHECK_VERBOSE) console.log(name.padEnd(32), report.error64.toExponential(1), report.error32.toExponential(1));
  });

  it('checks the gradient with respect to Linear parameters as well', () => {
    const layer = new Linear(2, 3, { rng: new Rng(1) });
    const w = layer.weight.toArray();
    const report = checkGrads((x, weight) => sum(tanh(add(matmul(x, weight, { transB: true }), 0.1))), [s(4, 2), { shape: [3, 2], values: w }], { backend });
    expect(report.ok, report.details.join('\n')).toBe(true);
    layer.dispose();
  });
});

describe('the rule table', () => {
  it('has a rule for every primitive', () => {
    const names = Object.keys(gradientRules) as Primitive[];
    expect(names.length).toBeGreaterThanOrEqual(35);
    for (const p of names) expect(gradientRules[p]).toBeTruthy();
  });

  it('does not compile without a rule for every primitive (checked by tsc)', () => {
    // @ts-expect-error — the unary rules alone leave most primitives without a rule
    const incomplete: { [P in Primitive]: Rule<P> } = { ...unaryRules };
    expect(incomplete).toBeTruthy();
  });
});
