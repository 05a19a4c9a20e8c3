/**
 * Finite differences against the engine's exact derivative, in the worker.
 * For each step h the one-sided quotient (f(x + h) − f(x))/h and the
 * central one (f(x + h) − f(x − h))/(2h) are computed with the engine in
 * float32 and in float64 (every sum, difference and quotient rounded to
 * that format), and compared with f′(x) from the engine's autodiff in
 * float64. Nothing trains: the run answers one query.
 */
import { add, backward, div, exp, JsBackend, noGrad, scope, sin, sub, tanh, tensor, mul, withBackend, type Backend, type Tensor } from '@/engine';
import { defineQueryModel } from '@/workers/model';
import { METHODS, type FunctionName, type MethodKey } from './functions';

/** Each function written with the engine's ops, elementwise. */
export const ENGINE_FUNCTIONS: Record<FunctionName, (x: Tensor) => Tensor> = {
  sin: (x) => sin(x),
  exp: (x) => exp(x),
  tanh: (x) => tanh(x),
  cube: (x) => mul(mul(x, x), x),
};

/** The two formats, each on the engine's reference kernels (the same in every browser). */
const BACKENDS: Record<'float32' | 'float64', Backend> = {
  float32: new JsBackend({ dtype: 'float32' }),
  float64: new JsBackend({ dtype: 'float64' }),
};

export interface ErrorCurves {
  /** f′(x) by autodiff in float64: the reference every estimate is measured against. */
  exact: number;
  /** |estimate − exact| at each h of `hs`, per method (Infinity where the estimate is not finite). */
  errors: Record<MethodKey, Float64Array>;
  /** The estimates themselves, per method. */
  estimates: Record<MethodKey, Float64Array>;
}

/** f′(x) by reverse-mode autodiff through the engine's f, in float64. */
export function exactDerivative(fn: FunctionName, x: number): number {
  return withBackend(BACKENDS.float64, () =>
    scope(() => {
      const t = tensor([x]);
      t.requiresGrad = true;
      backward(ENGINE_FUNCTIONS[fn](t));
      const g = t.grad!.item();
      t.grad!.dispose();
      return g;
    }),
  );
}

/** Both difference quotients at every h, in one format: all h at once, as vectors. */
export function differenceQuotients(fn: FunctionName, x: number, hs: ArrayLike<number>, dtype: 'float32' | 'float64'): { forward: Float64Array; central: Float64Array } {
  const f = ENGINE_FUNCTIONS[fn];
  return withBackend(BACKENDS[dtype], () =>
    noGrad(() =>
      scope(() => {
        const n = hs.length;
        const xs = tensor(new Array<number>(n).fill(x));
        const h = tensor(Array.from(hs));
        const up = f(add(xs, h));
        const forward = div(sub(up, f(xs)), h);
        const central = div(sub(up, f(sub(xs, h))), mul(h, 2));
        return { forward: forward.toFloat64Array(), central: central.toFloat64Array() };
      }),
    ),
  );
}

export function errorCurves(fn: FunctionName, x: number, hs: ArrayLike<number>): ErrorCurves {
  const exact = exactDerivative(fn, x);
  const quotients = { float32: differenceQuotients(fn, x, hs, 'float32'), float64: differenceQuotients(fn, x, hs, 'float64') };
  const estimates = {} as Record<MethodKey, Float64Array>;
  const errors = {} as Record<MethodKey, Float64Array>;
  for (const m of METHODS) {
    const values = quotients[m.dtype][m.central ? 'central' : 'forward'];
    estimates[m.key] = values;
    errors[m.key] = values.map((v) => (Number.isFinite(v) ? Math.abs(v - exact) : Infinity));
  }
  return { exact, errors, estimates };
}

export default defineQueryModel('fd-error', {
  curves: ({ fn, x, hs }: { fn: FunctionName; x: number; hs: Float64Array }) => errorCurves(fn, x, hs),
});
