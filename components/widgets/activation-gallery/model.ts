/**
 * The gallery's worker side. Nothing trains: the run only evaluates, on a
 * grid of x, each activation f(x), its derivative by the engine's autodiff
 * (backward of Σ f(xᵢ) gives f′(xᵢ) at every point, since f acts
 * elementwise), and its closed-form derivative.
 */
import { add, backward, elu, erf, exp, gelu, greater, leakyRelu, minimum, mul, noGrad, relu, scope, sigmoid, silu, softplus, step, sub, sum, tanh, tensor, where, zeros, type Tensor } from '@/engine';
import { defineQueryModel } from '@/workers/model';
import { ACTIVATIONS, type ActivationId } from './activations';

export interface EngineForm {
  /** The engine's activation; `slope` is leaky ReLU's a. */
  f(x: Tensor, slope: number): Tensor;
  /** The closed-form derivative, from the engine's ops (no autodiff). */
  derivative(x: Tensor, slope: number): Tensor;
}

const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Each activation as the engine computes it, with its closed-form derivative beside it. */
export const ENGINE_FORMS: Record<ActivationId, EngineForm> = {
  step: {
    f: (x) => step(x),
    derivative: (x) => zeros(x.shape, x.backend),
  },
  sigmoid: {
    f: (x) => sigmoid(x),
    derivative: (x) => {
      const s = sigmoid(x);
      return mul(s, sub(1, s));
    },
  },
  tanh: {
    f: (x) => tanh(x),
    derivative: (x) => {
      const t = tanh(x);
      return sub(1, mul(t, t));
    },
  },
  relu: {
    f: (x) => relu(x),
    derivative: (x) => greater(x, 0),
  },
  leakyRelu: {
    f: (x, slope) => leakyRelu(x, slope),
    derivative: (x, slope) => where(greater(x, 0), 1, slope),
  },
  softplus: {
    f: (x) => softplus(x),
    derivative: (x) => sigmoid(x),
  },
  elu: {
    f: (x) => elu(x),
    derivative: (x) => where(greater(x, 0), 1, exp(minimum(x, 0))),
  },
  gelu: {
    f: (x) => gelu(x),
    derivative: (x) => {
      const cdf = mul(add(erf(mul(x, INV_SQRT2)), 1), 0.5);
      const pdf = mul(exp(mul(mul(x, x), -0.5)), INV_SQRT_2PI);
      return add(cdf, mul(x, pdf));
    },
  },
  silu: {
    f: (x) => silu(x),
    derivative: (x) => {
      const s = sigmoid(x);
      return mul(s, add(1, mul(x, sub(1, s))));
    },
  },
};

export interface CurvesQuery {
  /** The x values to evaluate at. */
  x: Float32Array;
  /** Leaky ReLU's slope a. */
  slope: number;
}

export interface Curves {
  f: Float32Array;
  /** The engine's autodiff derivative. */
  autodiff: Float32Array;
  /** The closed form, evaluated with the engine's ops. */
  closed: Float32Array;
}

export type CurvesResult = Record<ActivationId, Curves>;

/** One activation on the points x: values, autodiff derivative, closed-form derivative. */
export function curvesOf(id: ActivationId, x: ArrayLike<number>, slope: number): Curves {
  const activation = ENGINE_FORMS[id];
  if (!activation) throw new Error(`No activation "${id}"`);
  return scope(() => {
    const input = tensor(x, [x.length]);
    input.requiresGrad = true;
    const y = activation.f(input, slope);
    // A piecewise-constant function (the step) records no graph: the engine passes no gradient, i.e. 0.
    if (y.requiresGrad) backward(sum(y));
    const autodiff = input.grad ? input.grad.toArray() : new Float32Array(x.length);
    const closed = noGrad(() => activation.derivative(input, slope).toArray());
    return { f: y.toArray(), autodiff, closed };
  });
}

export function allCurves(x: ArrayLike<number>, slope: number): CurvesResult {
  return Object.fromEntries(ACTIVATIONS.map((a) => [a.id, curvesOf(a.id, x, slope)])) as CurvesResult;
}

/** Nothing trains: a run of this model only evaluates the curves, on request. */
export default defineQueryModel('activation-curves', {
  curves: ({ x, slope }: CurvesQuery): CurvesResult => allCurves(x, slope),
});
