// Shared vector helpers. One source builds twice: with relaxed SIMD the
// multiply-add is fused (one rounding, one instruction where the CPU has
// FMA); without it, a multiply then an add.

@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** The four lanes of v added together. */
@inline
export function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

@inline
export function hmax(v: v128): f32 {
  return max(max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
}

// e^x on four lanes. x = n·ln2 + r with n = ⌊x·log₂e⌋, so r ∈ [0, ln 2)
// and e^x = 2ⁿ·e^r; e^r is its Taylor polynomial to r⁹ (truncation below
// 1e-8 relative on that interval), and 2ⁿ is built in the exponent bits.
// ln 2 is split in a part exact in few bits and the rest, so n·ln2 is
// subtracted without rounding. Beyond the float range: +∞ above, 0 below
// (the subnormal tail is dropped); NaN stays NaN.
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const EXP_MAX: f32 = 88.72283;
const EXP_MIN: f32 = -87.33654;

@inline
export function expv(x: v128): v128 {
  const xc = f32x4.min(f32x4.max(x, f32x4.splat(EXP_MIN)), f32x4.splat(EXP_MAX));
  const n = f32x4.floor(f32x4.mul(xc, f32x4.splat(1.442695041)));
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(n, f32x4.splat(LN2_HI))), f32x4.mul(n, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(1.0 / 362880);
  p = madd(p, r, f32x4.splat(1.0 / 40320));
  p = madd(p, r, f32x4.splat(1.0 / 5040));
  p = madd(p, r, f32x4.splat(1.0 / 720));
  p = madd(p, r, f32x4.splat(1.0 / 120));
  p = madd(p, r, f32x4.splat(1.0 / 24));
  p = madd(p, r, f32x4.splat(1.0 / 6));
  p = madd(p, r, f32x4.splat(0.5));
  p = madd(p, r, f32x4.splat(1));
  p = madd(p, r, f32x4.splat(1));
  const twoN = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  const y = f32x4.mul(p, twoN);
  const over = f32x4.gt(x, f32x4.splat(EXP_MAX));
  const under = f32x4.lt(x, f32x4.splat(EXP_MIN));
  return v128.bitselect(f32x4.splat(Infinity), v128.andnot(y, under), over);
}

// tanh on four lanes: for |u| ≥ 1/4, 1 − 2/(e^{2|u|} + 1) (absolute error
// about one float ulp of 1, so under 5e-7 relative there); below, the odd
// Taylor series to u¹¹ (truncation under 1e-9 relative), which keeps the
// relative accuracy near 0. The sign is put back last.
@inline
export function tanhv(u: v128): v128 {
  const a = f32x4.abs(u);
  const big = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(expv(f32x4.add(a, a)), f32x4.splat(1))));
  const a2 = f32x4.mul(a, a);
  // u − u³/3 + 2u⁵/15 − 17u⁷/315 + 62u⁹/2835 − 1382u¹¹/155925
  let s = madd(a2, f32x4.splat(-1382.0 / 155925), f32x4.splat(62.0 / 2835));
  s = madd(s, a2, f32x4.splat(-17.0 / 315));
  s = madd(s, a2, f32x4.splat(2.0 / 15));
  s = madd(s, a2, f32x4.splat(-1.0 / 3));
  const small = madd(f32x4.mul(s, a2), a, a);
  const t = v128.bitselect(small, big, f32x4.lt(a, f32x4.splat(0.25)));
  return v128.or(t, v128.and(u, i32x4.splat(0x80000000)));
}
