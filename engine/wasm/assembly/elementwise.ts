// Elementwise kernels on contiguous float32 runs. Op codes are in codes.ts,
// shared with the backend. Kernels not here (erf, sin, pow, general strided
// broadcasting …) run in the reference JS kernels on views of this memory,
// so nothing is ever copied in or out.
import { Binary, Unary } from './codes';
import { expv, madd, tanhv } from './simd';

// GELU's tanh form: ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³).
const SQRT_2_OVER_PI: f32 = 0.7978845608;
const GELU_CUBIC: f32 = 0.044715;

/** A lane mask (all ones or zeros) as 1.0 or 0.0. */
@inline
function ones(mask: v128): v128 {
  return v128.and(mask, f32x4.splat(1));
}

export function unary(op: i32, x: usize, out: usize, n: i32): void {
  const n4 = n & ~3;
  switch (op) {
    case Unary.neg:
      for (let i = 0; i < n4; i += 4) v128.store(out + (<usize>i << 2), f32x4.neg(v128.load(x + (<usize>i << 2))));
      for (let i = n4; i < n; i++) store<f32>(out + (<usize>i << 2), -load<f32>(x + (<usize>i << 2)));
      return;
    case Unary.abs:
      for (let i = 0; i < n4; i += 4) v128.store(out + (<usize>i << 2), f32x4.abs(v128.load(x + (<usize>i << 2))));
      for (let i = n4; i < n; i++) store<f32>(out + (<usize>i << 2), abs(load<f32>(x + (<usize>i << 2))));
      return;
    case Unary.sqrt:
      for (let i = 0; i < n4; i += 4) v128.store(out + (<usize>i << 2), f32x4.sqrt(v128.load(x + (<usize>i << 2))));
      for (let i = n4; i < n; i++) store<f32>(out + (<usize>i << 2), sqrt(load<f32>(x + (<usize>i << 2))));
      return;
    case Unary.relu: {
      // max(x, 0), keeping NaN as NaN like the reference (x > 0 ? x : 0 would drop it).
      const zero = f32x4.splat(0);
      for (let i = 0; i < n4; i += 4) {
        const v = v128.load(x + (<usize>i << 2));
        v128.store(out + (<usize>i << 2), v128.bitselect(v, zero, v128.or(f32x4.gt(v, zero), f32x4.ne(v, v))));
      }
      for (let i = n4; i < n; i++) {
        const v = load<f32>(x + (<usize>i << 2));
        store<f32>(out + (<usize>i << 2), v > 0 || v != v ? v : 0);
      }
      return;
    }
    case Unary.identity:
      memory.copy(out, x, <usize>n << 2);
      return;
  }
  if (op == Unary.log) {
    for (let i = 0; i < n; i++) store<f32>(out + (<usize>i << 2), Mathf.log(load<f32>(x + (<usize>i << 2))));
    return;
  }
  // One loop per op, so the op's switch folds away after inlining.
  switch (op) {
    case Unary.exp:
      mapTranscendental(Unary.exp, x, out, n);
      return;
    case Unary.tanh:
      mapTranscendental(Unary.tanh, x, out, n);
      return;
    case Unary.sigmoid:
      mapTranscendental(Unary.sigmoid, x, out, n);
      return;
    case Unary.geluTanh:
      mapTranscendental(Unary.geluTanh, x, out, n);
      return;
    default:
      mapTranscendental(Unary.geluTanhDerivative, x, out, n);
  }
}

/** Four lanes at a time; the tail goes through the same vector code on a
 * splatted lane, so every element gets exactly the same arithmetic. */
@inline
function mapTranscendental(op: i32, x: usize, out: usize, n: i32): void {
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) v128.store(out + (<usize>i << 2), transcendental(op, v128.load(x + (<usize>i << 2))));
  for (let i = n4; i < n; i++) {
    const v = transcendental(op, f32x4.splat(load<f32>(x + (<usize>i << 2))));
    store<f32>(out + (<usize>i << 2), f32x4.extract_lane(v, 0));
  }
}

@inline
function transcendental(op: i32, v: v128): v128 {
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  switch (op) {
    case Unary.exp:
      return expv(v);
    case Unary.tanh:
      return tanhv(v);
    case Unary.sigmoid:
      // 1 / (1 + e^{−v}): e^{−v} = ∞ gives 0, never NaN.
      return f32x4.div(one, f32x4.add(one, expv(f32x4.neg(v))));
    case Unary.geluTanh: {
      // ½v(1 + tanh u), u = √(2/π)(v + 0.044715v³)
      const t = tanhv(f32x4.mul(f32x4.splat(SQRT_2_OVER_PI), madd(f32x4.mul(f32x4.mul(v, v), v), f32x4.splat(GELU_CUBIC), v)));
      return f32x4.mul(f32x4.mul(half, v), f32x4.add(one, t));
    }
    default: {
      // ½(1 + t) + ½v(1 − t²)·√(2/π)(1 + 3·0.044715v²)
      const v2 = f32x4.mul(v, v);
      const t = tanhv(f32x4.mul(f32x4.splat(SQRT_2_OVER_PI), madd(f32x4.mul(v2, v), f32x4.splat(GELU_CUBIC), v)));
      const du = f32x4.mul(f32x4.splat(SQRT_2_OVER_PI), madd(v2, f32x4.splat(3 * GELU_CUBIC), one));
      const slope = f32x4.mul(f32x4.mul(f32x4.mul(half, v), f32x4.sub(one, f32x4.mul(t, t))), du);
      return madd(half, f32x4.add(one, t), slope);
    }
  }
}

@inline
function apply(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case Binary.add:
      return f32x4.add(a, b);
    case Binary.sub:
      return f32x4.sub(a, b);
    case Binary.mul:
      return f32x4.mul(a, b);
    case Binary.div:
      return f32x4.div(a, b);
    case Binary.maximum:
      return f32x4.max(a, b);
    case Binary.minimum:
      return f32x4.min(a, b);
    case Binary.greater:
      return ones(f32x4.gt(a, b));
    case Binary.greaterEqual:
      return ones(f32x4.ge(a, b));
    case Binary.less:
      return ones(f32x4.lt(a, b));
    case Binary.lessEqual:
      return ones(f32x4.le(a, b));
    case Binary.equal:
      return ones(f32x4.eq(a, b));
    default:
      return ones(f32x4.ne(a, b));
  }
}

@inline
function applyScalar(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case Binary.add:
      return a + b;
    case Binary.sub:
      return a - b;
    case Binary.mul:
      return a * b;
    case Binary.div:
      return a / b;
    case Binary.maximum:
      return a != a || b != b ? NaN : max(a, b);
    case Binary.minimum:
      return a != a || b != b ? NaN : min(a, b);
    case Binary.greater:
      return a > b ? 1 : 0;
    case Binary.greaterEqual:
      return a >= b ? 1 : 0;
    case Binary.less:
      return a < b ? 1 : 0;
    case Binary.lessEqual:
      return a <= b ? 1 : 0;
    case Binary.equal:
      return a == b ? 1 : 0;
    default:
      return a != b ? 1 : 0;
  }
}

/**
 * out[r, c] = a[(r mod aPeriod)·aRow + c·aCol] ∘ b[(r mod bPeriod)·bRow + c·bCol]
 * over rows × cols with each column stride 0 or 1: covers same-shape,
 * scalar and row/column broadcasts (bias adds), and a block repeated along
 * leading axes (an attention mask over batch and heads): the shapes a
 * training step is made of.
 */
export function binary2d(op: i32, a: usize, aRow: i32, aCol: i32, aPeriod: i32, b: usize, bRow: i32, bCol: i32, bPeriod: i32, out: usize, rows: i32, cols: i32): void {
  // One inlined copy per op: with `op` a constant inside each, the per-element switch folds away.
  switch (op) {
    case Binary.add:
      binaryRows(Binary.add, a, aRow, aCol, aPeriod, b, bRow, bCol, bPeriod, out, rows, cols);
      return;
    case Binary.sub:
      binaryRows(Binary.sub, a, aRow, aCol, aPeriod, b, bRow, bCol, bPeriod, out, rows, cols);
      return;
    case Binary.mul:
      binaryRows(Binary.mul, a, aRow, aCol, aPeriod, b, bRow, bCol, bPeriod, out, rows, cols);
      return;
    case Binary.div:
      binaryRows(Binary.div, a, aRow, aCol, aPeriod, b, bRow, bCol, bPeriod, out, rows, cols);
      return;
    case Binary.maximum:
      binaryRows(Binary.maximum, a, aRow, aCol, aPeriod, b, bRow, bCol, bPeriod, out, rows, cols);
      return;
    case Binary.minimum:
      binaryRows(Binary.minimum, a, aRow, aCol, aPeriod, b, bRow, bCol, bPeriod, out, rows, cols);
      return;
    case Binary.greater:
      binaryRows(Binary.greater, a, aRow, aCol, aPeriod, b, bRow, bCol, bPeriod, out, rows, cols);
      return;
    case Binary.greaterEqual:
      binaryRows(Binary.greaterEqual, a, aRow, aCol, aPeriod, b, bRow, bCol, bPeriod, out, rows, cols);
      return;
    case Binary.less:
      binaryRows(Binary.less, a, aRow, aCol, aPeriod, b, bRow, bCol, bPeriod, out, rows, cols);
      return;
    case Binary.lessEqual:
      binaryRows(Binary.lessEqual, a, aRow, aCol, aPeriod, b, bRow, bCol, bPeriod, out, rows, cols);
      return;
    case Binary.equal:
      binaryRows(Binary.equal, a, aRow, aCol, aPeriod, b, bRow, bCol, bPeriod, out, rows, cols);
      return;
    default:
      binaryRows(Binary.notEqual, a, aRow, aCol, aPeriod, b, bRow, bCol, bPeriod, out, rows, cols);
  }
}

@inline
function binaryRows(op: i32, a: usize, aRow: i32, aCol: i32, aPeriod: i32, b: usize, bRow: i32, bCol: i32, bPeriod: i32, out: usize, rows: i32, cols: i32): void {
  const c4 = cols & ~3;
  for (let r = 0; r < rows; r++) {
    const pa = a + (<usize>((r % aPeriod) * aRow) << 2);
    const pb = b + (<usize>((r % bPeriod) * bRow) << 2);
    const po = out + (<usize>(r * cols) << 2);
    let c = 0;
    if (aCol == 1 && bCol == 1) {
      for (; c < c4; c += 4) v128.store(po + (<usize>c << 2), apply(op, v128.load(pa + (<usize>c << 2)), v128.load(pb + (<usize>c << 2))));
    } else if (aCol == 1) {
      const vb = v128.load32_splat(pb);
      for (; c < c4; c += 4) v128.store(po + (<usize>c << 2), apply(op, v128.load(pa + (<usize>c << 2)), vb));
    } else if (bCol == 1) {
      const va = v128.load32_splat(pa);
      for (; c < c4; c += 4) v128.store(po + (<usize>c << 2), apply(op, va, v128.load(pb + (<usize>c << 2))));
    }
    for (; c < cols; c++) {
      store<f32>(po + (<usize>c << 2), applyScalar(op, load<f32>(pa + (<usize>(c * aCol) << 2)), load<f32>(pb + (<usize>(c * bCol) << 2))));
    }
  }
}

/** Four lanes of an operand at column c: a vector load when its column
 * stride is 1, the one element splatted when it is 0. */
@inline
function lanes(p: usize, col: i32, c: i32): v128 {
  return col ? v128.load(p + (<usize>c << 2)) : v128.load32_splat(p);
}

/** out = cond ≠ 0 ? a : b, each operand laid out as in binary2d. */
export function where2d(
  cond: usize, cRow: i32, cCol: i32, cPeriod: i32,
  a: usize, aRow: i32, aCol: i32, aPeriod: i32,
  b: usize, bRow: i32, bCol: i32, bPeriod: i32,
  out: usize, rows: i32, cols: i32,
): void {
  const c4 = cols & ~3;
  const zero = f32x4.splat(0);
  for (let r = 0; r < rows; r++) {
    const pc = cond + (<usize>((r % cPeriod) * cRow) << 2);
    const pa = a + (<usize>((r % aPeriod) * aRow) << 2);
    const pb = b + (<usize>((r % bPeriod) * bRow) << 2);
    const po = out + (<usize>(r * cols) << 2);
    for (let c = 0; c < c4; c += 4) {
      v128.store(po + (<usize>c << 2), v128.bitselect(lanes(pa, aCol, c), lanes(pb, bCol, c), f32x4.ne(lanes(pc, cCol, c), zero)));
    }
    for (let c = c4; c < cols; c++) {
      const k = load<f32>(pc + (<usize>(c * cCol) << 2));
      store<f32>(po + (<usize>c << 2), k != 0 ? load<f32>(pa + (<usize>(c * aCol) << 2)) : load<f32>(pb + (<usize>(c * bCol) << 2)));
    }
  }
}

/** out[i] = a[i] + s·b[i]: the axpy that gradient accumulation is made of. */
export function axpy(a: usize, b: usize, s: f32, out: usize, n: i32): void {
  const vs = f32x4.splat(s);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) v128.store(out + (<usize>i << 2), madd(v128.load(b + (<usize>i << 2)), vs, v128.load(a + (<usize>i << 2))));
  for (let i = n4; i < n; i++) store<f32>(out + (<usize>i << 2), load<f32>(a + (<usize>i << 2)) + s * load<f32>(b + (<usize>i << 2)));
}

export function fill(out: usize, value: f32, n: i32): void {
  const v = f32x4.splat(value);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) v128.store(out + (<usize>i << 2), v);
  for (let i = n4; i < n; i++) store<f32>(out + (<usize>i << 2), value);
}

/** Zeroes `bytes` bytes (bulk memory fill): new tensors start at zero. */
export function zero(ptr: usize, bytes: i32): void {
  memory.fill(ptr, 0, <usize>bytes);
}

/**
 * dst[dOff + Σ i_d·dS_d] = src[sOff + Σ i_d·sS_d] over a shape of at most
 * four axes (leading axes of size 1 pad shorter ones): transposes, slices,
 * concatenation and broadcasts of the tensors a step moves around.
 */
export function copy4d(src: usize, sOff: i32, s0: i32, s1: i32, s2: i32, s3: i32, dst: usize, dOff: i32, d0: i32, d1: i32, d2: i32, d3: i32, n0: i32, n1: i32, n2: i32, n3: i32): void {
  for (let a = 0; a < n0; a++) {
    for (let b = 0; b < n1; b++) {
      let si = sOff + a * s0 + b * s1;
      let di = dOff + a * d0 + b * d1;
      for (let c = 0; c < n2; c++) {
        let sp = src + (<usize>(si + c * s2) << 2);
        let dp = dst + (<usize>(di + c * d2) << 2);
        if (s3 == 1 && d3 == 1) {
          memory.copy(dp, sp, <usize>n3 << 2);
          continue;
        }
        const sStep = <usize>s3 << 2;
        const dStep = <usize>d3 << 2;
        for (let e = 0; e < n3; e++) {
          store<f32>(dp, load<f32>(sp));
          sp += sStep;
          dp += dStep;
        }
      }
    }
  }
}
