/**
 * The pairs and their names, for the page and the worker alike (no engine
 * here). Pair j is (k_{j+1}, v_{j+1}) in colour j wherever it sits; the
 * permutation moves pairs between positions, never renames them.
 */
export type Point = readonly [number, number];

/** Points live in [−LIMIT, LIMIT]². */
export const LIMIT = 3;
export const MIN_PAIRS = 2;
export const MAX_PAIRS = 6;
export const D_MIN = 2;
export const D_MAX = 512;

/**
 * The pair at each position after the cyclic permutation was applied
 * `shift` times: position i holds pair (i − shift) mod n, so one press
 * moves every pair one place on and the last to the front.
 */
export function pairOrder(n: number, shift: number): number[] {
  const s = ((shift % n) + n) % n;
  return Array.from({ length: n }, (_, i) => (i - s + n) % n);
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
/** k₁, v₃, a₂ …: the book numbers entries from 1. */
export function indexed(symbol: string, i: number): string {
  return symbol + String(i + 1).replace(/\d/g, (c) => SUBSCRIPTS[Number(c)]);
}

/** A coordinate kept in the square and rounded to 2 decimals (what a link carries). */
export function clampCoordinate(v: number): number {
  return Math.round(Math.min(LIMIT, Math.max(-LIMIT, v)) * 100) / 100;
}

export function clampPoint(p: readonly [number, number]): Point {
  return [clampCoordinate(p[0]), clampCoordinate(p[1])];
}

/** d on the slider: 2, 4, 8 … 512 (a link may carry any whole d in range). */
export const D_STEPS = Array.from({ length: Math.log2(D_MAX) }, (_, i) => 2 ** (i + 1));

/** Values given by position rearranged by pair: out[order[i]] = values[i]. */
export function byPair(order: readonly number[], values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(order.length);
  order.forEach((pair, i) => (out[pair] = values[i]));
  return out;
}
