/**
 * Pure drawing for the playground's plane and charts: the decision field
 * and a unit's field as pixels, the points and axes as SVG markup, the loss
 * and accuracy curves as SVG markup. State in, pixels or markup out.
 */
import { interpolateLab } from 'd3';
import {
  axes,
  BACKGROUND,
  CLASS_COLORS,
  decisionPixels,
  finiteExtent,
  gridLines,
  innerRect,
  linePaths,
  linesSvg,
  plotBox,
  rgbBytes,
  scatterCircles,
  xScale,
  yScale,
  type LinePath,
  type Pixels,
  type PlotBox,
  type Scale,
  type Theme,
} from '@/components/plots';
import { el } from '@/components/plots/svg';
import { DOMAIN, HISTORY_COLUMNS as C, HISTORY_STRIDE } from './snapshot';

export const PLANE_BOX: PlotBox = plotBox(400, 400, { top: 8, right: 10, bottom: 34, left: 40 });
// The right margin holds half of the last step label ("5,000"), which would be clipped at 12.
export const CHART_BOX: PlotBox = plotBox(360, 190, { top: 10, right: 20, bottom: 34, left: 50 });

export function planeScales() {
  return { x: xScale(PLANE_BOX, [DOMAIN.x0, DOMAIN.x1]), y: yScale(PLANE_BOX, [DOMAIN.y0, DOMAIN.y1]) };
}

/** Each class's colour, from the book's palette. */
export function classColors(classes: number): string[] {
  return CLASS_COLORS.slice(0, classes);
}

/**
 * The decision field: class colours mixed by probability, transparent where
 * the classes are equally likely. Discretized, each cell takes its most
 * likely class outright.
 */
export function decisionImage(probs: Float32Array, n: number, classes: number, discretize: boolean): Pixels {
  let p: ArrayLike<number> = probs;
  if (discretize) {
    const hard = new Float32Array(probs.length);
    for (let cell = 0; cell < n * n; cell++) {
      let best = 0;
      for (let k = 1; k < classes; k++) if (probs[cell * classes + k] > probs[cell * classes + best]) best = k;
      if (Number.isFinite(probs[cell * classes + best])) hard[cell * classes + best] = 1;
      else hard[cell * classes] = NaN;
    }
    p = hard;
  }
  return decisionPixels(p, { nx: n, ny: n }, classColors(classes), { strength: discretize ? 0.55 : 0.75 });
}

/** Ends of the diverging scale for unit activations and weights: negative, positive. */
export const DIVERGING: Readonly<Record<Theme, readonly [string, string]>> = {
  light: ['#b35806', '#542788'],
  dark: ['#f1a340', '#a99ae0'],
};

/** 256 colours per sign, from the page background (0) to the scale's end (1), as RGB bytes. */
function divergingTable(theme: Theme): [Uint8Array, Uint8Array] {
  return DIVERGING[theme].map((end) => {
    const mix = interpolateLab(BACKGROUND[theme], end);
    const table = new Uint8Array(256 * 3);
    for (let k = 0; k < 256; k++) table.set(rgbBytes(mix(k / 255)), 3 * k);
    return table;
  }) as [Uint8Array, Uint8Array];
}

const tables: Partial<Record<Theme, [Uint8Array, Uint8Array]>> = {};
export function tablesFor(theme: Theme): [Uint8Array, Uint8Array] {
  return (tables[theme] ??= divergingTable(theme));
}

/**
 * A unit's field as pixels into `out` at row stride `stride` (pixels) and
 * column `x0`: orange below zero, purple above, the page colour at zero.
 * Values are divided by max(1, max |v|): a unit that stays within ±1 shows
 * its true size (a saturated tanh is solid colour), a larger one its shape.
 * Non-finite cells stay transparent. Grid rows run bottom-up, canvas rows
 * top-down.
 */
export function unitPixelsInto(values: ArrayLike<number>, offset: number, t: number, theme: Theme, out: Pixels, stride: number, x0: number): void {
  const [neg, pos] = tablesFor(theme);
  let scale = 1;
  for (let c = 0; c < t * t; c++) {
    const a = Math.abs(values[offset + c]);
    if (a > scale && Number.isFinite(a)) scale = a;
  }
  for (let j = 0; j < t; j++) {
    const row = t - 1 - j;
    for (let i = 0; i < t; i++) {
      const v = values[offset + j * t + i];
      const o = 4 * (row * stride + x0 + i);
      if (!Number.isFinite(v)) {
        out[o + 3] = 0;
        continue;
      }
      const table = v < 0 ? neg : pos;
      const k = 3 * Math.round((Math.abs(v) / scale) * 255);
      out[o] = table[k];
      out[o + 1] = table[k + 1];
      out[o + 2] = table[k + 2];
      out[o + 3] = 255;
    }
  }
}

/** One unit's field on its own (the enlarged view). */
export function unitImage(values: ArrayLike<number>, n: number, theme: Theme): Pixels {
  const out = new Uint8ClampedArray(n * n * 4);
  unitPixelsInto(values, 0, n, theme, out, n, 0);
  return out;
}

export interface PointSet {
  x: Float32Array;
  y: Int32Array;
  /** Points [0, nTrain) train, the next nValidation validation, the rest test. */
  nTrain: number;
  nValidation: number;
  classes: number;
}

/**
 * Training points as filled dots with a page-coloured rim; validation points
 * as squares and test points as dots, both ringed in the text colour, so the
 * three sets stay apart on any field. `showHeldOut` shows the last two.
 */
export function pointsSvg(data: PointSet, showHeldOut: boolean): string {
  const { x, y } = planeScales();
  const clip = innerRect(PLANE_BOX);
  const colors = classColors(data.classes);
  const column = (from: number, to: number, axis: 0 | 1) => Array.from({ length: to - from }, (_, k) => data.x[2 * (from + k) + axis]);
  const set = (from: number, to: number) =>
    scatterCircles({ xs: column(from, to, 0), ys: column(from, to, 1), labels: data.y.subarray(from, to) }, x, y, {
      clip,
      radius: 3.2,
      color: (k) => colors[k],
    });
  const dots = (circles: ReturnType<typeof set>) => circles.map((c) => el('circle', { cx: c.cx, cy: c.cy, r: c.r, style: `fill:${c.fill}` })).join('');
  // A square of the same area as the dot (side r·√π).
  const squares = (circles: ReturnType<typeof set>) =>
    circles
      .map((c) => {
        const side = c.r * Math.sqrt(Math.PI);
        return el('rect', { x: c.cx - side / 2, y: c.cy - side / 2, width: side, height: side, style: `fill:${c.fill}` });
      })
      .join('');
  const held = data.nTrain + data.nValidation;
  let out = el('g', { class: 'train-points', style: 'stroke:var(--bg);stroke-width:1' }, dots(set(0, data.nTrain)));
  if (showHeldOut) {
    out += el('g', { class: 'validation-points', style: 'stroke:var(--text);stroke-width:1.3' }, squares(set(data.nTrain, held)));
    out += el('g', { class: 'test-points', style: 'stroke:var(--text);stroke-width:1.3' }, dots(set(held, data.x.length / 2)));
  }
  return out;
}

export function planeAxes(): string {
  const { x, y } = planeScales();
  return axes(PLANE_BOX, x, y, { x: { label: 'x₁', ticks: 5 }, y: { label: 'x₂', ticks: 5 } });
}

/** The three sets' lines; their key is the column heads of the readout table above the charts. */
export const SERIES = {
  train: { name: 'training', color: 'var(--text)' },
  validation: { name: 'validation', color: '#0072B2' },
  test: { name: 'test', color: '#D55E00' },
} as const;
export const SERIES_KEY = Object.values(SERIES).map((s) => ({ label: s.name, color: s.color }));

/** Column c of the history (stride HISTORY_STRIDE). */
export function historyColumn(history: Float32Array, c: number): Float32Array {
  const rows = Math.floor(history.length / HISTORY_STRIDE);
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = history[r * HISTORY_STRIDE + c];
  return out;
}

/**
 * A chart as markup, plus what a repaint needs to know: the key of its
 * scales (while it holds, only the lines' path data changed) and the lines.
 */
export interface Chart {
  key: string;
  markup: string;
  lines: LinePath[];
}

const scaleKey = (x: Scale, y: Scale) => `${x.domain().join(',')}|${y.domain().join(',')}`;

/**
 * Training, validation and test loss (the data loss, without the penalty)
 * against the step, on a log axis (the loss spans decades as a net fits).
 */
export function lossChart(history: Float32Array): Chart {
  const steps = historyColumn(history, C.step);
  const train = historyColumn(history, C.trainLoss);
  const validation = historyColumn(history, C.validationLoss);
  const test = historyColumn(history, C.testLoss);
  const x = xScale(CHART_BOX, [0, Math.max(10, steps[steps.length - 1] ?? 0)], { nice: true });
  const extent = finiteExtent([train, validation, test], { positive: true }) ?? [0.01, 1];
  const y = yScale(CHART_BOX, [Math.min(extent[0], extent[1] / 10), extent[1]], { type: 'log', nice: true });
  const series = [
    { ...SERIES.train, xs: steps, ys: train },
    { ...SERIES.validation, xs: steps, ys: validation },
    { ...SERIES.test, xs: steps, ys: test },
  ];
  const lines = linePaths(series, x, y);
  const markup = gridLines(CHART_BOX, null, y) + linesSvg(lines) + axes(CHART_BOX, x, y, { x: { label: 'step', ticks: 4 }, y: { label: 'loss 𝓛' } });
  return { key: scaleKey(x, y), markup, lines };
}

/** Training, validation and test accuracy against the step, 0 to 100%. */
export function accuracyChart(history: Float32Array, classes: number): Chart {
  const steps = historyColumn(history, C.step);
  const x = xScale(CHART_BOX, [0, Math.max(10, steps[steps.length - 1] ?? 0)], { nice: true });
  const y = yScale(CHART_BOX, [0, 1]);
  const series = [
    { ...SERIES.train, xs: steps, ys: historyColumn(history, C.trainAccuracy) },
    { ...SERIES.validation, xs: steps, ys: historyColumn(history, C.validationAccuracy) },
    { ...SERIES.test, xs: steps, ys: historyColumn(history, C.testAccuracy) },
  ];
  const chance = y(1 / classes);
  const r = innerRect(CHART_BOX);
  const chanceLine =
    el('line', { x1: r.left, x2: r.right, y1: chance, y2: chance, style: 'stroke:var(--muted)', 'stroke-dasharray': '3 3' }) +
    el('text', { x: r.right - 4, y: chance - 4, 'text-anchor': 'end', style: 'fill:var(--muted);font-family:var(--sans);font-size:10px' }, 'chance');
  const lines = linePaths(series, x, y);
  const markup =
    gridLines(CHART_BOX, null, y) +
    chanceLine +
    linesSvg(lines) +
    axes(CHART_BOX, x, y, { x: { label: 'step', ticks: 4 }, y: { label: 'accuracy', format: (v) => `${Math.round(v * 100)}%` } });
  return { key: `${scaleKey(x, y)}|${classes}`, markup, lines };
}
