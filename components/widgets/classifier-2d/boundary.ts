/**
 * Decision boundaries of a linear classifier as line segments in data
 * coordinates. Every piece lies on a line a·x + b·y + c = 0, cut to the
 * plotted window and to the half-planes where it is really the boundary.
 */

/** a·x + b·y + c ≥ 0. */
export type HalfPlane = readonly [number, number, number];
export type Segment = readonly [number, number, number, number];
export type Window = readonly [number, number, number, number];

/** The part of the line a·x + b·y + c = 0 inside every half-plane (the window included), or null. */
export function segmentOn(line: HalfPlane, window: Window, keep: readonly HalfPlane[] = []): Segment | null {
  const [a, b, c] = line;
  const norm = Math.hypot(a, b);
  if (!(norm > 1e-12) || !Number.isFinite(norm) || !Number.isFinite(c)) return null;
  // Parametrise the line as p(t) = p0 + t·d, p0 its point nearest the origin, d along it.
  const p0 = [(-a * c) / (norm * norm), (-b * c) / (norm * norm)];
  const d = [-b / norm, a / norm];
  const [x0, x1, y0, y1] = window;
  const planes: HalfPlane[] = [[1, 0, -x0], [-1, 0, x1], [0, 1, -y0], [0, -1, y1], ...keep];
  let lo = -Infinity;
  let hi = Infinity;
  for (const [pa, pb, pc] of planes) {
    // Along the line the half-plane's value is f(t) = f0 + t·df; keep f(t) ≥ 0.
    const f0 = pa * p0[0] + pb * p0[1] + pc;
    const df = pa * d[0] + pb * d[1];
    if (Math.abs(df) < 1e-12) {
      if (f0 < 0) return null;
      continue;
    }
    const t = -f0 / df;
    if (df > 0) lo = Math.max(lo, t);
    else hi = Math.min(hi, t);
  }
  if (!(hi - lo > 1e-9)) return null;
  return [p0[0] + lo * d[0], p0[1] + lo * d[1], p0[0] + hi * d[0], p0[1] + hi * d[1]];
}

/**
 * Weights as the model holds them: W is [2, C] row-major followed by b [C].
 * Returns logit k as a half-plane-style triple (w₁ₖ, w₂ₖ, bₖ).
 */
export function logitsOfWeights(weights: ArrayLike<number>, C: number): HalfPlane[] {
  return Array.from({ length: C }, (_, k) => [weights[k], weights[C + k], weights[2 * C + k]] as const);
}

/** Binary: the line z = logit(τ), i.e. σ(z) = τ. */
export function binaryBoundary(weights: ArrayLike<number>, zAt: number, window: Window): Segment | null {
  const [[a, b, c]] = logitsOfWeights(weights, 1);
  return segmentOn([a, b, c - zAt], window);
}

/**
 * Several classes: for each pair (k, j) the piece of zₖ = zⱼ where both
 * are at least every other logit, i.e. where the argmax switches between them.
 */
export function multiclassBoundaries(weights: ArrayLike<number>, C: number, window: Window): Segment[] {
  const z = logitsOfWeights(weights, C);
  const diff = (k: number, j: number): HalfPlane => [z[k][0] - z[j][0], z[k][1] - z[j][1], z[k][2] - z[j][2]];
  const out: Segment[] = [];
  for (let k = 0; k < C; k++) {
    for (let j = k + 1; j < C; j++) {
      const keep: HalfPlane[] = [];
      for (let l = 0; l < C; l++) if (l !== k && l !== j) keep.push(diff(k, l), diff(j, l));
      const s = segmentOn(diff(k, j), window, keep);
      if (s) out.push(s);
    }
  }
  return out;
}
