// Shape arithmetic shared by ops and kernels. Shapes are row-major.

export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides in elements: the last axis moves by 1. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  for (let d = shape.length - 1, s = 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** NumPy broadcasting: align trailing axes; a size-1 axis stretches. */
export function broadcastShapes(...shapes: Shape[]): number[] {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(nd).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const d = nd - s.length + i;
      if (s[i] === out[d] || s[i] === 1) continue;
      if (out[d] !== 1) throw new Error(`cannot broadcast shapes ${shapes.map(show).join(', ')}`);
      out[d] = s[i];
    }
  }
  return out;
}

/** Strides that read an array of `shape` as if it had `outShape`: 0 on
 * axes that are missing or of size 1 (stretched). */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const own = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, d) => {
    const i = d - offset;
    return i < 0 || shape[i] === 1 ? 0 : own[i];
  });
}

/** Axes as sorted, unique, non-negative integers; undefined means all. */
export function normalizeAxes(axes: number | readonly number[] | undefined, ndim: number): number[] {
  if (axes === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const out = list.map((a) => {
    const d = a < 0 ? a + ndim : a;
    if (!Number.isInteger(d) || d < 0 || d >= ndim) throw new Error(`axis ${a} out of range for ${ndim} dims`);
    return d;
  });
  return [...new Set(out)].sort((x, y) => x - y);
}

export function show(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}
