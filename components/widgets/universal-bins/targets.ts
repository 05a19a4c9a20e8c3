/**
 * Targets g(x) on [0, 1], and the points where the networks are compared
 * with g. The three named ones are the engine's regression targets (on
 * [−1, 1]) read through u = 2x − 1, evaluated in the worker (model.ts); a
 * drawn or typed target is a list of values at evenly spaced x, joined by
 * straight lines. No engine here: this module also loads on the page.
 */

/** Points where the networks are compared with g: the centres of GRID_N equal cells of [0, 1]. */
export const GRID_N = 400;
export const GRID_X: Float32Array = Float32Array.from({ length: GRID_N }, (_, i) => (i + 0.5) / GRID_N);
export const MAX_BINS = 50;

export type NamedTarget = 'sine' | 'step' | 'bumpy';

/** What a run needs to know about its target (plain data: it crosses to the worker). */
export type TargetSpec = { kind: NamedTarget } | { kind: 'points'; values: readonly number[] };

export const NAMED_TARGETS: Record<NamedTarget, { label: string; text: string }> = {
  sine: { label: 'Sine', text: 'g(x) = sin(π(2x − 1))' },
  step: { label: 'Step', text: 'g(x) = −½ for x < ½, and ½ from x = ½ on' },
  bumpy: { label: 'Bumpy', text: 'g(x) = 0.6·sin(3πu)·e^(−u²) + 0.3u, with u = 2x − 1' },
};

/** Values joined by straight lines: value i sits at x = i/(n − 1). */
export function polyline(values: readonly number[]): (x: number) => number {
  const n = values.length;
  if (n === 0) return () => 0;
  if (n === 1) return () => values[0];
  return (x) => {
    const t = Math.min(1, Math.max(0, x)) * (n - 1);
    const i = Math.min(n - 2, Math.floor(t));
    const f = t - i;
    return values[i] * (1 - f) + values[i + 1] * f;
  };
}

/** How many values a drawn target has, at x = 0, 1/32, …, 1. */
export const DRAWN_POINTS = 33;

/**
 * Values typed as text ("0, 0.8, -0.3"): separated by commas, semicolons or
 * spaces. Returns the numbers, or why they cannot be used.
 */
export function parseTyped(text: string, limits: { min: number; max: number; minCount: number; maxCount: number }): number[] | string {
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  if (tokens.length < limits.minCount || tokens.length > limits.maxCount) {
    return `Type between ${limits.minCount} and ${limits.maxCount} numbers.`;
  }
  const values: number[] = [];
  for (const token of tokens) {
    const v = Number(token.replace('−', '-'));
    if (!Number.isFinite(v) || token.trim() === '') return `“${token}” is not a number.`;
    if (v < limits.min || v > limits.max) return `Values must lie between ${limits.min} and ${limits.max}.`;
    values.push(Math.round(v * 100) / 100);
  }
  return values;
}
