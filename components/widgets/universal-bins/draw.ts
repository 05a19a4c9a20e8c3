/**
 * Pure drawing for universal-bins: the target, the hand-built network with
 * its bins shaded, the trained network with ticks where its hidden units
 * switch on; and the hand-built MSE against B. State in, SVG out.
 */
import { axes, el, finiteExtent, gridLines, innerRect, linePaths, linesSvg, num, plotBox, xScale, yScale, type PlotBox } from '@/components/plots';
import type { HandBuilt } from './model';
import { GRID_X, MAX_BINS } from './targets';

/** The plots laid out for the width they are shown at (CSS pixels), so their text stays 11px; the fit is squarer on a phone. */
export function fitBox(width = 640): PlotBox {
  const w = Math.round(Math.min(720, Math.max(280, width)));
  return plotBox(w, Math.round(Math.min(340, Math.max(250, w * 0.8))), { top: 12, right: 14, bottom: 38, left: 44 });
}

export function mseBox(width = 360): PlotBox {
  return plotBox(Math.round(Math.min(480, Math.max(260, width))), 230, { top: 14, right: 14, bottom: 38, left: 52 });
}

export const Y_DOMAIN = [-1.35, 1.35] as const;
export const COLORS = { hand: '#0072B2', trained: '#D55E00' } as const;

export const fitX = (box: PlotBox) => xScale(box, [0, 1]);
export const fitY = (box: PlotBox) => yScale(box, Y_DOMAIN);

export interface TrainedPicture {
  /** m(x) at GRID_X. */
  pred: Float32Array;
  /** Where each hidden unit is halfway up (−b/w). */
  centres: Float32Array;
  /** Each hidden unit's output weight (tick length shows its size). */
  outWeights: Float32Array;
}

export interface FitState {
  box: PlotBox;
  /** Unique per widget instance: the id of the plot's clip path. */
  clipId: string;
  bins: number;
  /** Null until the worker has answered. */
  hand: HandBuilt | null;
  /** g at GRID_X (the current target, or the drawing in progress). */
  target: Float32Array;
  trained: TrainedPicture | null;
  /** When drawing: the drawn values (at x = i/(n − 1)) and the point the keyboard edits. */
  drawing: { values: readonly number[]; selected: number | null } | null;
}

const finite = Number.isFinite;

export function drawFit(state: FitState): string {
  const { box } = state;
  const x = fitX(box);
  const y = fitY(box);
  const r = innerRect(box);
  let out = el('defs', {}, el('clipPath', { id: state.clipId }, el('rect', { x: r.left, y: r.top, width: r.right - r.left, height: r.bottom - r.top })));
  out += gridLines(box, x, y);
  out += el('line', { x1: r.left, x2: r.right, y1: y(0), y2: y(0), style: 'stroke:var(--muted)', 'stroke-opacity': 0.6 });

  // Each bin shaded from 0 to its height cₖ, alternating so that neighbours stay apart.
  if (state.hand && state.hand.heights.length === state.bins) {
    let bins = '';
    state.hand.heights.forEach((c, k) => {
      if (!finite(c)) return;
      const x0 = x(k / state.bins);
      const x1 = x((k + 1) / state.bins);
      const top = Math.min(y(0), y(c));
      bins += el('rect', { class: 'bin', x: x0, y: top, width: x1 - x0, height: Math.abs(y(c) - y(0)), 'fill-opacity': k % 2 ? 0.3 : 0.17 });
    });
    out += el('g', { class: 'bins', style: `fill:${COLORS.hand}` }, bins);
  }

  const series = [{ name: 'target', xs: GRID_X, ys: state.target, color: 'var(--text)' }];
  if (state.hand) series.push({ name: 'hand-built', xs: GRID_X, ys: state.hand.y, color: COLORS.hand });
  if (state.trained) series.push({ name: 'trained', xs: GRID_X, ys: state.trained.pred, color: COLORS.trained });
  const [target, ...networks] = linePaths(series, x, y);
  out += el(
    'g',
    { 'clip-path': `url(#${state.clipId})` },
    el('g', { 'stroke-opacity': 0.35 }, linesSvg([target], { strokeWidth: 4.5 })) + linesSvg(networks, { strokeWidth: 2 }),
  );

  // The trained units' centres inside [0, 1], as ticks along the bottom; longer for larger output weights.
  if (state.trained) {
    const { centres, outWeights } = state.trained;
    const biggest = Math.max(1e-12, ...Array.from(outWeights).filter(finite).map(Math.abs));
    let ticks = '';
    centres.forEach((c, i) => {
      const v = outWeights[i];
      if (!finite(c) || !finite(v) || c < 0 || c > 1) return;
      const length = 4 + 10 * (Math.abs(v) / biggest);
      ticks += el('line', { x1: x(c), x2: x(c), y1: r.bottom, y2: r.bottom - length });
    });
    out += el('g', { class: 'centres', style: `stroke:${COLORS.trained}`, 'stroke-width': 2, 'stroke-linecap': 'round' }, ticks);
  }

  if (state.drawing) {
    const n = state.drawing.values.length;
    let dots = '';
    state.drawing.values.forEach((v, i) => {
      const selected = i === state.drawing!.selected;
      dots += el('circle', {
        cx: x(i / (n - 1)),
        cy: y(v),
        r: selected ? 6 : 2.6,
        class: selected ? 'selected' : undefined,
        style: selected ? 'fill:none;stroke:var(--accent)' : 'fill:var(--text)',
        'stroke-width': selected ? 2.5 : undefined,
      });
    });
    out += el('g', { class: 'drawing' }, dots);
  }

  out += axes(box, x, y, { x: { label: 'x' }, y: { label: 'g(x) and m(x)' } });
  return out;
}

export interface MseChartState {
  box: PlotBox;
  /** Hand-built MSE for B = 1 … MAX_BINS (entry B − 1); null before the worker answers. */
  byBins: Float32Array | null;
  bins: number;
  /** The trained network's MSE now, at the current B. */
  trainedMse: number | null;
}

export function drawMseChart(state: MseChartState): string {
  const { box } = state;
  const x = xScale(box, [1, MAX_BINS]);
  const values = state.byBins ?? new Float32Array(0);
  const extent = finiteExtent([values, [state.trainedMse ?? NaN]], { positive: true }) ?? [1e-4, 1];
  const lo = Math.max(extent[0], extent[1] * 1e-9);
  const y = yScale(box, [lo, extent[1]], { type: 'log', nice: true });
  const xs = Array.from({ length: values.length }, (_, i) => i + 1);
  let out = gridLines(box, null, y);
  out += linesSvg(linePaths([{ name: 'hand-built MSE', xs, ys: values, color: COLORS.hand }], x, y));
  const current = values[state.bins - 1];
  if (current !== undefined && finite(current) && current > 0) {
    out += el('circle', { class: 'current-bins', cx: x(state.bins), cy: y(current), r: 5, style: `fill:${COLORS.hand};stroke:var(--surface)`, 'stroke-width': 1.5 });
  }
  const t = state.trainedMse;
  if (t !== null && finite(t) && t > 0) {
    const r = innerRect(box);
    const cy = Math.min(r.bottom, Math.max(r.top, y(t)));
    out += el('path', {
      class: 'trained-mse',
      d: `M${num(x(state.bins))},${num(cy - 6)}l6,6l-6,6l-6,-6z`,
      style: `fill:${COLORS.trained};stroke:var(--surface)`,
      'stroke-width': 1.5,
    });
  }
  out += axes(box, x, y, { x: { label: 'bins B' }, y: { label: 'MSE' } });
  return out;
}
