// Max and average pooling, NHWC, and their gradients. Channels are
// contiguous, so every loop runs four channels at a time over the window
// positions that fall inside the input (row-major order, as the reference:
// the max gradient goes to the FIRST position holding the maximum).
import { Pool } from './codes';

let N: i32, IH: i32, IW: i32, C: i32, OH: i32, OW: i32, WH: i32, WW: i32, SH: i32, SW: i32, PT: i32, PL: i32;

export function poolGeometry(batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, windowH: i32, windowW: i32, strideH: i32, strideW: i32, padTop: i32, padLeft: i32): void {
  N = batch; IH = inH; IW = inW; C = channels; OH = outH; OW = outW; WH = windowH; WW = windowW; SH = strideH; SW = strideW; PT = padTop; PL = padLeft;
}

@inline function f(i: i32): usize {
  return <usize>i << 2;
}

// The window of output pixel (oh, ow) clipped to the input: rows h0 … h1−1, columns w0 … w1−1.
@inline function lo(o: i32, s: i32, p: i32): i32 {
  return max(o * s - p, 0);
}
@inline function hi(o: i32, s: i32, p: i32, win: i32, size: i32): i32 {
  return min(o * s - p + win, size);
}

/** Pool.max: max (−∞ for a window wholly in the padding); Pool.avg: average over the positions inside (0 if none). */
export function pool2d(op: i32, x: usize, out: usize): void {
  const c4 = C & ~3;
  const rowBytes = f(IW * C);
  let o = out;
  for (let n = 0; n < N; n++) {
    const xn = x + f(n * IH * IW * C);
    for (let oh = 0; oh < OH; oh++) {
      const h0 = lo(oh, SH, PT), h1 = hi(oh, SH, PT, WH, IH);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = lo(ow, SW, PL), w1 = hi(ow, SW, PL, WW, IW);
        const inside = max(h1 - h0, 0) * max(w1 - w0, 0);
        const first = xn + <usize>h0 * rowBytes + f(w0 * C);
        if (op == Pool.max) {
          for (let c = 0; c < c4; c += 4) {
            let m = f32x4.splat(-Infinity);
            for (let h = h0; h < h1; h++) {
              let p = first + <usize>(h - h0) * rowBytes + f(c);
              for (let w = w0; w < w1; w++, p += f(C)) m = f32x4.max(m, v128.load(p));
            }
            v128.store(o + f(c), m);
          }
          for (let c = c4; c < C; c++) {
            let m: f32 = -Infinity;
            for (let h = h0; h < h1; h++) {
              let p = first + <usize>(h - h0) * rowBytes + f(c);
              for (let w = w0; w < w1; w++, p += f(C)) m = max(m, load<f32>(p));
            }
            store<f32>(o + f(c), m);
          }
        } else {
          const scale: f32 = inside ? 1 / <f32>inside : 0;
          for (let c = 0; c < c4; c += 4) {
            let s = f32x4.splat(0);
            for (let h = h0; h < h1; h++) {
              let p = first + <usize>(h - h0) * rowBytes + f(c);
              for (let w = w0; w < w1; w++, p += f(C)) s = f32x4.add(s, v128.load(p));
            }
            v128.store(o + f(c), f32x4.mul(s, f32x4.splat(scale)));
          }
          for (let c = c4; c < C; c++) {
            let s: f32 = 0;
            for (let h = h0; h < h1; h++) {
              let p = first + <usize>(h - h0) * rowBytes + f(c);
              for (let w = w0; w < w1; w++, p += f(C)) s += load<f32>(p);
            }
            store<f32>(o + f(c), s * scale);
          }
        }
        o += f(C);
      }
    }
  }
}

/** dx (zeroed here) gets each window's g: max sends it to the first argmax,
 * average spreads g/inside over the positions inside. */
export function pool2dGrad(op: i32, x: usize, g: usize, dx: usize): void {
  memory.fill(dx, 0, f(N * IH * IW * C));
  const c4 = C & ~3;
  const rowBytes = f(IW * C);
  let go = g;
  for (let n = 0; n < N; n++) {
    const off = f(n * IH * IW * C);
    for (let oh = 0; oh < OH; oh++) {
      const h0 = lo(oh, SH, PT), h1 = hi(oh, SH, PT, WH, IH);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = lo(ow, SW, PL), w1 = hi(ow, SW, PL, WW, IW);
        const inside = max(h1 - h0, 0) * max(w1 - w0, 0);
        if (inside == 0) {
          go += f(C);
          continue;
        }
        // Byte offset (from the image start) of the window's first position.
        const first = off + <usize>h0 * rowBytes + f(w0 * C);
        if (op == Pool.max) {
          for (let c = 0; c < c4; c += 4) {
            // Running max and the byte offset where it was first seen, per
            // lane: only a strictly greater value moves it (as the reference).
            let m = v128.load(x + first + f(c));
            let at = i32x4.splat(<i32>first);
            for (let h = h0; h < h1; h++) {
              let p = first + <usize>(h - h0) * rowBytes;
              for (let w = w0; w < w1; w++, p += f(C)) {
                const v = v128.load(x + p + f(c));
                const gt = f32x4.gt(v, m);
                m = v128.bitselect(v, m, gt);
                at = v128.bitselect(i32x4.splat(<i32>p), at, gt);
              }
            }
            const gv = v128.load(go + f(c));
            addAt(dx + f(c), <usize>i32x4.extract_lane(at, 0), f32x4.extract_lane(gv, 0));
            addAt(dx + f(c + 1), <usize>i32x4.extract_lane(at, 1), f32x4.extract_lane(gv, 1));
            addAt(dx + f(c + 2), <usize>i32x4.extract_lane(at, 2), f32x4.extract_lane(gv, 2));
            addAt(dx + f(c + 3), <usize>i32x4.extract_lane(at, 3), f32x4.extract_lane(gv, 3));
          }
          for (let c = c4; c < C; c++) {
            let m = load<f32>(x + first + f(c));
            let at = first;
            for (let h = h0; h < h1; h++) {
              let p = first + <usize>(h - h0) * rowBytes;
              for (let w = w0; w < w1; w++, p += f(C)) {
                const v = load<f32>(x + p + f(c));
                if (v > m) {
                  m = v;
                  at = p;
                }
              }
            }
            addAt(dx + f(c), at, load<f32>(go + f(c)));
          }
        } else {
          const scale = f32x4.splat(1 / <f32>inside);
          for (let c = 0; c < c4; c += 4) {
            const share = f32x4.mul(v128.load(go + f(c)), scale);
            for (let h = h0; h < h1; h++) {
              let p = dx + first + <usize>(h - h0) * rowBytes + f(c);
              for (let w = w0; w < w1; w++, p += f(C)) v128.store(p, f32x4.add(v128.load(p), share));
            }
          }
          for (let c = c4; c < C; c++) {
            const share = load<f32>(go + f(c)) / <f32>inside;
            for (let h = h0; h < h1; h++) {
              let p = dx + first + <usize>(h - h0) * rowBytes + f(c);
              for (let w = w0; w < w1; w++, p += f(C)) store<f32>(p, load<f32>(p) + share);
            }
          }
        }
        go += f(C);
      }
    }
  }
}

@inline function addAt(base: usize, offset: usize, v: f32): void {
  store<f32>(base + offset, load<f32>(base + offset) + v);
}
