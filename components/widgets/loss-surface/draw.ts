/**
 * Pure drawing for the loss surface: filled contours of the objective over
 * (w, b) as the engine evaluated it, gradient descent's path on them, the
 * start and the least-squares minimum. State in, SVG markup out.
 */
import {
  axes,
  contourBands,
  contourSvg,
  innerRect,
  insideRect,
  plotBox,
  trajectory,
  trajectorySvg,
  xScale,
  yScale,
  type Grid,
  type PlotBox,
  type Scale,
  type Theme,
} from '@/components/plots';
import { el, num } from '@/components/plots/svg';
import { FIT_COLOR } from '@/components/widgets/shared/line-fit/draw';
import type { Line } from '@/components/widgets/shared/line-fit/model';
import type { Point } from '@/components/widgets/shared/line-fit/presets';
import { WINDOW } from './schema';

export const SURFACE_BOX: PlotBox = plotBox(420, 420, { top: 10, right: 12, bottom: 36, left: 44 });
/** The small copy of the data beside the surface. */
export const INSET_BOX: PlotBox = plotBox(360, 200, { top: 8, right: 10, bottom: 30, left: 34 });

/** The field grid: the whole map, fine enough for smooth contours. */
export function surfaceGrid(n = 72): Grid {
  return { nx: n, ny: n, x0: WINDOW.w[0], x1: WINDOW.w[1], y0: WINDOW.b[0], y1: WINDOW.b[1] };
}

export function surfaceScales(): { x: Scale; y: Scale } {
  return { x: xScale(SURFACE_BOX, WINDOW.w), y: yScale(SURFACE_BOX, WINDOW.b) };
}

/** Whether (w, b) lies on the map. */
export function onMap(p: Line): boolean {
  return p.w >= WINDOW.w[0] && p.w <= WINDOW.w[1] && p.b >= WINDOW.b[0] && p.b <= WINDOW.b[1];
}

/**
 * Filled contours of the engine's field. Levels are spaced evenly in the
 * log of the height above the lowest cell, so the rings near the bottom of
 * the bowl, where the walk ends, stay visible.
 */
export function drawSurfaceContours(field: Float32Array, theme: Theme, grid: Grid = surfaceGrid()): string {
  const { x, y } = surfaceScales();
  const bands = contourBands(field, grid, x, y, { thresholds: 18, mode: 'log', decades: 3, theme });
  return contourSvg(bands, { outline: 'var(--bg)' });
}

export interface SurfacePicture {
  /** Markup from drawSurfaceContours (per data, loss and theme; not per frame). */
  contours: string;
  start: Point;
  /** (w, b) after each step, flat; null before the run reports. */
  path: Float32Array | null;
  /** The least-squares minimum (with ridge); null when not a finite line. */
  minimum: Line | null;
}

/** A plus with a page-coloured halo: the exact minimum. */
function minimumMarker(cx: number, cy: number): string {
  const d = `M${num(cx - 7)},${num(cy)}h14M${num(cx)},${num(cy - 7)}v14`;
  return el(
    'g',
    { class: 'minimum-marker', 'aria-hidden': 'true' },
    el('path', { d, style: 'stroke:var(--bg)', 'stroke-width': 4, 'stroke-linecap': 'round', 'stroke-opacity': 0.8 }) +
      el('path', { d, style: 'stroke:var(--text)', 'stroke-width': 2, 'stroke-linecap': 'round' }),
  );
}

export function drawSurface(state: SurfacePicture): string {
  const { x, y } = surfaceScales();
  const rect = innerRect(SURFACE_BOX);
  let out = state.contours;
  out += axes(SURFACE_BOX, x, y, { x: { label: 'slope w' }, y: { label: 'intercept b' } });
  if (state.path && state.path.length > 2) {
    out += trajectorySvg(trajectory(state.path, x, y, rect), { color: FIT_COLOR, label: 'gradient descent path' });
  } else {
    const [sw, sb] = state.start;
    out += el('circle', { cx: x(sw), cy: y(sb), r: 5, class: 'start-marker', style: `fill:var(--bg);stroke:${FIT_COLOR}`, 'stroke-width': 2 });
  }
  // Drawn last, so a path that has arrived sits visibly under it.
  if (state.minimum && onMap(state.minimum)) {
    const cx = x(state.minimum.w);
    const cy = y(state.minimum.b);
    if (insideRect(rect, cx, cy)) out += minimumMarker(cx, cy);
  }
  return out;
}
