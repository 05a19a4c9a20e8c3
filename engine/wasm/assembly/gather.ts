// Gather along one axis of x viewed as [outer, axisSize, inner], and its
// transpose scatter-add. Each index moves a row of `inner` contiguous
// floats: a bulk copy for gather, a SIMD add for scatter-add.

@inline function f(i: i32): usize {
  return <usize>i << 2;
}

/** The position of the first index that is not an integer in [0, axisSize)
 * (NaN included), or −1 when all are: the caller throws before any write. */
export function checkIndices(indices: usize, count: i32, axisSize: i32): i32 {
  for (let i = 0; i < count; i++) {
    const k = load<f32>(indices + f(i));
    if (!(k >= 0 && k < <f32>axisSize && k == floor(k))) return i;
  }
  return -1;
}

/** out[o, i, :] = x[o, indices[i], :]. Indices must have passed checkIndices. */
export function gather(x: usize, indices: usize, out: usize, outer: i32, axisSize: i32, inner: i32, count: i32): void {
  const rowBytes = f(inner);
  let dst = out;
  for (let o = 0; o < outer; o++) {
    const base = x + f(o * axisSize * inner);
    for (let i = 0; i < count; i++) {
      const k = <i32>load<f32>(indices + f(i));
      memory.copy(dst, base + f(k * inner), rowBytes);
      dst += rowBytes;
    }
  }
}

/** out (zeroed here) [o, indices[i], :] += src[o, i, :]; repeated indices add up. */
export function scatterAdd(src: usize, indices: usize, out: usize, outer: i32, axisSize: i32, inner: i32, count: i32): void {
  memory.fill(out, 0, f(outer * axisSize * inner));
  const n4 = inner & ~3;
  let s = src;
  for (let o = 0; o < outer; o++) {
    const base = out + f(o * axisSize * inner);
    for (let i = 0; i < count; i++) {
      const d = base + f(<i32>load<f32>(indices + f(i)) * inner);
      for (let j = 0; j < n4; j += 4) v128.store(d + f(j), f32x4.add(v128.load(d + f(j)), v128.load(s + f(j))));
      for (let j = n4; j < inner; j++) store<f32>(d + f(j), load<f32>(d + f(j)) + load<f32>(s + f(j)));
      s += f(inner);
    }
  }
}
