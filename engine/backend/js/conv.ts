// Direct 2-D convolution, NHWC with HWIO filters, and its two gradients.
// All three walk the same (output pixel, filter tap) pairs; they differ
// only in which operand is accumulated. Accumulation is in doubles.

import type { Conv2dSpec, FloatArray } from '../backend';

let scratch = new Float64Array(256);

/** A zeroed Float64Array of at least n elements, reused between calls. */
function accumulator(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  scratch.fill(0, 0, n);
  return scratch;
}

let tapScratch = new Int32Array(768);

/** Every (output pixel, filter tap) pair that lands inside the input, as
 * triples (xBase, wBase, gBase): xBase indexes x[n, ih, iw, 0], wBase
 * w[kh, kw, 0, 0] and gBase out[n, oh, ow, 0]. Listing them once keeps the
 * three kernels' inner loops free of bounds checks and calls. */
function taps(s: Conv2dSpec): { list: Int32Array; count: number } {
  const { batch, inH, inW, inC, outH, outW, outC, kernelH, kernelW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = s;
  const most = batch * outH * outW * kernelH * kernelW * 3;
  if (tapScratch.length < most) tapScratch = new Int32Array(Math.max(most, tapScratch.length * 2));
  const list = tapScratch;
  const tapStride = (inC / s.groups) * outC;
  let count = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        const gBase = ((n * outH + oh) * outW + ow) * outC;
        for (let kh = 0; kh < kernelH; kh++) {
          const ih = oh * strideH - padTop + kh * dilationH;
          if (ih < 0 || ih >= inH) continue;
          for (let kw = 0; kw < kernelW; kw++) {
            const iw = ow * strideW - padLeft + kw * dilationW;
            if (iw < 0 || iw >= inW) continue;
            list[count++] = ((n * inH + ih) * inW + iw) * inC;
            list[count++] = (kh * kernelW + kw) * tapStride;
            list[count++] = gBase;
          }
        }
      }
    }
  }
  return { list, count };
}

export function conv2dKernel(x: FloatArray, w: FloatArray, out: FloatArray, s: Conv2dSpec): void {
  const { inC, outC, groups } = s;
  const cinG = inC / groups;
  const coutG = outC / groups;
  const acc = accumulator(out.length);
  // out[n, oh, ow, co] = Σ_{kh, kw, ci} x[n, ih, iw, ci]·w[kh, kw, ci, co]
  const { list, count } = taps(s);
  for (let t = 0; t < count; t += 3) {
    const xBase = list[t];
    const wBase = list[t + 1];
    const gBase = list[t + 2];
    for (let g = 0; g < groups; g++) {
      const oBase = gBase + g * coutG;
      for (let ci = 0; ci < cinG; ci++) {
        const xv = x[xBase + g * cinG + ci];
        
        const wRow = wBase + ci * outC + g * coutG;
        for (let co = 0; co < coutG; co++) acc[oBase + co] += xv * w[wRow + co];
      }
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = acc[i];
}

export function conv2dInputGradKernel(g: FloatArray, w: FloatArray, dx: FloatArray, s: Conv2dSpec): void {
  const { inC, outC, groups } = s;
  const cinG = inC / groups;
  const coutG = outC / groups;
  const acc = accumulator(dx.length);
  // dx[n, ih, iw, ci] += Σ_co g[n, oh, ow, co]·w[kh, kw, ci, co]
  const { list, count } = taps(s);
  for (let t = 0; t < count; t += 3) {
    const xBase = list[t];
    const wBase = list[t + 1];
    const gBase = list[t + 2];
    for (let grp = 0; grp < groups; grp++) {
      const oBase = gBase + grp * coutG;
      for (let ci = 0; ci < cinG; ci++) {
        const wRow = wBase + ci * outC + grp * coutG;
        let sum = 0;
        for (let co = 0; co < coutG; co++) sum += g[oBase + co] * w[wRow + co];
        acc[xBase + grp * cinG + ci] += sum;
      }
    }
  }
  for (let i = 0; i < dx.length; i++) dx[i] = acc[i];
}

export function conv2dFilterGradKernel(x: FloatArray, g: FloatArray, dw: FloatArray, s: Conv2dSpec): void {
  const { inC, outC, groups } = s;
  const cinG = inC / groups;
  const coutG = outC / groups;
  const acc = accumulator(dw.length);
  // dw[kh, kw, ci, co] += x[n, ih, iw, ci]·g[n, oh, ow, co]
  const { list, count } = taps(s);
  for (let t = 0; t < count; t += 3) {
    const xBase = list[t];
    const wBase = list[t + 1];
    const gBase = list[t + 2];
    for (let grp = 0; grp < groups; grp++) {
      const oBase = gBase + grp * coutG;
      for (let ci = 0; ci < cinG; ci++) {
        const xv = x[xBase + grp * cinG + ci];
        const wRow = wBase + ci * outC + grp * coutG;
        for (let co = 0; co < coutG; co++) acc[wRow + co] += xv * g[oBase + co];
      }
    }
  }
  for (let i = 0; i < dw.length; i++) dw[i] = acc[i];
}
