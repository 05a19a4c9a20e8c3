/**
 * Pure drawing for fd-error: the error of each difference quotient against
 * the step h, on log–log axes. A zero error (an exact quotient) or a
 * non-finite one has no place on a log axis: the line breaks there, and
 * the readout says so in words.
 */
import { axes, gridLines, innerRect, linePaths, linesSvg, plotBox, xScale, yScale, type PlotBox, type Scale } from '@/components/plots';
import { el, num } from '@/components/plots/svg';
import { H_RANGE, METHODS, type MethodKey } from './functions';

/** The chart laid out for the width it is shown at (text stays 11 px on a phone); 640 wide by default. */
export function errorBox(width = 640): PlotBox {
  const w = Math.max(300, Math.round(width));
  return plotBox(w, Math.round(Math.min(380, Math.max(260, w * 0.62))), { top: 14, right: 16, bottom: 40, left: 58 });
}

export const ERROR_BOX: PlotBox = errorBox();

/** The y window: from below float64's best to above the worst a plateau reaches. */
export const ERROR_RANGE = [1e-17, 1e2] as const;

/** One colour per method: float32 warm, float64 cool; central solid, one-sided dashed. */
export const METHOD_STYLE: Record<MethodKey, { color: string; dash: string | null }> = {
  forward32: { color: '#D55E00', dash: '5 4' },
  central32: { color: '#D55E00', dash: null },
  forward64: { color: '#0072B2', dash: '5 4' },
  central64: { color: '#0072B2', dash: null },
};

export function errorScales(box: PlotBox = ERROR_BOX): { x: Scale; y: Scale } {
  return { x: xScale(box, H_RANGE, { type: 'log' }), y: yScale(box, ERROR_RANGE, { type: 'log' }) };
}

/** Where each method's error is smallest: its best step h and that error (null when it never is finite and positive). */
export function bestSteps(hs: ArrayLike<number>, errors: Record<MethodKey, ArrayLike<number>>): Record<MethodKey, { h: number; error: number } | null> {
  const out = {} as Record<MethodKey, { h: number; error: number } | null>;
  for (const m of METHODS) {
    const e = errors[m.key];
    let best: { h: number; error: number } | null = null;
    for (let i = 0; i < e.length; i++) if (e[i] > 0 && Number.isFinite(e[i]) && (!best || e[i] < best.error)) best = { h: hs[i], error: e[i] };
    out[m.key] = best;
  }
  return out;
}

export interface ErrorChart {
  hs: ArrayLike<number>;
  /** null while the worker has not answered. */
  errors: Record<MethodKey, ArrayLike<number>> | null;
  /** The step the reader reads at. */
  h: number;
}

/** The chart without its cursor: grid, the four curves, each curve's best step, axes. */
export function drawErrorCurves(state: Pick<ErrorChart, 'hs' | 'errors'>, box: PlotBox = ERROR_BOX): string {
  const { x, y } = errorScales(box);
  // A label every two decades where there is room, every four on a phone.
  const xTicks = box.width < 500 ? 4 : 8;
  let out = gridLines(box, x, y, { xTicks, yTicks: 6 });
  if (state.errors) {
    const errors = state.errors;
    const series = METHODS.map((m) => ({ name: m.key, xs: state.hs, ys: errors[m.key], color: METHOD_STYLE[m.key].color, dash: METHOD_STYLE[m.key].dash ?? undefined }));
    out += linesSvg(linePaths(series, x, y));
    const best = bestSteps(state.hs, errors);
    for (const m of METHODS) {
      const b = best[m.key];
      if (!b) continue;
      out += el('circle', { cx: x(b.h), cy: y(b.error), r: 4, class: 'best-step', 'data-method': m.key, style: `fill:${METHOD_STYLE[m.key].color};stroke:var(--bg)`, 'stroke-width': 1.5 });
    }
  }
  return out + axes(box, x, y, { x: { label: 'step h', ticks: xTicks }, y: { label: '|estimate − f′(x)|', ticks: 6 } });
}

/** The reading: a vertical line at h. */
export function drawCursor(h: number, box: PlotBox = ERROR_BOX): string {
  const { x } = errorScales(box);
  const r = innerRect(box);
  const cx = x(Math.min(H_RANGE[1], Math.max(H_RANGE[0], h)));
  return el('path', { d: `M${num(cx)},${num(r.top)}V${num(r.bottom)}`, class: 'cursor', style: 'stroke:var(--text)', 'stroke-width': 1, 'stroke-dasharray': '2 3' });
}
