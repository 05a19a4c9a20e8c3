// Max and average pooling over 2-D windows, NHWC, and their gradients.

import type { FloatArray, Pool2dSpec, PoolKernel } from '../backend';

/** Calls visit(xBase, oBase, inside) for every output pixel, where xBase
 * lists the input offsets x[n, ih, iw, 0] of the window positions inside the
 * input (`inside` of them) and oBase is out[n, oh, ow, 0]. */
function forEachWindow(s: Pool2dSpec, visit: (xBases: Int32Array, inside: number, oBase: number) => void): void {
  const { batch, inH, inW, channels, outH, outW, windowH, windowW, strideH, strideW, padTop, padLeft } = s;
  const xBases = new Int32Array(windowH * windowW);
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        let inside = 0;
        for (let kh = 0; kh < windowH; kh++) {
          const ih = oh * strideH - padTop + kh;
          if (ih < 0 || ih >= inH) continue;
          for (let kw = 0; kw < windowW; kw++) {
            const iw = ow * strideW - padLeft + kw;
            if (iw >= 0 && iw < inW) xBases[inside++] = ((n * inH + ih) * inW + iw) * channels;
          }
        }
        visit(xBases, inside, ((n * outH + oh) * outW + ow) * channels);
      }
    }
  }
}

export function pool2dKernel(op: PoolKernel, x: FloatArray, out: FloatArray, s: Pool2dSpec): void {
  const c = s.channels;
  forEachWindow(s, (xBases, inside, oBase) => {
    for (let ch = 0; ch < c; ch++) {
      if (op === 'max') {
        let m = -Infinity;
        for (let i = 0; i < inside; i++) m = Math.max(m, x[xBases[i] + ch]);
        out[oBase + ch] = m;
      } else {
        let sum = 0;
        for (let i = 0; i < inside; i++) sum += x[xBases[i] + ch];
        out[oBase + ch] = inside ? sum / inside : 0;
      }
    }
  });
}

export function pool2dGradKernel(op: PoolKernel, x: FloatArray, g: FloatArray, dx: FloatArray, s: Pool2dSpec): void {
  const c = s.channels;
  const acc = new Float64Array(dx.length);
  forEachWindow(s, (xBases, inside, oBase) => {
    for (let ch = 0; ch < c; ch++) {
      const gv = g[oBase + ch];
      if (op === 'max') {
        // d max = dx at the (first) argmax of the window
        const best = firstArgmax(x, xBases, inside, ch);
        if (best >= 0) acc[xBases[best] + ch] += gv;
      } else {
        // d mean = (1/count)·Σ dx over the window
        for (let i = 0; i < inside; i++) acc[xBases[i] + ch] += gv / inside;
      }
    }
  });
  for (let i = 0; i < dx.length; i++) dx[i] = acc[i];
}

/** Which of the window's positions (an index into xBases) first holds its
 * maximum in channel ch; −1 for an empty window. */
function firstArgmax(x: FloatArray, xBases: Int32Array, inside: number, ch: number): number {
  let best = -1;
  let m = -Infinity;
  for (let i = 0; i < inside; i++) {
    const v = x[xBases[i] + ch];
    if (v > m || best < 0) {
      m = v;
      best = i;
    }
  }
  return best;
}

export function pool2dArgmaxKernel(x: FloatArray, indices: FloatArray, s: Pool2dSpec): void {
  const c = s.channels;
  forEachWindow(s, (xBases, inside, oBase) => {
    for (let ch = 0; ch < c; ch++) {
      const best = firstArgmax(x, xBases, inside, ch);
      indices[oBase + ch] = best >= 0 ? xBases[best] + ch : -1;
    }
  });
}
