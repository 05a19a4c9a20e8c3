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
//
// checkJvp: do forward and reverse mode agree? For the same u and v,
// ⟨u, J·v⟩ from jvp() must equal ⟨Jᵀ·u, v⟩ from backward() seeded with u:
// each tangent rule must be the transpose of its gradient rule. Checked on
// the float64 backend (to ~1e-10: this proves the tangent rules, given that
// checkGrads proved the gradient rules) and on the float32 one.

import type { Backend } from './backend/backend';
import { JsBackend } from './backend/js';
import { mul } from './ops/binary';
import { jvp } from './jvp';
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
  const { x0, outShape, u } = startingPoint(fn, inputs, rng);

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
  const exact = (backend: Backend, v: Float64Array[]) => withBackend(backend, () => scope(() => reverseMode(fn, inputs, x0, u, outShape, v)));

  const report: GradCheckReport = { ok: true, error64: 0, error32: 0, details: [] };
  for (let d = 0; d < directions; d++) {
    const v = direction(inputs, rng);
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


/** checkJvp's options: tol64 defaults to 1e-10, tol32 to 1e-5; eps is unused. */
export function checkJvp(fn: (...xs: Tensor[]) => Tensor, inputs: GradCheckInput[], options: GradCheckOptions = {}): GradCheckReport {
  const { seed = 1, directions = 3, tol64 = 1e-10, tol32 = 1e-5 } = options;
  const backend32 = options.backend ?? getBackend();
  const rng = new Rng(seed);
  const { x0, outShape, u } = startingPoint(fn, inputs, rng);
  // ⟨u, J·v⟩ by jvp() and ⟨Jᵀ·u, v⟩ by backward(), on `backend`.
  const bothModes = (backend: Backend, v: Float64Array[]) =>
    withBackend(backend, () =>
      scope(() => {
        const reverse = reverseMode(fn, inputs, x0, u, outShape, v);
        const primals = inputs.map((s, i) => tensor(x0[i], s.shape));
        const { tangents: jv } = jvp(fn, primals, inputs.map((s, i) => tensor(v[i], s.shape)));
        const forward = dot(u, jv.toFloat64Array());
        const gap = Math.abs(forward.value - reverse.value) / Math.max(forward.scale, reverse.scale, 1e-12);
        return { forward: forward.value, reverse: reverse.value, gap };
      }),
    );

  const report: GradCheckReport = { ok: true, error64: 0, error32: 0, details: [] };
  for (let d = 0; d < directions; d++) {
    const v = direction(inputs, rng);
    const e64 = bothModes(float64, v);
    const e32 = bothModes(backend32, v);
    report.error64 = Math.max(report.error64, e64.gap);
    report.error32 = Math.max(report.error32, e32.gap);
    const fine = e64.gap <= tol64 && e32.gap <= tol32 && Number.isFinite(e64.forward);
    if (!fine) report.ok = false;
    report.details.push(
      `direction ${d}: float64 ⟨u, Jv⟩ ${e64.forward.toPrecision(12)} vs ⟨Jᵀu, v⟩ ${e64.reverse.toPrecision(12)} (gap ${e64.gap.toExponential(2)}), float32 ${e32.forward.toPrecision(8)} vs ${e32.reverse.toPrecision(8)} (gap ${e32.gap.toExponential(2)})${fine ? '' : '  ✗'}`,
    );
  }
  return report;
}

/** The inputs' values (rounded to float32, so every backend starts from the
 * same point), the output's shape and a random output weighting u. */
function startingPoint(fn: (...xs: Tensor[]) => Tensor, inputs: GradCheckInput[], rng: Rng) {
  const x0 = inputs.map((s) =>
    Float64Array.from(
      s.values ?? Array.from({ length: sizeOf(s.shape) }, () => rng.uniform(s.low ?? -2, s.high ?? 2)),
      Math.fround,
    ),
  );
  const outShape = withBackend(float64, () => scope(() => noGrad(() => [...fn(...inputs.map((s, i) => tensor(x0[i], s.shape))).shape])));
  const u = Float64Array.from({ length: sizeOf(outShape) }, () => Math.fround(rng.normal()));
  return { x0, outShape, u };
}

/** A random direction per input (zero for constant inputs). */
function direction(inputs: GradCheckInput[], rng: Rng): Float64Array[] {
  return inputs.map((s) => Float64Array.from({ length: sizeOf(s.shape) }, () => (s.constant ? 0 : Math.fround(rng.normal()))));
}

/** ⟨Jᵀ·u, v⟩ = ⟨∇⟨u, f⟩, v⟩ by backward() on the current backend, and the
 * scale Σ|∂φ/∂xᵢ·vᵢ|. */
function reverseMode(fn: (...xs: Tensor[]) => Tensor, inputs: GradCheckInput[], x0: Float64Array[], u: Float64Array, outShape: number[], v: Float64Array[]) {
  const xs = inputs.map((s, i) => {
    const x = tensor(x0[i], s.shape);
    x.requiresGrad = !s.constant;
    return x;
  });
  const y = fn(...xs);
  if (!y.requiresGrad) return { value: 0, scale: 0 };
  backward(y, tensor(u, outShape));
  let value = 0;
  let scale = 0;
  xs.forEach((x, i) => {
    if (!x.grad) return;
    const terms = dot(x.grad.toFloat64Array(), v[i]);
    value += terms.value;
    scale += terms.scale;
  });
  return { value, scale };
}

/** Σ aᵢbᵢ and Σ|aᵢbᵢ|. */
function dot(a: ArrayLike<number>, b: ArrayLike<number>) {
  let value = 0;
  let scale = 0;
  for (let j = 0; j < a.length; j++) {
    value += a[j] * b[j];
    scale += Math.abs(a[j] * b[j]);
  }
  return { value, scale };
}
