/**
 * Pure drawing for the fit-a-line scatter (the loss surface draws a small
 * copy of it too): the points, their residuals to the gradient-descent
 * line, that line, and the closed-form line as a dashed ghost. State in,
 * SVG markup out; nothing non-finite is drawn.
 */
import { axes, gridLines, innerRect, plotBox, scatterCircles, scatterSvg, xScale, yScale, type PlotBox, type Scale } from '@/components/plots';
import { el, num } from '@/components/plots/svg';
import type { Snapshot } from '@/workers/api';
import type { Line, LinearFitFrame } from './model';
import { X_RANGE, Y_RANGE, type Point } from './presets';

export const FIT_BOX: PlotBox = plotBox(480, 330, { top: 10, right: 12, bottom: 34, left: 38 });

/** Gradient descent's line (blue of the palette) and the residuals (vermillion). */
export const FIT_COLOR = '#0072B2';
export const RESIDUAL_COLOR = '#D55E00';

export interface FitPicture {
  points: readonly Point[];
  /** Gradient descent's current line; null before the run reports. */
  fit: Line | null;
  /** The least-squares line; null when it is not a finite line. */
  closed: Line | null;
  /** Index of the selected point, ringed. */
  selected?: number | null;
  /** Add invisible, finger-sized targets carrying data-index, for dragging. */
  editable?: boolean;
}

/** Gradient descent's line, or the closed-form one, from a linear-fit run's snapshot. */
export function lineOf(snapshot: Snapshot<Partial<LinearFitFrame>> | null | undefined, which: 'fit' | 'closed'): Line | null {
  const d = snapshot?.data;
  const [w, b] = which === 'fit' ? [d?.w, d?.b] : [d?.closedW, d?.closedB];
  return typeof w === 'number' && typeof b === 'number' && Number.isFinite(w) && Number.isFinite(b) ? { w, b } : null;
}

export function scalesOf(box: PlotBox = FIT_BOX): { x: Scale; y: Scale } {
  return { x: xScale(box, X_RANGE), y: yScale(box, Y_RANGE) };
}

/**
 * The part of y = w·x + b inside [x0, x1] × [y0, y1], as its two ends,
 * or null when the line misses the window or is not finite.
 */
export function lineSegment(line: Line, [x0, x1]: readonly [number, number], [y0, y1]: readonly [number, number]): [Point, Point] | null {
  const { w, b } = line;
  if (!Number.isFinite(w) || !Number.isFinite(b)) return null;
  let lo = x0;
  let hi = x1;
  if (w === 0) {
    if (b < y0 || b > y1) return null;
  } else {
    // Where the line crosses the bottom and top of the window.
    const xa = (y0 - b) / w;
    const xb = (y1 - b) / w;
    lo = Math.max(lo, Math.min(xa, xb));
    hi = Math.min(hi, Math.max(xa, xb));
    if (!(lo < hi)) return null;
  }
  return [
    [lo, w * lo + b],
    [hi, w * hi + b],
  ];
}

function lineMarkup(line: Line | null, x: Scale, y: Scale, style: Record<string, string | number>): string {
  const segment = line && lineSegment(line, X_RANGE, Y_RANGE);
  if (!segment) return '';
  const [[ax, ay], [bx, by]] = segment;
  return el('line', { x1: x(ax), y1: y(ay), x2: x(bx), y2: y(by), ...style });
}

/** Vertical segments from each point to the line: the residuals r = ŷ − y. */
function residualsMarkup(points: readonly Point[], fit: Line | null, x: Scale, y: Scale): string {
  if (!fit || !Number.isFinite(fit.w) || !Number.isFinite(fit.b)) return '';
  let d = '';
  for (const [px, py] of points) {
    // The line may leave the window; the segment then runs to the window's edge.
    const predicted = Math.min(Y_RANGE[1], Math.max(Y_RANGE[0], fit.w * px + fit.b));
    if (!Number.isFinite(predicted) || Math.abs(y(predicted) - y(py)) < 0.5) continue;
    d += `M${num(x(px))},${num(y(py))}V${num(y(predicted))}`;
  }
  return d ? el('path', { d, class: 'residuals', style: `stroke:${RESIDUAL_COLOR}`, 'stroke-width': 1.5, 'stroke-opacity': 0.8 }) : '';
}

/** The lines layer: grid, axes, residuals, the least-squares line and descent's line (changes each frame of a run). */
export function drawFitLines(state: FitPicture, box: PlotBox = FIT_BOX): string {
  const { x, y } = scalesOf(box);
  const small = box.width < 400;
  let out = gridLines(box, x, y);
  out += axes(box, x, y, { x: { label: 'x', ticks: small ? 4 : 8 }, y: { label: 'y', ticks: small ? 4 : 6 } });
  out += residualsMarkup(state.points, state.fit, x, y);
  out += lineMarkup(state.closed, x, y, {
    class: 'closed-form-line',
    style: 'stroke:var(--muted)',
    'stroke-width': 1.75,
    'stroke-dasharray': '6 4',
  });
  out += lineMarkup(state.fit, x, y, { class: 'fit-line', style: `stroke:${FIT_COLOR}`, 'stroke-width': 2.5, 'stroke-linecap': 'round' });
  return out;
}

/** The points layer, drawn over the lines: the data, the selected point's ring, and drag targets (changes only when the points do). */
export function drawFitPoints(state: Pick<FitPicture, 'points' | 'selected' | 'editable'>, box: PlotBox = FIT_BOX): string {
  const { x, y } = scalesOf(box);
  const small = box.width < 400;
  const circles = scatterCircles(
    { xs: state.points.map((p) => p[0]), ys: state.points.map((p) => p[1]) },
    x,
    y,
    { radius: small ? 3 : 4.5, color: () => 'var(--text)', clip: innerRect(box) },
  );
  let out = scatterSvg(circles);
  const selected = state.selected ?? null;
  const chosen = selected === null ? undefined : circles.find((c) => c.index === selected);
  if (chosen) {
    out += el('circle', { cx: chosen.cx, cy: chosen.cy, r: 9, class: 'selected', style: 'fill:none;stroke:var(--accent)', 'stroke-width': 2 });
  }
  if (state.editable) {
    const targets = circles.map((c) => el('circle', { cx: c.cx, cy: c.cy, r: 16, 'data-index': c.index })).join('');
    out += el('g', { class: 'point-targets', style: 'fill:transparent' }, targets);
  }
  return out;
}

/** Both layers in one picture. */
export function drawFit(state: FitPicture, box: PlotBox = FIT_BOX): string {
  return drawFitLines(state, box) + drawFitPoints(state, box);
}
