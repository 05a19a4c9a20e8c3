// out (m×n) = op(A) (m×k) · B (k×n), float32, row-major.
// A is read through strides, element (i, p) at a[i·ars + p·acs], so a
// transposed A costs nothing; B must be row-major k×n (the caller packs a
// transposed B first). Blocks of 4 rows × 8 columns keep 8 accumulators in
// registers: per step of p, two vector loads of B and four splats of A.
import { madd } from './simd';

export function matmul(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, ars: i32, acs: i32): void {
  const rowStep = <usize>ars << 2;
  const aStep = <usize>acs << 2;
  const bStep = <usize>n << 2;
  const m4 = m & ~3;
  const n8 = n & ~7;
  for (let i = 0; i < m4; i += 4) {
    const aRow = a + ((<usize>i * <usize>ars) << 2);
    for (let j = 0; j < n8; j += 8) block4x8(aRow, b + (<usize>j << 2), out + ((<usize>(i * n + j)) << 2), k, rowStep, aStep, bStep, n);
    for (let r = 0; r < 4; r++) tailColumns(aRow + <usize>r * rowStep, b, out + (<usize>((i + r) * n) << 2), k, n, n8, aStep, bStep);
  }
  for (let i = m4; i < m; i++) {
    const aRow = a + ((<usize>i * <usize>ars) << 2);
    const outRow = out + (<usize>(i * n) << 2);
    for (let j = 0; j < n8; j += 8) block1x8(aRow, b + (<usize>j << 2), outRow + (<usize>j << 2), k, aStep, bStep);
    tailColumns(aRow, b, outRow, k, n, n8, aStep, bStep);
  }
}

/** out[0:4, 0:8] = (accumulate ? out : 0) + A[0:4, 0:k]·B[0:k, 0:8]. */
@inline
function block4x8(a0: usize, b: usize, out: usize, k: i32, rowStep: usize, aStep: usize, bStep: usize, n: i32, accumulate: bool = false): void {
  const row = <usize>n << 2;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  if (accumulate) {
    c00 = v128.load(out);
    c01 = v128.load(out, 16);
    c10 = v128.load(out + row);
    c11 = v128.load(out + row, 16);
    c20 = v128.load(out + 2 * row);
    c21 = v128.load(out + 2 * row, 16);
    c30 = v128.load(out + 3 * row);
    c31 = v128.load(out + 3 * row, 16);
  }
  let pa0 = a0;
  let pa1 = a0 + rowStep;
  let pa2 = pa1 + rowStep;
  let pa3 = pa2 + rowStep;
  let pb = b;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const x0 = v128.load32_splat(pa0);
    c00 = madd(x0, b0, c00);
    c01 = madd(x0, b1, c01);
    const x1 = v128.load32_splat(pa1);
    c10 = madd(x1, b0, c10);
    c11 = madd(x1, b1, c11);
    const x2 = v128.load32_splat(pa2);
    c20 = madd(x2, b0, c20);
    c21 = madd(x2, b1, c21);
    const x3 = v128.load32_splat(pa3);
    c30 = madd(x3, b0, c30);
    c31 = madd(x3, b1, c31);
    pa0 += aStep;
    pa1 += aStep;
    pa2 += aStep;
    pa3 += aStep;
    pb += bStep;
  }
  v128.store(out, c00);
  v128.store(out, c01, 16);
  v128.store(out + row, c10);
  v128.store(out + row, c11, 16);
  v128.store(out + 2 * row, c20);
  v128.store(out + 2 * row, c21, 16);
  v128.store(out + 3 * row, c30);
  v128.store(out + 3 * row, c31, 16);
}

// Large products: B no longer fits in the caches, and each 4-row panel of A
// would stream all of it from memory. So k and n are cut in blocks of
// KC × NC whose B part is packed into 8-column strips (each strip kc × 8,
// contiguous: the micro-kernel then reads B sequentially), small enough to
// stay in L2 while every 4-row panel of A passes over it. Partial sums over
// k blocks accumulate in out.
const KC = 256;
const NC = 256;

/** Scratch bytes matmulBlocked needs for this size, or 0 when the plain
 * kernel is as fast (B small enough to stay cached). */
export function matmulScratchBytes(m: i32, k: i32, n: i32): i32 {
  if (m < 16 || n < 8 || <i64>k * <i64>n < 128 * 1024) return 0;
  return min(KC, k) * min(NC, n & ~7) << 2;
}

export function matmulBlocked(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, ars: i32, acs: i32, scratch: usize): void {
  const rowStep = <usize>ars << 2;
  const aStep = <usize>acs << 2;
  const m4 = m & ~3;
  const n8 = n & ~7;
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    for (let j0 = 0; j0 < n8; j0 += NC) {
      const nc = min(NC, n8 - j0);
      // Strip s of the block: scratch[s·kc·8 + p·8 + c] = B[p0 + p, j0 + 8s + c].
      for (let s = 0; s < nc; s += 8) {
        let src = b + ((<usize>p0 * <usize>n + <usize>(j0 + s)) << 2);
        let dst = scratch + (<usize>(s * kc) << 2);
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          src += <usize>n << 2;
          dst += 32;
        }
      }
      for (let i = 0; i < m4; i += 4) {
        const aPanel = a + ((<usize>i * <usize>ars + <usize>p0 * <usize>acs) << 2);
        const outRow = out + (<usize>(i * n + j0) << 2);
        for (let s = 0; s < nc; s += 8) {
          const strip = scratch + (<usize>(s * kc) << 2);
          if (p0 == 0) block4x8(aPanel, strip, outRow + (<usize>s << 2), kc, rowStep, aStep, 32, n, false);
          else block4x8(aPanel, strip, outRow + (<usize>s << 2), kc, rowStep, aStep, 32, n, true);
        }
      }
    }
  }
  // The rows below m4 and the columns beyond n8 (whole k, unpacked B).
  const bStep = <usize>n << 2;
  for (let i = m4; i < m; i++) {
    const aRow = a + ((<usize>i * <usize>ars) << 2);
    const outRow = out + (<usize>(i * n) << 2);
    for (let j = 0; j < n8; j += 8) block1x8(aRow, b + (<usize>j << 2), outRow + (<usize>j << 2), k, aStep, bStep);
  }
  for (let i = 0; i < m; i++) tailColumns(a + ((<usize>i * <usize>ars) << 2), b, out + (<usize>(i * n) << 2), k, n, n8, aStep, bStep);
}

@inline
function block1x8(a: usize, b: usize, out: usize, k: i32, aStep: usize, bStep: usize): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  let pa = a;
  let pb = b;
  for (let p = 0; p < k; p++) {
    const x = v128.load32_splat(pa);
    c0 = madd(x, v128.load(pb), c0);
    c1 = madd(x, v128.load(pb, 16), c1);
    pa += aStep;
    pb += bStep;
  }
  v128.store(out, c0);
  v128.store(out, c1, 16);
}

/** Columns n8 … n−1 of one output row: a 4-wide block if it fits, then scalars. */
function tailColumns(a: usize, b: usize, outRow: usize, k: i32, n: i32, n8: i32, aStep: usize, bStep: usize): void {
  let j = n8;
  if (n - j >= 4) {
    let c = f32x4.splat(0);
    let pa = a;
    let pb = b + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      c = madd(v128.load32_splat(pa), v128.load(pb), c);
      pa += aStep;
      pb += bStep;
    }
    v128.store(outRow + (<usize>j << 2), c);
    j += 4;
  }
  for (; j < n; j++) {
    let s: f32 = 0;
    let pa = a;
    let pb = b + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      s += load<f32>(pa) * load<f32>(pb);
      pa += aStep;
      pb += bStep;
    }
    store<f32>(outRow + (<usize>j << 2), s);
  }
}

/** dst (rows×cols) = srcᵀ where src is cols×rows: packs a transposed B.
 * 4×4 blocks are transposed in registers (two rounds of shuffles); the
 * ragged edges go one element at a time. */
export function transpose2d(src: usize, dst: usize, rows: i32, cols: i32): void {
  const r4 = rows & ~3;
  const c4 = cols & ~3;
  const srcRow = <usize>rows << 2;
  const dstRow = <usize>cols << 2;
  for (let c = 0; c < c4; c += 4) {
    for (let r = 0; r < r4; r += 4) {
      const p = src + ((<usize>c * <usize>rows + <usize>r) << 2);
      const x0 = v128.load(p);
      const x1 = v128.load(p + srcRow);
      const x2 = v128.load(p + 2 * srcRow);
      const x3 = v128.load(p + 3 * srcRow);
      const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
      const t1 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
      const t2 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
      const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
      const q = dst + ((<usize>r * <usize>cols + <usize>c) << 2);
      v128.store(q, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
      v128.store(q + dstRow, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
      v128.store(q + 2 * dstRow, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
      v128.store(q + 3 * dstRow, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
    }
  }
  // Rows r4… of dst (all columns), then columns c4… of the first r4 rows.
  for (let r = r4; r < rows; r++) {
    for (let c = 0; c < cols; c++) store<f32>(dst + (<usize>(r * cols + c) << 2), load<f32>(src + (<usize>(c * rows + r) << 2)));
  }
  for (let r = 0; r < r4; r++) {
    for (let c = c4; c < cols; c++) store<f32>(dst + (<usize>(r * cols + c) << 2), load<f32>(src + (<usize>(c * rows + r) << 2)));
  }
}
