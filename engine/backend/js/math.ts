// Scalar functions JavaScript's Math lacks, accurate to float64 so that the
// float64 gradient checks can trust them.

const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2/√π
const ONE_OVER_SQRT_PI = 0.5641895835477563; // 1/√π

/** erf(x) = (2/√π) ∫₀ˣ exp(−t²) dt, to about 1e-15 relative error.
 *
 * |x| < 2.5: the everywhere-positive series (Abramowitz & Stegun 7.1.6)
 *   erf(x) = (2/√π) exp(−x²) Σₙ 2ⁿ x²ⁿ⁺¹ / (1·3·…·(2n+1)),
 * whose terms never cancel.
 * |x| ≥ 2.5: erfc from Laplace's continued fraction (A&S 7.1.14)
 *   erfc(x) = exp(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + 2/(x + …))))),
 * evaluated from the tail; 60 levels converge to double precision there. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a >= 6) return x > 0 ? 1 : -1; // erfc(6) ≈ 2e-17, below double epsilon
  if (a < 2.5) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  }
  let f = a;
  for (let n = 60; n >= 1; n--) f = a + n / 2 / f;
  const erfc = (Math.exp(-a * a) * ONE_OVER_SQRT_PI) / f;
  return x > 0 ? 1 - erfc : erfc - 1;
}

/** σ(x) = 1/(1 + e^(−x)), written so neither branch overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)
const SQRT_2_OVER_PI = 0.7978845608028654; // √(2/π)
const GELU_CUBIC = 0.044715;

/** GELU, exact: x·Φ(x) = ½x(1 + erf(x/√2)). */
export function gelu(x: number): number {
  return 0.5 * x * (1 + erf(x * INV_SQRT2));
}

/** d/dx x·Φ(x) = Φ(x) + x·φ(x), φ the standard normal density. */
export function geluDerivative(x: number): number {
  return 0.5 * (1 + erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** GELU, tanh form: ½x(1 + tanh u) with u = √(2/π)(x + 0.044715x³). */
export function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x)));
}

/** d/dx ½x(1 + tanh u) = ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²), t = tanh u. */
export function geluTanhDerivative(x: number): number {
  const t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x));
  return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * x * x);
}
