/**
 * Pure drawing for the 2-D classifier: the probability field as pixels,
 * the points and decision boundary over it, the reliability diagram and
 * the loss curve. State in, pixels or SVG markup out.
 */
import {
  axes,
  CLASS_COLORS,
  decisionPixels,
  finiteExtent,
  gridLines,
  linePaths,
  linesSvg,
  plotBox,
  scatterCircles,
  scatterSvg,
  xScale,
  yScale,
  type PlotBox,
  type Pixels,
} from '@/components/plots';
import { el, num } from '@/components/plots/svg';
import { argmaxRow, logitOf } from './calibration';
import { binaryBoundary, multiclassBoundaries, type Segment } from './boundary';
import { DOMAIN, FIELD_GRID } from './schema';

export const FIELD_BOX: PlotBox = plotBox(420, 420, { top: 10, right: 12, bottom: 36, left: 44 });
export const RELIABILITY_BOX: PlotBox = plotBox(320, 280, { top: 40, right: 12, bottom: 38, left: 48 });
export const LOSS_BOX: PlotBox = plotBox(420, 150, { top: 10, right: 12, bottom: 36, left: 52 });

export function fieldScales() {
  return { x: xScale(FIELD_BOX, [DOMAIN[0], DOMAIN[1]]), y: yScale(FIELD_BOX, [DOMAIN[2], DOMAIN[3]]) };
}

/** The probability field: each cell the class colours mixed by probability, opaque where the model is sure. */
export function fieldPixels(field: Float32Array, classes: number): Pixels {
  return decisionPixels(field, FIELD_GRID, CLASS_COLORS.slice(0, classes), { strength: 0.55 });
}

export interface OverlayState {
  classes: number;
  /** n×2 coordinates. */
  points: Float32Array;
  labels: Float32Array;
  /** p(class 1) per point (two classes), or K probabilities per point. */
  trainProbs: Float32Array;
  /** W [2, C] row-major, then b [C]. */
  weights: Float32Array;
  tau: number;
}

/** The class each point is given: p ≥ τ for two classes, the argmax for more. */
export function predictedClasses(state: Pick<OverlayState, 'classes' | 'trainProbs' | 'labels' | 'tau'>): Int32Array {
  const n = state.labels.length;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = state.classes === 2 ? (state.trainProbs[i] >= state.tau ? 1 : 0) : argmaxRow(state.trainProbs, i, state.classes);
  }
  return out;
}

function segmentPath(segments: readonly Segment[]): string {
  const { x, y } = fieldScales();
  return segments.map(([ax, ay, bx, by]) => `M${num(x(ax))},${num(y(ay))}L${num(x(bx))},${num(y(by))}`).join('');
}

/** The overlay in layers, so that what does not change during a run (axes, points) is not redrawn each frame. */
export interface OverlayLayers {
  frame: string;
  boundary: string;
  points: string;
  rings: string;
}

/** Axes of the field: the same for every run. */
export function drawFieldFrame(): string {
  const { x, y } = fieldScales();
  return axes(FIELD_BOX, x, y, { x: { label: 'x₁' }, y: { label: 'x₂' } });
}

function pointCircles(points: Float32Array, labels: Float32Array) {
  const { x, y } = fieldScales();
  const n = labels.length;
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = points[2 * i];
    ys[i] = points[2 * i + 1];
  }
  return scatterCircles({ xs, ys, labels }, x, y, { radius: 4 });
}

/** The training points, coloured by class: fixed for a run. */
export function drawPoints(points: Float32Array, labels: Float32Array): string {
  return scatterSvg(pointCircles(points, labels));
}

/** The decision boundary at τ (two classes, with the τ = ½ line dashed when τ differs) or between the argmax regions. */
export function drawBoundary(state: Pick<OverlayState, 'classes' | 'weights' | 'tau'>): string {
  const window = DOMAIN;
  if (state.classes !== 2) {
    const segments = multiclassBoundaries(state.weights, state.classes, window);
    return segments.length ? el('path', { d: segmentPath(segments), class: 'boundary', style: 'stroke:var(--text)', 'stroke-width': 2, fill: 'none', 'stroke-linecap': 'round' }) : '';
  }
  let out = '';
  if (state.tau !== 0.5) {
    const half = binaryBoundary(state.weights, 0, window);
    if (half) out += el('path', { d: segmentPath([half]), class: 'boundary-half', style: 'stroke:var(--muted);stroke-dasharray:4 4', 'stroke-width': 1.25, fill: 'none' });
  }
  const line = binaryBoundary(state.weights, logitOf(state.tau), window);
  if (line) out += el('path', { d: segmentPath([line]), class: 'boundary', style: 'stroke:var(--text)', 'stroke-width': 2, fill: 'none' });
  return out;
}

/** Rings around the points on the wrong side of the boundary. */
export function drawRings(state: OverlayState): string {
  const predicted = predictedClasses(state);
  const rings = pointCircles(state.points, state.labels)
    .filter((c) => predicted[c.index] !== state.labels[c.index])
    .map((c) => el('circle', { cx: c.cx, cy: c.cy, r: c.r + 2.5 }))
    .join('');
  return el('g', { class: 'misclassified', style: 'fill:none;stroke:var(--text);stroke-width:1.5' }, rings);
}

export function overlayLayers(state: OverlayState): OverlayLayers {
  return { frame: drawFieldFrame(), boundary: drawBoundary(state), points: drawPoints(state.points, state.labels), rings: drawRings(state) };
}

/** The whole overlay as one piece of markup, bottom layer first. */
export function drawOverlay(state: OverlayState): string {
  const l = overlayLayers(state);
  return l.frame + l.boundary + l.points + l.rings;
}

export interface ReliabilityState {
  confidence: Float32Array;
  frequency: Float32Array;
  count: Float32Array;
  /** Two classes: p(class 1) against the frequency of class 1; more: confidence against accuracy. */
  binary: boolean;
}

/** The baseline of the per-bin counts drawn above the reliability plot. */
const COUNT_BASE = 32;

function reliabilityScales() {
  return { x: xScale(RELIABILITY_BOX, [0, 1]), y: yScale(RELIABILITY_BOX, [0, 1]) };
}

/** Grid lines under the bars: fixed. */
export function drawReliabilityGrid(): string {
  return gridLines(RELIABILITY_BOX, null, reliabilityScales().y, { yTicks: 5 });
}

/** The diagonal, the axes and their titles, over the bars: fixed for a number of classes. */
export function drawReliabilityFrame(binary: boolean): string {
  const { x, y } = reliabilityScales();
  const labels = binary ? { x: 'predicted p(class 1)', y: 'fraction in class 1' } : { x: 'confidence (largest p)', y: 'fraction correct' };
  let out = el('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: 'diagonal', style: 'stroke:var(--text);stroke-dasharray:5 4', 'stroke-width': 1.25 });
  out += el('text', { x: x(0) - 6, y: COUNT_BASE - 2, 'text-anchor': 'end', style: 'fill:var(--muted);font-family:var(--sans);font-size:10px' }, 'points');
  return out + axes(RELIABILITY_BOX, x, y, { x: { label: labels.x, ticks: 5 }, y: { label: labels.y, ticks: 5 } });
}

/** One bar per non-empty bin (the observed frequency), and the bin counts above the plot. */
export function drawReliabilityBars(state: ReliabilityState): string {
  const B = state.count.length;
  const { x, y } = reliabilityScales();
  const maxCount = Math.max(1, ...Array.from(state.count).filter(Number.isFinite));
  let bars = '';
  let counts = '';
  for (let b = 0; b < B; b++) {
    if (!(state.count[b] > 0 && Number.isFinite(state.count[b]) && Number.isFinite(state.frequency[b]))) continue;
    const left = x(b / B) + 1;
    const right = x((b + 1) / B) - 1;
    const top = y(state.frequency[b]);
    bars += el('rect', { x: left, y: top, width: right - left, height: y(0) - top });
    // Above the plot, a marginal histogram: how many points fell in this bin.
    const h = 24 * (state.count[b] / maxCount);
    counts += el('rect', { x: left, y: COUNT_BASE - h, width: right - left, height: Math.max(0.5, h) });
  }
  return (
    el('g', { class: 'reliability-bars', style: 'fill:var(--accent);fill-opacity:0.55' }, bars) +
    el('g', { class: 'reliability-counts', style: 'fill:var(--muted);fill-opacity:0.7' }, counts)
  );
}

export function drawReliability(state: ReliabilityState): string {
  return drawReliabilityGrid() + drawReliabilityBars(state) + drawReliabilityFrame(state.binary);
}

export function drawLossChart(losses: Float32Array | null, label: string): string {
  const values = losses ?? new Float32Array(0);
  const x = xScale(LOSS_BOX, [0, Math.max(1, values.length - 1)], { nice: true });
  const extent = finiteExtent(values) ?? [0, 1];
  const y = yScale(LOSS_BOX, [0, Math.max(extent[1], 1e-3)], { nice: true });
  return (
    gridLines(LOSS_BOX, null, y, { yTicks: 4 }) +
    linesSvg(linePaths([{ name: label, ys: values, color: 'var(--accent)' }], x, y)) +
    axes(LOSS_BOX, x, y, { x: { label: 'step' }, y: { label, ticks: 4 } })
  );
}
