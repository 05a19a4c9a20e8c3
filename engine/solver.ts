// Closed-form least squares and ridge regression on plain arrays (no tensors,
// no gradients): the exact answer that gradient descent should approach.

/** Cholesky factor L (lower, row-major) with A = L·Lᵀ, or null when A is not
 * (numerically) positive definite. */
export function cholesky(a: ArrayLike<number>, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]));
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] ** 2;
    // A pivot this small relative to the diagonal means A is singular to
    // working precision: its solution would be noise.
    if (!(d > 1e-12 * maxDiag)) return null;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** Solves L·Lᵀ·x = b by forward then back substitution. */
function choleskySolve(l: Float64Array, b: ArrayLike<number>, n: number): Float64Array {
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * z[k];
    z[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/** Solves A·x = b for symmetric positive (semi)definite A. When A is
 * singular or nearly so, adds jitter·I, starting at 1e-10 of the mean
 * diagonal and growing tenfold until the factorization succeeds; for a
 * rank-deficient A this tends to the minimum-norm solution. */
export function solveSymmetric(a: ArrayLike<number>, b: ArrayLike<number>, n: number): { x: Float64Array; jitter: number } {
  let trace = 0;
  for (let i = 0; i < n; i++) trace += a[i * n + i];
  const base = trace > 0 ? (1e-10 * trace) / n : 1e-10;
  const shifted = Float64Array.from(a);
  for (let attempt = 0, jitter = 0; attempt < 24; attempt++, jitter = base * 10 ** (attempt - 1)) {
    for (let i = 0; i < n; i++) shifted[i * n + i] = a[i * n + i] + jitter;
    const l = cholesky(shifted, n);
    if (l) return { x: choleskySolve(l, b, n), jitter };
  }
  throw new Error('solveSymmetric: matrix is not positive semidefinite');
}

export interface LeastSquaresOptions {
  /** λ ≥ 0: minimizes ‖Xw + c − y‖² + λ‖w‖² (the intercept c is not penalized). */
  ridge?: number;
  /** Fit an intercept c (default true). */
  fitIntercept?: boolean;
}

export interface LeastSquaresResult {
  weights: Float64Array;
  intercept: number;
  /** Diagonal jitter the solver had to add (0 for well-posed problems). */
  jitter: number;
}

/** Least squares (or ridge) for X (n×d, row-major) and y (n): solves the
 * normal equations (XᵀX + λI)w = Xᵀy by Cholesky. With an intercept, X and y
 * are centered first, so c = ȳ − x̄·w and c escapes the penalty. */
export function leastSquares(x: ArrayLike<number>, y: ArrayLike<number>, d: number, options: LeastSquaresOptions = {}): LeastSquaresResult {
  const n = y.length;
  if (x.length !== n * d) throw new Error(`leastSquares: X has ${x.length} values, expected ${n}×${d}`);
  const lambda = options.ridge ?? 0;
  const fitIntercept = options.fitIntercept ?? true;
  const xMean = new Float64Array(d);
  let yMean = 0;
  if (fitIntercept && n > 0) {
    for (let i = 0; i < n; i++) {
      yMean += y[i] / n;
      for (let j = 0; j < d; j++) xMean[j] += x[i * d + j] / n;
    }
  }
  const xtx = new Float64Array(d * d);
  const xty = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const yi = y[i] - yMean;
    for (let j = 0; j < d; j++) {
      const xij = x[i * d + j] - xMean[j];
      xty[j] += xij * yi;
      for (let k = 0; k <= j; k++) xtx[j * d + k] += xij * (x[i * d + k] - xMean[k]);
    }
  }
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < j; k++) xtx[k * d + j] = xtx[j * d + k];
    xtx[j * d + j] += lambda;
  }
  const { x: weights, jitter } = solveSymmetric(xtx, xty, d);
  let intercept = 0;
  if (fitIntercept) intercept = yMean - weights.reduce((s, w, j) => s + w * xMean[j], 0);
  return { weights, intercept, jitter };
}
