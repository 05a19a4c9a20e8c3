// Functions of each row of a [rows, cols] float32 matrix: softmax,
// log-softmax, logsumexp and layer norm, with their backward passes. The
// math (and the reference) is in engine/backend/js/rows.ts. Four SIMD
// lanes throughout, exp included (simd.ts).
import { Row } from './codes';
import { expv, hmax, hsum } from './simd';

@inline
function at(base: usize, j: i32): usize {
  return base + (<usize>j << 2);
}

function rowMax(x: usize, cols: i32): f32 {
  const c4 = cols & ~3;
  let m: f32 = -Infinity;
  if (c4) {
    let v = v128.load(x);
    for (let j = 4; j < c4; j += 4) v = f32x4.pmax(v, v128.load(at(x, j)));
    m = hmax(v);
  }
  for (let j = c4; j < cols; j++) m = max(m, load<f32>(at(x, j)));
  return m;
}

function rowSum(x: usize, cols: i32): f32 {
  const c4 = cols & ~3;
  let v = f32x4.splat(0);
  for (let j = 0; j < c4; j += 4) v = f32x4.add(v, v128.load(at(x, j)));
  let s = hsum(v);
  for (let j = c4; j < cols; j++) s += load<f32>(at(x, j));
  return s;
}

function rowDot(a: usize, b: usize, cols: i32): f32 {
  const c4 = cols & ~3;
  let v = f32x4.splat(0);
  for (let j = 0; j < c4; j += 4) v = f32x4.add(v, f32x4.mul(v128.load(at(a, j)), v128.load(at(b, j))));
  let s = hsum(v);
  for (let j = c4; j < cols; j++) s += load<f32>(at(a, j)) * load<f32>(at(b, j));
  return s;
}

/** out = s·exp(a − shift) elementwise (out may be 0: nothing stored);
 * returns Σ exp(a − shift). */
function expRow(a: usize, out: usize, shift: f32, s: f32, cols: i32): f32 {
  const c4 = cols & ~3;
  const vshift = f32x4.splat(shift);
  const vs = f32x4.splat(s);
  let acc = f32x4.splat(0);
  for (let j = 0; j < c4; j += 4) {
    const e = expv(f32x4.sub(v128.load(at(a, j)), vshift));
    acc = f32x4.add(acc, e);
    if (out) v128.store(at(out, j), f32x4.mul(e, vs));
  }
  let total = hsum(acc);
  for (let j = c4; j < cols; j++) {
    const e = f32x4.extract_lane(expv(f32x4.splat(load<f32>(at(a, j)) - shift)), 0);
    total += e;
    if (out) store<f32>(at(out, j), e * s);
  }
  return total;
}

/**
 * log Σ exp(aⱼ − m) for the row's maximum m, with the terms that equal 1
 * (aⱼ = m) counted apart from the rest: log(c + r) = log c + log1p(r / c).
 * A confident row (one top logit, the rest far below) then keeps its tiny
 * r instead of losing it in 1 + r, so a log-probability near 0 comes out as
 * −r, not 0. An infinite m takes the plain sum (NaN, as the reference).
 */
function logSumShifted(a: usize, m: f32, cols: i32): f32 {
  if (!isFinite<f32>(m)) return Mathf.log(expRow(a, 0, m, 1, cols));
  const c4 = cols & ~3;
  const vm = f32x4.splat(m);
  let rest = f32x4.splat(0);
  let tops = i32x4.splat(0);
  for (let j = 0; j < c4; j += 4) {
    const v = v128.load(at(a, j));
    const top = f32x4.eq(v, vm); // all ones where aⱼ = m, i.e. −1 as an integer
    rest = f32x4.add(rest, v128.andnot(expv(f32x4.sub(v, vm)), top));
    tops = i32x4.sub(tops, top);
  }
  let r = hsum(rest);
  let c = i32x4.extract_lane(tops, 0) + i32x4.extract_lane(tops, 1) + i32x4.extract_lane(tops, 2) + i32x4.extract_lane(tops, 3);
  for (let j = c4; j < cols; j++) {
    const v = load<f32>(at(a, j));
    if (v == m) c++;
    else r += f32x4.extract_lane(expv(f32x4.splat(v - m)), 0);
  }
  const count = <f32>c;
  return Mathf.log(count) + Mathf.log1p(r / count);
}

/** out = a·s + t elementwise over a row (s, t scalars). */
function rowAffine(a: usize, out: usize, s: f32, t: f32, cols: i32): void {
  const c4 = cols & ~3;
  const vs = f32x4.splat(s);
  const vt = f32x4.splat(t);
  for (let j = 0; j < c4; j += 4) v128.store(at(out, j), f32x4.add(f32x4.mul(v128.load(at(a, j)), vs), vt));
  for (let j = c4; j < cols; j++) store<f32>(at(out, j), load<f32>(at(a, j)) * s + t);
}

export function rowSoftmax(op: i32, x: usize, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const xr = x + (<usize>(r * cols) << 2);
    const m = rowMax(xr, cols);
    if (m != m) {
      // A NaN anywhere in the row poisons it, as in the reference.
      if (op == Row.logsumexp) store<f32>(at(out, r), NaN);
      else for (let j = 0; j < cols; j++) store<f32>(at(out + (<usize>(r * cols) << 2), j), NaN);
      continue;
    }
    if (op == Row.softmax) {
      // exp(x − m) into out, then scale by 1/Σ.
      const or = out + (<usize>(r * cols) << 2);
      rowAffine(or, or, 1 / expRow(xr, or, m, 1, cols), 0, cols);
      continue;
    }
    const shifted = logSumShifted(xr, m, cols);
    if (op == Row.logsumexp) {
      store<f32>(at(out, r), m + shifted);
      continue;
    }
    // (x − m) − log Σ, in that order: x − m is exact near the top, so a
    // log-probability near 0 keeps its digits.
    const or = out + (<usize>(r * cols) << 2);
    rowAffine(xr, or, 1, -m, cols);
    rowAffine(or, or, 1, -shifted, cols);
  }
}

export function rowSoftmaxGrad(op: i32, x: usize, y: usize, g: usize, dx: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const off = <usize>(r * cols) << 2;
    const xr = x + off;
    const gr = g + off;
    const dr = dx + off;
    if (op == Row.logsumexp) {
      // dx = g_row · exp(x − y_row)
      expRow(xr, dr, load<f32>(at(y, r)), load<f32>(at(g, r)), cols);
    } else if (op == Row.softmax) {
      // dx = y ⊙ (g − g·y)
      const yr = y + off;
      const dot = f32x4.splat(rowDot(gr, yr, cols));
      const c4 = cols & ~3;
      for (let j = 0; j < c4; j += 4) v128.store(at(dr, j), f32x4.mul(v128.load(at(yr, j)), f32x4.sub(v128.load(at(gr, j)), dot)));
      const d = f32x4.extract_lane(dot, 0);
      for (let j = c4; j < cols; j++) store<f32>(at(dr, j), load<f32>(at(yr, j)) * (load<f32>(at(gr, j)) - d));
    } else {
      // dx = g − exp(y)·Σg
      const yr = y + off;
      // exp(y)·(−Σg) into dx, then g added.
      expRow(yr, dr, 0, -rowSum(gr, cols), cols);
      const c4 = cols & ~3;
      for (let j = 0; j < c4; j += 4) v128.store(at(dr, j), f32x4.add(v128.load(at(dr, j)), v128.load(at(gr, j))));
      for (let j = c4; j < cols; j++) store<f32>(at(dr, j), load<f32>(at(dr, j)) + load<f32>(at(gr, j)));
    }
  }
}

/** Mean and 1/√(variance + eps) of a row, variance from the centred values. */
@inline
function normStats(xr: usize, cols: i32, eps: f32): v128 {
  const mu = rowSum(xr, cols) / <f32>cols;
  const c4 = cols & ~3;
  const vmu = f32x4.splat(mu);
  let acc = f32x4.splat(0);
  for (let j = 0; j < c4; j += 4) {
    const d = f32x4.sub(v128.load(at(xr, j)), vmu);
    acc = f32x4.add(acc, f32x4.mul(d, d));
  }
  let v = hsum(acc);
  for (let j = c4; j < cols; j++) {
    const d = load<f32>(at(xr, j)) - mu;
    v += d * d;
  }
  const rstd: f32 = 1 / Mathf.sqrt(v / <f32>cols + eps);
  return f32x4(mu, rstd, 0, 0);
}

export function layerNorm(x: usize, w: usize, b: usize, out: usize, rows: i32, cols: i32, eps: f32): void {
  const c4 = cols & ~3;
  for (let r = 0; r < rows; r++) {
    const off = <usize>(r * cols) << 2;
    const stats = normStats(x + off, cols, eps);
    const mu = f32x4.splat(f32x4.extract_lane(stats, 0));
    const rstd = f32x4.splat(f32x4.extract_lane(stats, 1));
    for (let j = 0; j < c4; j += 4) {
      const xhat = f32x4.mul(f32x4.sub(v128.load(at(x + off, j)), mu), rstd);
      v128.store(at(out + off, j), f32x4.add(f32x4.mul(xhat, v128.load(at(w, j))), v128.load(at(b, j))));
    }
    for (let j = c4; j < cols; j++) {
      const xhat = (load<f32>(at(x + off, j)) - f32x4.extract_lane(stats, 0)) * f32x4.extract_lane(stats, 1);
      store<f32>(at(out + off, j), xhat * load<f32>(at(w, j)) + load<f32>(at(b, j)));
    }
  }
}

/** dx, and dw, db summed over rows (overwritten). dx first holds x̂ for
 * the row, then the gradient, so nothing else is needed. */
export function layerNormGrad(x: usize, w: usize, g: usize, dx: usize, dw: usize, db: usize, rows: i32, cols: i32, eps: f32): void {
  memory.fill(dw, 0, <usize>cols << 2);
  memory.fill(db, 0, <usize>cols << 2);
  const n: f32 = <f32>cols;
  for (let r = 0; r < rows; r++) {
    const off = <usize>(r * cols) << 2;
    const xr = x + off;
    const gr = g + off;
    const dr = dx + off;
    const stats = normStats(xr, cols, eps);
    const mu = f32x4.extract_lane(stats, 0);
    const rstd = f32x4.extract_lane(stats, 1);
    // x̂ into dx; mean(ĝ), mean(ĝ ⊙ x̂); dw += g ⊙ x̂; db += g.
    rowAffine(xr, dr, rstd, -mu * rstd, cols);
    const c4 = cols & ~3;
    let vg = f32x4.splat(0);
    let vgx = f32x4.splat(0);
    for (let j = 0; j < c4; j += 4) {
      const xhat = v128.load(at(dr, j));
      const gj = v128.load(at(gr, j));
      const gw = f32x4.mul(gj, v128.load(at(w, j)));
      vg = f32x4.add(vg, gw);
      vgx = f32x4.add(vgx, f32x4.mul(gw, xhat));
      v128.store(at(dw, j), f32x4.add(v128.load(at(dw, j)), f32x4.mul(gj, xhat)));
      v128.store(at(db, j), f32x4.add(v128.load(at(db, j)), gj));
    }
    let sg = hsum(vg);
    let sgx = hsum(vgx);
    for (let j = c4; j < cols; j++) {
      const xhat = load<f32>(at(dr, j));
      const gj = load<f32>(at(gr, j));
      const gw = gj * load<f32>(at(w, j));
      sg += gw;
      sgx += gw * xhat;
      store<f32>(at(dw, j), load<f32>(at(dw, j)) + gj * xhat);
      store<f32>(at(db, j), load<f32>(at(db, j)) + gj);
    }
    const meanG = sg / n;
    const meanGX = sgx / n;
    // dx = rstd · (g ⊙ w − mean(g ⊙ w) − x̂ · mean(g ⊙ w ⊙ x̂))
    const vs = f32x4.splat(rstd);
    const vmg = f32x4.splat(meanG);
    const vmgx = f32x4.splat(meanGX);
    for (let j = 0; j < c4; j += 4) {
      const xhat = v128.load(at(dr, j));
      const gw = f32x4.mul(v128.load(at(gr, j)), v128.load(at(w, j)));
      v128.store(at(dr, j), f32x4.mul(vs, f32x4.sub(f32x4.sub(gw, vmg), f32x4.mul(xhat, vmgx))));
    }
    for (let j = c4; j < cols; j++) {
      const xhat = load<f32>(at(dr, j));
      store<f32>(at(dr, j), rstd * (load<f32>(at(gr, j)) * load<f32>(at(w, j)) - meanG - xhat * meanGX));
    }
  }
}
