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
