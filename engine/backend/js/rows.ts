// Row kernels: softmax, log-softmax, logsumexp and layer norm over each row
// of a [rows, cols] matrix, with their vector-Jacobian products. Reference
// implementation: sums in doubles, one rounding on store.

import type { FloatArray, RowKernel } from '../backend';

/** m = max of the row, s = Σ exp(xⱼ − m). A row of −∞ gives m = −∞ and NaN
 * (there is no distribution over nothing), as the composite would. */
function rowStats(x: FloatArray, base: number, cols: number): [number, number] {
  let m = -Infinity;
  for (let j = 0; j < cols; j++) if (x[base + j] > m || x[base + j] !== x[base + j]) m = x[base + j];
  let s = 0;
  for (let j = 0; j < cols; j++) s += Math.exp(x[base + j] - m);
  return [m, s];
}

export function rowSoftmaxKernel(op: RowKernel, x: FloatArray, out: FloatArray, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    const [m, s] = rowStats(x, base, cols);
    if (op === 'logsumexp') {
      out[r] = m + Math.log(s);
    } else if (op === 'softmax') {
      for (let j = 0; j < cols; j++) out[base + j] = Math.exp(x[base + j] - m) / s;
    } else {
      const lse = m + Math.log(s);
      for (let j = 0; j < cols; j++) out[base + j] = x[base + j] - lse;
    }
  }
}

export function rowSoftmaxGradKernel(op: RowKernel, x: FloatArray, y: FloatArray, g: FloatArray, dx: FloatArray, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    if (op === 'logsumexp') {
      // ∂ logsumexp / ∂xⱼ = softmax(x)ⱼ = exp(xⱼ − y)
      for (let j = 0; j < cols; j++) dx[base + j] = g[r] * Math.exp(x[base + j] - y[r]);
    } else if (op === 'softmax') {
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += g[base + j] * y[base + j];
      for (let j = 0; j < cols; j++) dx[base + j] = y[base + j] * (g[base + j] - dot);
    } else {
      let total = 0;
      for (let j = 0; j < cols; j++) total += g[base + j];
      for (let j = 0; j < cols; j++) dx[base + j] = g[base + j] - Math.exp(y[base + j]) * total;
    }
  }
}

/** Mean and 1/√(variance + eps) of a row (two passes: the variance of the
 * centred values, which does not cancel catastrophically). */
function normStats(x: FloatArray, base: number, cols: number, eps: number): [number, number] {
  let s = 0;
  for (let j = 0; j < cols; j++) s += x[base + j];
  const mu = s / cols;
  let v = 0;
  for (let j = 0; j < cols; j++) v += (x[base + j] - mu) * (x[base + j] - mu);
  return [mu, 1 / Math.sqrt(v / cols + eps)];
}

export function layerNormKernel(x: FloatArray, w: FloatArray, b: FloatArray, out: FloatArray, rows: number, cols: number, eps: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    const [mu, rstd] = normStats(x, base, cols, eps);
    for (let j = 0; j < cols; j++) out[base + j] = (x[base + j] - mu) * rstd * w[j] + b[j];
  }
}

export function layerNormGradKernel(
  x: FloatArray,
  w: FloatArray,
  g: FloatArray,
  dx: FloatArray,
  dw: FloatArray,
  db: FloatArray,
  rows: number,
  cols: number,
  eps: number,
): void {
  const dwSum = new Float64Array(cols);
  const dbSum = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    const [mu, rstd] = normStats(x, base, cols, eps);
    // mean(ĝ) and mean(ĝ ⊙ x̂), with ĝ = g ⊙ w and x̂ = (x − μ)·r.
    let meanG = 0;
    let meanGX = 0;
    for (let j = 0; j < cols; j++) {
      const xhat = (x[base + j] - mu) * rstd;
      const gw = g[base + j] * w[j];
      meanG += gw;
      meanGX += gw * xhat;
      dwSum[j] += g[base + j] * xhat;
      dbSum[j] += g[base + j];
    }
    meanG /= cols;
    meanGX /= cols;
    for (let j = 0; j < cols; j++) {
      const xhat = (x[base + j] - mu) * rstd;
      dx[base + j] = rstd * (g[base + j] * w[j] - meanG - xhat * meanGX);
    }
  }
  for (let j = 0; j < cols; j++) {
    dw[j] = dwSum[j];
    db[j] = dbSum[j];
  }
}
