/**
 * Pure drawing for the descent playground: the landscape with its paths,
 * and the loss chart. State in, SVG markup out.
 */
import {
  axes,
  contourBands,
  contourSvg,
  innerRect,
  LOSS_CHART_BOX,
  lossChartSvg,
  plotBox,
  trajectory,
  trajectorySvg,
  xScale,
  yScale,
  type Grid,
  type PlotBox,
  type Theme,
} from '@/components/plots';
import { el } from '@/components/plots/svg';
import { SURFACES, type SurfaceName } from './surfaces';

export const LANDSCAPE_BOX: PlotBox = plotBox(420, 420, { top: 10, right: 12, bottom: 36, left: 44 });
export const CHART_BOX: PlotBox = LOSS_CHART_BOX;

/** The field grid for a surface: the plotted window at a resolution that keeps contours smooth. */
export function gridOf(surface: SurfaceName, n = 90): Grid {
  const [x0, x1, y0, y1] = SURFACES[surface].domain;
  return { nx: n, ny: n, x0, x1, y0, y1 };
}

export interface RunPicture {
  label: string;
  color: string;
  /** θ after each step, flat [θ₁, θ₂, …]; null before the run reports. */
  path: Float32Array | null;
  losses: Float32Array | null;
  diverged: boolean;
}

export interface LandscapeState {
  surface: SurfaceName;
  /** Markup from drawContours: computed once per landscape and theme, not per frame. */
  contours: string;
  start: readonly [number, number];
  runs: readonly RunPicture[];
}

export function scalesOf(surface: SurfaceName) {
  const [x0, x1, y0, y1] = SURFACES[surface].domain;
  return { x: xScale(LANDSCAPE_BOX, [x0, x1]), y: yScale(LANDSCAPE_BOX, [y0, y1]) };
}

/** Filled contours of the surface's field (as evaluated by the engine). */
export function drawContours(surface: SurfaceName, field: Float32Array, theme: Theme): string {
  const { x, y } = scalesOf(surface);
  const bands = contourBands(field, gridOf(surface), x, y, { thresholds: 18, mode: SURFACES[surface].contours, theme });
  return contourSvg(bands, { outline: 'var(--bg)' });
}

export function drawLandscape(state: LandscapeState): string {
  const surface = SURFACES[state.surface];
  const { x, y } = scalesOf(state.surface);
  const rect = innerRect(LANDSCAPE_BOX);
  let out = state.contours;
  out += axes(LANDSCAPE_BOX, x, y, { x: { label: 'θ₁' }, y: { label: 'θ₂' } });
  for (const [mx, my] of surface.minima) {
    out += el('path', {
      d: `M${x(mx) - 5},${y(my)}h10M${x(mx)},${y(my) - 5}v10`,
      style: 'stroke:var(--text)',
      'stroke-width': 1.5,
      'aria-hidden': 'true',
    });
  }
  for (const run of state.runs) {
    if (!run.path) continue;
    const t = trajectory(run.path, x, y, rect);
    out += trajectorySvg(t, { color: run.color, label: `${run.label} path` });
  }
  if (state.runs.every((r) => !r.path || r.path.length <= 2)) {
    const [sx, sy] = state.start;
    out += el('circle', { cx: x(sx), cy: y(sy), r: 5, style: 'fill:var(--bg);stroke:var(--text)', 'stroke-width': 2, class: 'start-marker' });
  }
  return out;
}

export interface ChartState {
  runs: readonly RunPicture[];
  axis: 'linear' | 'log';
}

export function drawLossChart(state: ChartState): string {
  return lossChartSvg(state.runs, state.axis, CHART_BOX);
}
