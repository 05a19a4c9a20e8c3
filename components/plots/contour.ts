// Filled contours of a scalar field (loss surfaces) with d3-contour.
// Bands are stacked: band k fills {v ≥ threshold k}, painted low to high,
// so each visible colour is the band between two thresholds and no seams
// open between neighbours.
import {
  contours,
  geoClipRectangle,
  geoPath,
  geoTransform,
  quantileSorted,
  type ContourMultiPolygon,
  type GeoStream,
} from 'd3';
import { fieldColors, type Interpolator, type Theme } from './colour';
import { assertFieldSize, fieldNormalizer, fieldStats, gridRect, type Grid } from './grid';
import type { Rect, Scale } from './scales';
import { el } from './svg';

export type ThresholdMode = 'linear' | 'log' | 'quantile';

export interface ThresholdOptions {
  /** 'linear' evenly in value; 'log' evenly in log(v − min + δ) (see fieldNormalizer); 'quantile' equal area per band. */
  mode?: ThresholdMode;
  /** For 'log': how many orders of magnitude below the range the finest level reaches. Default 4. */
  decades?: number;
}

/**
 * Up to `count` strictly increasing thresholds over the finite values of
 * `field`; the first is the finite minimum, so band 0 covers every finite cell.
 */
export function contourThresholds(field: ArrayLike<number>, count: number, options: ThresholdOptions = {}): number[] {
  const { extent } = fieldStats(field);
  if (!extent) return [];
  const n = Math.max(1, Math.floor(count));
  const mode = options.mode ?? 'linear';
  let levels: number[];
  if (mode === 'quantile') {
    const sorted = Array.from(field).filter(Number.isFinite).sort((a, b) => a - b);
    levels = Array.from({ length: n }, (_, k) => quantileSorted(sorted, k / n) ?? extent[0]);
  } else {
    const { fromUnit } = fieldNormalizer(extent, mode, options.decades);
    levels = Array.from({ length: n }, (_, k) => fromUnit(k / n));
  }
  levels[0] = extent[0];
  return levels.filter((v, k) => k === 0 || v > levels[k - 1]);
}

export interface Sanitized {
  values: Float64Array;
  /** NaN cells: left as holes (no band covers them). */
  nan: number;
  /** ±Infinity cells: clamped to the finite max / min (an overflowed loss is still "higher than everything"). */
  infinite: number;
}

/**
 * Make a field safe for marching squares: d3-contour interpolates between
 * neighbours, and one NaN or Infinity yields NaN or wild coordinates.
 * NaN becomes a value far below every threshold, so its cell is a hole
 * whose edge sits on the neighbouring cell centres for every band.
 */
export function sanitizeField(field: ArrayLike<number>, lowest?: number): Sanitized {
  const { extent, nan, infinite } = fieldStats(field);
  const values = new Float64Array(field.length);
  if (!extent) return { values: values.fill(-1), nan, infinite };
  const [min, max] = extent;
  const floor = Math.min(min, lowest ?? min);
  const hole = floor - 1e6 * (max - floor || 1);
  for (let k = 0; k < field.length; k++) {
    const v = field[k];
    values[k] = Number.isNaN(v) ? hole : v === Infinity ? max : v === -Infinity ? min : v;
  }
  return { values, nan, infinite };
}

/**
 * Contour polygons in data coordinates. The field is padded by one copy
 * of its edge cells so bands meet the grid's border squarely instead of
 * with d3-contour's half-cell chamfers; callers clip to the grid extent.
 */
export function contourGeometry(values: ArrayLike<number>, grid: Grid, thresholds: readonly number[]): ContourMultiPolygon[] {
  const { nx, ny } = grid;
  const px = nx + 2;
  const py = ny + 2;
  const padded = new Float64Array(px * py);
  for (let j = 0; j < py; j++) {
    const sj = Math.min(ny - 1, Math.max(0, j - 1));
    for (let i = 0; i < px; i++) padded[j * px + i] = values[sj * nx + Math.min(nx - 1, Math.max(0, i - 1))];
  }
  const dx = (grid.x1 - grid.x0) / nx;
  const dy = (grid.y1 - grid.y0) / ny;
  const polygons = contours().size([px, py]).thresholds(thresholds.slice())(Array.from(padded));
  for (const polygon of polygons) {
    for (const shape of polygon.coordinates) {
      for (const ring of shape) {
        for (const point of ring) {
          point[0] = grid.x0 + (point[0] - 1) * dx;
          point[1] = grid.y0 + (point[1] - 1) * dy;
        }
      }
    }
  }
  return polygons;
}

export interface ContourOptions extends ThresholdOptions {
  /** Number of bands (default 16), or explicit increasing thresholds. */
  thresholds?: number | readonly number[];
  theme?: Theme;
  /** Colour for band k of K at t = k/(K − 1). Default fieldColors(theme). */
  colors?: Interpolator;
  /** Extra pixel rect to clip to (e.g. the plot's inner rect when zoomed in). */
  clip?: Rect;
}

export interface ContourBand {
  /** Lower threshold: the band fills v ≥ value. */
  value: number;
  index: number;
  /** SVG path data in pixels, clipped to the grid extent. */
  d: string;
  fill: string;
}

export interface ContourResult {
  bands: ContourBand[];
  thresholds: number[];
  /** Cells left out (NaN) or clamped (±Infinity); a widget can say so. */
  nan: number;
  infinite: number;
}

/** Filled contour bands of `field` (laid out as in grid.ts) projected through the plot's scales. */
export function contourBands(field: ArrayLike<number>, grid: Grid, x: Scale, y: Scale, options: ContourOptions = {}): ContourResult {
  assertFieldSize(field, grid);
  const thresholds =
    typeof options.thresholds === 'object'
      ? strictlyIncreasing(options.thresholds)
      : contourThresholds(field, options.thresholds ?? 16, options);
  const { values, nan, infinite } = sanitizeField(field, thresholds[0]);
  const rect = pixelRect(grid, x, y, options.clip);
  if (thresholds.length === 0 || nan === field.length || !rect) return { bands: [], thresholds, nan, infinite };

  const colors = options.colors ?? fieldColors(options.theme ?? 'light');
  const path = geoPath(pixelProjection(x, y, rect)).digits(2);
  const last = Math.max(1, thresholds.length - 1);
  const bands: ContourBand[] = [];
  contourGeometry(values, grid, thresholds).forEach((polygon, index) => {
    const d = path(polygon);
    if (d) bands.push({ value: polygon.value, index, d, fill: colors(index / last) });
  });
  return { bands, thresholds, nan, infinite };
}

function strictlyIncreasing(values: readonly number[]): number[] {
  const out: number[] = [];
  for (const v of values) if (Number.isFinite(v) && (out.length === 0 || v > out[out.length - 1])) out.push(v);
  return out;
}

/** The grid's extent in pixels (∩ clip), or null when nothing of it is visible. */
function pixelRect(grid: Grid, x: Scale, y: Scale, clip?: Rect): Rect | null {
  let r = gridRect(grid, x, y);
  if (clip) {
    r = {
      left: Math.max(r.left, clip.left),
      right: Math.min(r.right, clip.right),
      top: Math.max(r.top, clip.top),
      bottom: Math.min(r.bottom, clip.bottom),
    };
  }
  return r.right > r.left && r.bottom > r.top && [r.left, r.right, r.top, r.bottom].every(Number.isFinite) ? r : null;
}

/** Data → pixels through the scales, then clipped to `rect`. */
function pixelProjection(x: Scale, y: Scale, rect: Rect): { stream(s: GeoStream): GeoStream } {
  const toPixels = geoTransform({
    point(px, py) {
      this.stream.point(x(px), y(py));
    },
  });
  const clipRect = geoClipRectangle(rect.left, rect.top, rect.right, rect.bottom);
  return { stream: (out) => toPixels.stream(clipRect(out)) };
}

/** The bands as one <g> of <path>s; `outline` strokes each band edge (e.g. 'var(--bg)'). */
export function contourSvg(result: ContourResult, options: { outline?: string; className?: string } = {}): string {
  const stroke = options.outline ? `stroke:${options.outline};stroke-opacity:0.35;stroke-width:0.5` : undefined;
  const body = result.bands.map((b) => el('path', { d: b.d, fill: b.fill })).join('');
  return el('g', { class: options.className ?? 'contours', style: stroke }, body);
}
