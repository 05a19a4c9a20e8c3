// checkGrads: does autodiff agree with finite differences?
//
// For random directions v (one per input) and a random output weighting u,
// the directional derivative of φ(x) = ⟨u, f(x)⟩ along v is computed three
// ways:
//   numeric  — central differences of φ evaluated on the float64 JS
//              backend: (−φ(2ε) + 8φ(ε) − 8φ(−ε) + φ(−2ε)) / 12ε, error O(ε⁴);
//   exact64  — ⟨∇φ, v⟩ by backward() on the float64 backend;
//   exact32  — the same on the float32 backend under test (the current one).
// exact64 must match numeric to ~1e-7 (this proves the gradient rules);
// exact32 must match to float32 accuracy (this proves the float32 kernels).
// Errors are relative to Σ|∂φ/∂xᵢ · vᵢ|, the size of the terms being summed,
// so that cancellation in the sum cannot make a correct gradient fail.

import type { Backend } from './backend/backend';
import { JsBackend } from './backend/js';
import { mul } from './ops/binary';
import { sum } from './ops/reduce';
import { Rng } from './random';
import { sizeOf } from './shape';
import { backward, noGrad, scope } from './tape';
import { getBackend, type Tensor, tensor, withBackend } from './tensor';

export interface GradCheckInput {
  shape: number[];
  /** Fixed values; otherwise uniform in [low, high] (default [−2, 2]). */
  values?: ArrayLike<number>;
  low?: number;
  high?: number;
  /** Inputs that are data, not variables: no gradient is checked. */
  constant?: boolean;
}

export interface GradCheckOptions {
  seed?: number;
  /** Random directions to try (default 3). */
  directions?: number;
  /** Finite-difference step (default 1e-4). */
  eps?: number;
  /** Allowed relative error of float64 autodiff (default 1e-7). */
  tol64?: number;
  /** Allowed relative error of float32 autodiff (default 1e-4). */
  tol32?: number;
  /** The float32 backend under test (default: the current backend). */
  backend?: Backend;
}

export interface GradCheckReport {
  ok: boolean;
  /** Worst relative errors seen over the directions. */
  error64: number;
  error32: number;
  details: string[];
}

const float64 = new JsBackend({ dtype: 'float64' });

export function checkGrads(fn: (...xs: Tensor[]) => Tensor, inputs: GradCheckInput[], options: GradCheckOptions = {}): GradCheckReport {
  const { seed = 1, directions = 3, eps = 1e-4, tol64 = 1e-7, tol32 = 1e-4 } = options;
  const backend32 = options.backend ?? getBackend();
  const rng = new Rng(seed);
  // Values rounded to float32, so both backends start from the same point.
  const x0 = inputs.map((s) =>
    Float64Array.from(
      s.values ?? Array.from({ length: sizeOf(s.shape) }, () => rng.uniform(s.low ?? -2, s.high ?? 2)),
      Math.fround,
    ),
  );
  const outShape = withBackend(float64, () => scope(() => noGrad(() => [...fn(...inputs.map((s, i) => tensor(x0[i], s.shape))).shape])));
  const u = Float64Array.from({ length: sizeOf(outShape) }, () => Math.fround(rng.normal()));

  // φ(x0 + t·v) on the float64 backend.
  const phi = (v: Float64Array[], t: number) =>
    withBackend(float64, () =>
      scope(() =>
        noGrad(() => {
          const xs = inputs.map((s, i) => tensor(x0[i].map((x, j) => x + t * v[i][j]), s.shape));
          return sum(mul(fn(...xs), tensor(u, outShape))).item();
        }),
      ),
    );

  // ⟨∇φ(x0), v⟩ by autodiff on `backend`, and the scale Σ|∂φ/∂xᵢ·vᵢ|.
  const exact = (backend: Backend, v: Float64Array[]) =>
    withBackend(backend, () =>
      scope(() => {
        const xs = inputs.map((s, i) => {
          const x = tensor(x0[i], s.shape);
          x.requiresGrad = !s.constant;
          return x;
        });
        const y = fn(...xs);
        if (!y.requiresGrad) return { value: 0, scale: 0 };
        backward(sum(mul(y, tensor(u, outShape))));
        let value = 0;
        let scale = 0;
        xs.forEach((x, i) => {
          if (!x.grad) return;
          const g = x.grad.toFloat64Array();
          for (let j = 0; j < g.length; j++) {
            value += g[j] * v[i][j];
            scale += Math.abs(g[j] * v[i][j]);
          }
        });
        return { value, scale };
      }),
    );

  const report: GradCheckReport = { ok: true, error64: 0, error32: 0, details: [] };
  for (let d = 0; d < directions; d++) {
    const v = inputs.map((s) => Float64Array.from({ length: sizeOf(s.shape) }, () => (s.constant ? 0 : Math.fround(rng.normal()))));
    const numeric = (-phi(v, 2 * eps) + 8 * phi(v, eps) - 8 * phi(v, -eps) + phi(v, -2 * eps)) / (12 * eps);
    const e64 = exact(float64, v);
    const e32 = exact(backend32, v);
    const scale = Math.max(e64.scale, 1e-12);
    const err64 = Math.abs(e64.value - numeric) / scale;
    const err32 = Math.abs(e32.value - numeric) / scale;
    report.error64 = Math.max(report.error64, err64);
    report.error32 = Math.max(report.error32, err32);
    const fine = err64 <= tol64 && err32 <= tol32 && Number.isFinite(numeric);
    if (!fine) report.ok = false;
    report.details.push(
      `direction ${d}: numeric ${numeric.toPrecision(10)}, float64 ${e64.value.toPrecision(10)} (err ${err64.toExponential(2)}), float32 ${e32.value.toPrecision(8)} (err ${err32.toExponential(2)})${fine ? '' : '  ✗'}`,
    );
  }
  return report;
}

