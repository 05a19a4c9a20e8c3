// 2-D convolution, NHWC with HWIO filters, and its two gradients, as
// im2col + the SIMD matmul. One row of the patch matrix P holds everything
// one output pixel reads: for each tap (kh, kw) the group's cinG input
// channels (zeros where the tap falls in the padding). With M = N·oH·oW
// pixels and K = kH·kW·cinG, per group g:
//   forward      out[:, g]  = P · W_g              (M×K · K×coutG)
//   filter grad  dW_g       = Pᵀ · g[:, g]         (K×M · M×coutG)
//   input grad   dP         = g[:, g] · W_gᵀ, then dx += col2im(dP)
// W_g is the K×coutG block of the filter: HWIO already is K×outC row-major.
// Pixels go through in chunks of `chunk` (whole output rows: a multiple of
// oW) so that P stays small; the caller lends scratch for one chunk (sizes:
// convScratch in engine/backend/wasm/conv.ts).
// Measured against direct loops vectorised over output channels (one pixel,
// eight channels in registers): this is 1.5–2× faster forward and 3–5× on
// the gradients at the book's CNN shapes, because the matmul's 4×8 block
// reuses each load four or eight times.
import { matmul } from './matmul';

// The geometry, set once per call by convGeometry (saves passing sixteen
// numbers to each kernel).
let N: i32, IH: i32, IW: i32, IC: i32, OH: i32, OW: i32, OC: i32;
let KH: i32, KW: i32, SH: i32, SW: i32, DH: i32, DW: i32, PT: i32, PL: i32, G: i32;

export function convGeometry(
  batch: i32, inH: i32, inW: i32, inC: i32, outH: i32, outW: i32, outC: i32,
  kernelH: i32, kernelW: i32, strideH: i32, strideW: i32, dilationH: i32, dilationW: i32, padTop: i32, padLeft: i32, groups: i32,
): void {
  N = batch; IH = inH; IW = inW; IC = inC; OH = outH; OW = outW; OC = outC;
  KH = kernelH; KW = kernelW; SH = strideH; SW = strideW; DH = dilationH; DW = dilationW; PT = padTop; PL = padLeft; G = groups;
}

@inline function f(i: i32): usize {
  return <usize>i << 2;
}

/** Output rows q0 … q0+nq−1 (q = n·oH + oh, each oW pixels) of P for group
 * g (channels g·cinG …) into p. Walking one tap across a whole output row
 * leaves no bounds checks in the inner loop: the columns ow whose input
 * column falls inside the image form one range [lo, hi). */
function im2col(x: usize, p: usize, q0: i32, nq: i32, g: i32): void {
  // Locals, not the globals: the loops below are the hot part.
  const kH = KH, kW = KW, sH = SH, sW = SW, dH = DH, dW = DW, pT = PT, pL = PL, iH = IH, iW = IW, iC = IC, oH = OH, oW = OW;
  const cinG = iC / G;
  const rowBytes = f(kH * kW * cinG);
  const sStep = f(sW * iC);
  for (let q = q0; q < q0 + nq; q++) {
    const n = q / oH, oh = q % oH;
    const base = p + <usize>(q - q0) * <usize>oW * rowBytes;
    for (let kh = 0; kh < kH; kh++) {
      const ih = oh * sH - pT + kh * dH;
      const inRow = ih >= 0 && ih < iH;
      for (let kw = 0; kw < kW; kw++) {
        const d0 = base + f((kh * kW + kw) * cinG);
        const off = kw * dW - pL; // iw = ow·sW + off
        let lo = 0, hi = oW;
        if (!inRow) hi = 0;
        while (lo < hi && lo * sW + off < 0) lo++;
        while (hi > lo && (hi - 1) * sW + off >= iW) hi--;
        for (let ow = 0; ow < lo; ow++) zeroRun(d0 + <usize>ow * rowBytes, cinG);
        let s = x + f(((n * iH + ih) * iW + lo * sW + off) * iC + g * cinG);
        let d = d0 + <usize>lo * rowBytes;
        if (cinG == 1) {
          for (let ow = lo; ow < hi; ow++, d += rowBytes, s += sStep) store<f32>(d, load<f32>(s));
        } else {
          for (let ow = lo; ow < hi; ow++, d += rowBytes, s += sStep) copyRun(d, s, cinG);
        }
        for (let ow = max(hi, lo); ow < oW; ow++) zeroRun(d0 + <usize>ow * rowBytes, cinG);
      }
    }
  }
}

/** The transpose of im2col: each entry of dP adds into the dx it was read from. */
function col2im(dp: usize, dx: usize, q0: i32, nq: i32, g: i32): void {
  const kH = KH, kW = KW, sH = SH, sW = SW, dH = DH, dW = DW, pT = PT, pL = PL, iH = IH, iW = IW, iC = IC, oH = OH, oW = OW;
  const cinG = iC / G;
  const c4 = cinG & ~3;
  const rowBytes = f(kH * kW * cinG);
  const dStep = f(sW * iC);
  for (let q = q0; q < q0 + nq; q++) {
    const n = q / oH, oh = q % oH;
    const base = dp + <usize>(q - q0) * <usize>oW * rowBytes;
    for (let kh = 0; kh < kH; kh++) {
      const ih = oh * sH - pT + kh * dH;
      if (ih < 0 || ih >= iH) continue;
      for (let kw = 0; kw < kW; kw++) {
        const off = kw * dW - pL;
        let lo = 0, hi = oW;
        while (lo < hi && lo * sW + off < 0) lo++;
        while (hi > lo && (hi - 1) * sW + off >= iW) hi--;
        let s = base + f((kh * kW + kw) * cinG) + <usize>lo * rowBytes;
        let d = dx + f(((n * iH + ih) * iW + lo * sW + off) * iC + g * cinG);
        if (cinG == 1) {
          for (let ow = lo; ow < hi; ow++, d += dStep, s += rowBytes) store<f32>(d, load<f32>(d) + load<f32>(s));
        } else {
          for (let ow = lo; ow < hi; ow++, d += dStep, s += rowBytes) {
            for (let c = 0; c < c4; c += 4) v128.store(d + f(c), f32x4.add(v128.load(d + f(c)), v128.load(s + f(c))));
            for (let c = c4; c < cinG; c++) store<f32>(d + f(c), load<f32>(d + f(c)) + load<f32>(s + f(c)));
          }
        }
      }
    }
  }
}

// Runs are a tap's cinG channels, often fewer than 16: a vector loop beats
// memory.copy/fill's call overhead there.
@inline function copyRun(d: usize, s: usize, count: i32): void {
  let c = 0;
  for (; c + 4 <= count; c += 4) v128.store(d + f(c), v128.load(s + f(c)));
  for (; c < count; c++) store<f32>(d + f(c), load<f32>(s + f(c)));
}

@inline function zeroRun(d: usize, count: i32): void {
  let c = 0;
  for (; c + 4 <= count; c += 4) v128.store(d + f(c), i32x4.splat(0));
  for (; c < count; c++) store<f32>(d + f(c), 0);
}

/** dst (rows×cols, dense) = the block of src (row stride srcStride) starting at column col0. */
function packColumns(src: usize, dst: usize, rows: i32, cols: i32, srcStride: i32, col0: i32): void {
  for (let r = 0; r < rows; r++) memory.copy(dst + f(r * cols), src + f(r * srcStride + col0), f(cols));
}

/** dst[r, col0 + c] (row stride dstStride) op= src[r, c] (dense rows×cols); op is = or +=. */
function unpackColumns(src: usize, dst: usize, rows: i32, cols: i32, dstStride: i32, col0: i32, accumulate: bool): void {
  const c4 = cols & ~3;
  for (let r = 0; r < rows; r++) {
    const s = src + f(r * cols);
    const d = dst + f(r * dstStride + col0);
    if (!accumulate) {
      memory.copy(d, s, f(cols));
      continue;
    }
    for (let c = 0; c < c4; c += 4) v128.store(d + f(c), f32x4.add(v128.load(d + f(c)), v128.load(s + f(c))));
    for (let c = c4; c < cols; c++) store<f32>(d + f(c), load<f32>(d + f(c)) + load<f32>(s + f(c)));
  }
}

/** out = x ⋆ w. scratch: chunk·K floats (P), plus K·coutG + chunk·coutG when groups > 1. */
export function conv2d(x: usize, w: usize, out: usize, scratch: usize, chunk: i32): void {
  const m = N * OH * OW;
  const coutG = OC / G;
  const k = KH * KW * (IC / G);
  const wg = scratch + f(chunk * k);
  const tmp = wg + f(k * coutG);
  for (let g = 0; g < G; g++) {
    // With one group W is already K×outC and out's rows are whole: no packing.
    if (G > 1) packColumns(w, wg, k, coutG, OC, g * coutG);
    for (let row0 = 0; row0 < m; row0 += chunk) {
      const rows = min(chunk, m - row0);
      im2col(x, scratch, row0 / OW, rows / OW, g);
      if (G == 1) matmul(scratch, w, out + f(row0 * OC), rows, k, OC, k, 1);
      else {
        matmul(scratch, wg, tmp, rows, k, coutG, k, 1);
        unpackColumns(tmp, out + f(row0 * OC), rows, coutG, OC, g * coutG, false);
      }
    }
  }
}

/** dw = Pᵀ·g summed over chunks. scratch: chunk·K (P) + K·coutG (one chunk's
 * product), plus chunk·coutG (g's group columns) when groups > 1. */
export function conv2dFilterGrad(x: usize, gr: usize, dw: usize, scratch: usize, chunk: i32): void {
  const m = N * OH * OW;
  const coutG = OC / G;
  const k = KH * KW * (IC / G);
  const part = scratch + f(chunk * k);
  const gg = part + f(k * coutG);
  memory.fill(dw, 0, f(k * OC));
  for (let g = 0; g < G; g++) {
    for (let row0 = 0; row0 < m; row0 += chunk) {
      const rows = min(chunk, m - row0);
      im2col(x, scratch, row0 / OW, rows / OW, g);
      // B must be dense rows×coutG: g's rows are, unless groups split them.
      let b = gr + f(row0 * OC);
      if (G > 1) {
        packColumns(b, gg, rows, coutG, OC, g * coutG);
        b = gg;
      }
      // A = Pᵀ read through strides: element (i, p) at P[p·K + i].
      matmul(scratch, b, part, k, rows, coutG, 1, k);
      unpackColumns(part, dw, k, coutG, OC, g * coutG, true);
    }
  }
}

/** dx = col2im(g·Wᵀ). scratch: chunk·K (dP) + coutG·K (W_gᵀ). */
export function conv2dInputGrad(gr: usize, w: usize, dx: usize, scratch: usize, chunk: i32): void {
  const m = N * OH * OW;
  const coutG = OC / G;
  const cinG = IC / G;
  const k = KH * KW * cinG;
  const wt = scratch + f(chunk * k);
  memory.fill(dx, 0, f(N * IH * IW * IC));
  for (let g = 0; g < G; g++) {
    // W_gᵀ (coutG×K, dense): the matmul wants its B row-major.
    for (let co = 0; co < coutG; co++) {
      const d = wt + f(co * k);
      const s = w + f(g * coutG + co);
      for (let i = 0; i < k; i++) store<f32>(d + f(i), load<f32>(s + f(i * OC)));
    }
    for (let row0 = 0; row0 < m; row0 += chunk) {
      const rows = min(chunk, m - row0);
      // A = g's group columns, read in place with row stride outC.
      matmul(gr + f(row0 * OC + g * coutG), wt, scratch, rows, coutG, k, OC, 1);
      col2im(scratch, dx, row0 / OW, rows / OW, g);
    }
  }
}
