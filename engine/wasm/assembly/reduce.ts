// Sums and maxima over a block of axes, with x viewed as [outer, r, inner]:
// inner = 1 reduces contiguous rows (softmax denominators, losses);
// outer = 1 reduces leading rows (bias gradients summed over the batch).
// Partial sums are kept in float32 vectors of four; the reference sums in
// doubles, so parity is checked with a relative tolerance.
import { hmax, hsum } from './simd';

export function reduceSum(x: usize, out: usize, outer: i32, r: i32, inner: i32): void {
  if (inner == 1) {
    const r4 = r & ~3;
    for (let o = 0; o < outer; o++) {
      const row = x + (<usize>(o * r) << 2);
      let acc = f32x4.splat(0);
      for (let k = 0; k < r4; k += 4) acc = f32x4.add(acc, v128.load(row + (<usize>k << 2)));
      let s = hsum(acc);
      for (let k = r4; k < r; k++) s += load<f32>(row + (<usize>k << 2));
      store<f32>(out + (<usize>o << 2), s);
    }
    return;
  }
  const i4 = inner & ~3;
  for (let o = 0; o < outer; o++) {
    const dst = out + (<usize>(o * inner) << 2);
    const src = x + (<usize>(o * r * inner) << 2);
    memory.fill(dst, 0, <usize>inner << 2);
    for (let k = 0; k < r; k++) {
      const row = src + (<usize>(k * inner) << 2);
      let i = 0;
      for (; i < i4; i += 4) v128.store(dst + (<usize>i << 2), f32x4.add(v128.load(dst + (<usize>i << 2)), v128.load(row + (<usize>i << 2))));
      for (; i < inner; i++) store<f32>(dst + (<usize>i << 2), load<f32>(dst + (<usize>i << 2)) + load<f32>(row + (<usize>i << 2)));
    }
  }
}

export function reduceMax(x: usize, out: usize, outer: i32, r: i32, inner: i32): void {
  if (inner == 1) {
    const r4 = r & ~3;
    for (let o = 0; o < outer; o++) {
      const row = x + (<usize>(o * r) << 2);
      let acc = f32x4.splat(-Infinity);
      for (let k = 0; k < r4; k += 4) acc = f32x4.max(acc, v128.load(row + (<usize>k << 2)));
      let s = hmax(acc);
      for (let k = r4; k < r; k++) {
        const v = load<f32>(row + (<usize>k << 2));
        s = v != v || s != s ? NaN : max(s, v);
      }
      store<f32>(out + (<usize>o << 2), s);
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let s: f32 = -Infinity;
      for (let k = 0; k < r; k++) {
        const v = load<f32>(x + (<usize>((o * r + k) * inner + i) << 2));
        s = v != v || s != s ? NaN : max(s, v);
      }
      store<f32>(out + (<usize>(o * inner + i) << 2), s);
    }
  }
}
