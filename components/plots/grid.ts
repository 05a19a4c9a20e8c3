// The sampling grid shared by contours, heatmaps and the workers that
// evaluate fields. One convention everywhere:
//   nx × ny cells tile [x0, x1] × [y0, y1]; sample (i, j) is the value at the
//   centre of cell (i, j), x = x0 + (i + ½)·(x1 − x0)/nx, likewise y, stored
//   at field[j·nx + i]; row j = 0 is the bottom (y0).
// Cell centres make a heatmap one pixel per cell, and match d3-contour,
// which treats each value as a unit square.

import type { Rect, Scale } from './scales';

export interface Grid {
  nx: number;
  ny: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export function cellCentre(grid: Grid, i: number, j: number): [number, number] {
  return [
    grid.x0 + ((i + 0.5) * (grid.x1 - grid.x0)) / grid.nx,
    grid.y0 + ((j + 0.5) * (grid.y1 - grid.y0)) / grid.ny,
  ];
}

/** Every sample point as [x, y, x, y, …] in field order: what a worker evaluates. */
export function gridPoints(grid: Grid): Float64Array {
  const out = new Float64Array(grid.nx * grid.ny * 2);
  for (let j = 0; j < grid.ny; j++) {
    for (let i = 0; i < grid.nx; i++) {
      const [x, y] = cellCentre(grid, i, j);
      const k = 2 * (j * grid.nx + i);
      out[k] = x;
      out[k + 1] = y;
    }
  }
  return out;
}

/** Sample f at every cell centre, in field order. */
export function sampleField(grid: Grid, f: (x: number, y: number) => number): Float64Array {
  const out = new Float64Array(grid.nx * grid.ny);
  for (let j = 0; j < grid.ny; j++) {
    for (let i = 0; i < grid.nx; i++) out[j * grid.nx + i] = f(...cellCentre(grid, i, j));
  }
  return out;
}

export function assertFieldSize(field: ArrayLike<number>, grid: Pick<Grid, 'nx' | 'ny'>, perCell = 1): void {
  if (!(grid.nx >= 1 && grid.ny >= 1 && Number.isInteger(grid.nx) && Number.isInteger(grid.ny))) {
    throw new Error(`grid must be at least 1×1 whole cells, got ${grid.nx}×${grid.ny}`);
  }
  if (field.length !== grid.nx * grid.ny * perCell) {
    throw new Error(`field has ${field.length} values, grid ${grid.nx}×${grid.ny}×${perCell} needs ${grid.nx * grid.ny * perCell}`);
  }
}

export interface FieldStats {
  /** Finite minimum and maximum; null when no value is finite. */
  extent: [number, number] | null;
  nan: number;
  infinite: number;
}

export function fieldStats(field: ArrayLike<number>): FieldStats {
  let lo = Infinity;
  let hi = -Infinity;
  let nan = 0;
  let infinite = 0;
  for (let k = 0; k < field.length; k++) {
    const v = field[k];
    if (Number.isNaN(v)) nan++;
    else if (!Number.isFinite(v)) infinite++;
    else {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return { extent: lo <= hi ? [lo, hi] : null, nan, infinite };
}

export type FieldScaleMode = 'linear' | 'log';

/**
 * Field value → t in [0, 1]. 'log' spaces levels evenly in log(v − min + δ)
 * with δ = (max − min)·10^−decades, so a field spanning many orders of
 * magnitude (Rosenbrock: 0 in the valley, thousands on the walls) still
 * shows its valley; 'linear' is (v − min)/(max − min).
 */
export function fieldNormalizer(
  extent: readonly [number, number],
  mode: FieldScaleMode = 'linear',
  decades = 4,
): { toUnit: (v: number) => number; fromUnit: (t: number) => number } {
  const [min, max] = extent;
  const range = max - min;
  if (!(range > 0)) return { toUnit: () => 0, fromUnit: () => min };
  if (mode === 'linear') {
    return {
      toUnit: (v) => clamp01((v - min) / range),
      fromUnit: (t) => min + t * range,
    };
  }
  const delta = range * 10 ** -decades;
  const span = Math.log1p(range / delta);
  return {
    toUnit: (v) => clamp01(Math.log1p((v - min) / delta) / span),
    fromUnit: (t) => min + delta * Math.expm1(t * span),
  };
}

function clamp01(t: number): number {
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** The grid's extent in pixels under the plot's scales. */
export function gridRect(grid: Grid, x: Scale, y: Scale): Rect {
  const [xa, xb, ya, yb] = [x(grid.x0), x(grid.x1), y(grid.y0), y(grid.y1)];
  return { left: Math.min(xa, xb), right: Math.max(xa, xb), top: Math.min(ya, yb), bottom: Math.max(ya, yb) };
}
