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
  /** f(x) at GRID_X. */
  pred: Float32Array;
  /** Where each hidden unit is halfway up (−b/w). */
  centres: Float32Array;
  /** Each hidden unit's output weight (tick length shows its size). */
  outWeights: Float32Array;
}

/** What changes only with the parameters: the base layer of the fit. */
export interface FitBase {
  box: PlotBox;
  /** Unique per widget instance: the id of the plot's clip path. */
  clipId: string;
  bins: number;
  /** Null until the worker has answered. */
  hand: HandBuilt | null;
  /** g at GRID_X (the current target, or the drawing in progress). */
  target: Float32Array;
  /** When drawing: the drawn values (at x = i/(n − 1)) and the point the keyboard edits. */
  drawing: { values: readonly number[]; selected: number | null } | null;
}

export type FitState = FitBase & { trained: TrainedPicture | null };

const finite = Number.isFinite;

/**
 * The fit is drawn in two layers: the base (bins, target, hand-built
 * network, axes) changes only with the parameters; the live layer (the
 * trained network and its units) with every snapshot, and stays small.
 */
export function drawFitBase(state: FitBase): string {
  const { box } = state;
  const x = fitX(box);
  const y = fitY(box);
  const r = innerRect(box);
  let out = el('defs', {}, el('clipPath', { id: state.clipId }, el('rect', { x: r.left, y: r.top, width: r.right - r.left, height: r.bottom - r.top })));
  out += gridLines(box, x, y);
  out += el('line', { x1: r.left, x2: r.right, y1: y(0), y2: y(0), style: 'stroke:var(--muted)', 'stroke-opacity': 0.6 });

  // Each bin shaded from 0 to its height gᵢ, alternating so that neighbours stay apart.
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
  const [target, ...hand] = linePaths(series, x, y);
  out += el(
    'g',
    { 'clip-path': `url(#${state.clipId})` },
    el('g', { 'stroke-opacity': 0.35 }, linesSvg([target], { strokeWidth: 4.5 })) + linesSvg(hand, { strokeWidth: 2 }),
  );

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

  out += axes(box, x, y, { x: { label: 'x' }, y: { label: 'g(x) and f(x)' } });
  return out;
}

/** The live layer: the trained network, and ticks where its units are halfway up (longer for larger output weights). */
export function drawFitTrained(box: PlotBox, clipId: string, trained: TrainedPicture | null): string {
  if (!trained) return '';
  const x = fitX(box);
  const y = fitY(box);
  const r = innerRect(box);
  const [line] = linePaths([{ name: 'trained', xs: GRID_X, ys: trained.pred, color: COLORS.trained }], x, y);
  let out = el('g', { 'clip-path': `url(#${clipId})` }, linesSvg([line], { strokeWidth: 2 }));
  const { centres, outWeights } = trained;
  let biggest = 1e-12;
  for (const v of outWeights) if (finite(v)) biggest = Math.max(biggest, Math.abs(v));
  let d = '';
  centres.forEach((c, i) => {
    const v = outWeights[i];
    if (!finite(c) || !finite(v) || c < 0 || c > 1) return;
    d += `M${num(x(c))},${num(r.bottom)}v${num(-(4 + 10 * (Math.abs(v) / biggest)))}`;
  });
  if (d) out += el('path', { class: 'centres', d, style: `stroke:${COLORS.trained}`, 'stroke-width': 2, 'stroke-linecap': 'round' });
  return out;
}

export function drawFit(state: FitState): string {
  return drawFitBase(state) + drawFitTrained(state.box, state.clipId, state.trained);
}

export interface MseChartState {
  box: PlotBox;
  /** Hand-built MSE for B = 1 … MAX_BINS (entry B − 1); null before the worker answers. */
  byBins: Float32Array | null;
  bins: number;
  /** The trained network's MSE now, at the current B. */
  trainedMse: number | null;
}

/**
 * The chart's log axis: it covers the hand-built curve and the trained MSE,
 * rounded out to whole decades, so it changes (and the base layer is
 * redrawn) only when the trained MSE crosses into a new decade.
 */
export function mseDomain(state: Pick<MseChartState, 'byBins' | 'trainedMse'>): [number, number] {
  const extent = finiteExtent([state.byBins ?? new Float32Array(0), [state.trainedMse ?? NaN]], { positive: true }) ?? [1e-4, 1];
  const hi = 10 ** Math.ceil(Math.log10(extent[1]));
  const lo = 10 ** Math.floor(Math.log10(Math.max(extent[0], extent[1] * 1e-9)));
  return [lo, lo === hi ? hi * 10 : hi];
}

const mseScales = (state: MseChartState) => ({ x: xScale(state.box, [1, MAX_BINS]), y: yScale(state.box, mseDomain(state), { type: 'log' }) });

export function drawMseBase(state: MseChartState): string {
  const { box } = state;
  const { x, y } = mseScales(state);
  const values = state.byBins ?? new Float32Array(0);
  const xs = Array.from({ length: values.length }, (_, i) => i + 1);
  let out = gridLines(box, null, y);
  out += linesSvg(linePaths([{ name: 'hand-built MSE', xs, ys: values, color: COLORS.hand }], x, y));
  const current = values[state.bins - 1];
  if (current !== undefined && finite(current) && current > 0) {
    out += el('circle', { class: 'current-bins', cx: x(state.bins), cy: y(current), r: 5, style: `fill:${COLORS.hand};stroke:var(--surface)`, 'stroke-width': 1.5 });
  }
  out += axes(box, x, y, { x: { label: 'bins B' }, y: { label: 'MSE' } });
  return out;
}

/** The trained network's MSE at the current B, as a diamond. */
export function drawMseTrained(state: MseChartState): string {
  const t = state.trainedMse;
  if (t === null || !finite(t) || t <= 0) return '';
  const { x, y } = mseScales(state);
  const r = innerRect(state.box);
  const cy = Math.min(r.bottom, Math.max(r.top, y(t)));
  return el('path', {
    class: 'trained-mse',
    d: `M${num(x(state.bins))},${num(cy - 6)}l6,6l-6,6l-6,-6z`,
    style: `fill:${COLORS.trained};stroke:var(--surface)`,
    'stroke-width': 1.5,
  });
}

export function drawMseChart(state: MseChartState): string {
  return drawMseBase(state) + drawMseTrained(state);
}
