/**
 * Pure drawing for soft-lookup: the key plane (the query, the keys, each
 * key's score and weight), the value plane (the values, their convex hull,
 * the output o = Σ aᵢvᵢ with a line to each value as thick as its weight),
 * and the weights as bars in the order the engine saw the pairs. State in,
 * SVG markup out. Pair j keeps colour j (the plots palette) in every panel.
 */
import { axes, classColor, gridLines, innerRect, plotBox, xScale, yScale, type PlotBox } from '@/components/plots';
import { el, esc, num } from '@/components/plots/svg';
import { withMinus } from '@/components/ui/format';
import { clampPoint, indexed, LIMIT, type Point } from './pairs';

/** Both planes: the square [−3, 3]² in a 340 × 340 box. */
export const PANEL: PlotBox = plotBox(340, 340, { top: 14, right: 16, bottom: 32, left: 30 });

const FONT = 'font-family:var(--sans);font-size:11px';
const xs = xScale(PANEL, [-LIMIT, LIMIT]);
const ys = yScale(PANEL, [-LIMIT, LIMIT]);

/** A point of the plane in pixels of the panel. */
export function toPixel(p: Point): [number, number] {
  return [xs(p[0]), ys(p[1])];
}

/** The point under a pixel, kept in the square and rounded to 2 decimals. */
export function fromPixel(px: number, py: number): Point {
  return clampPoint([xs.invert(px), ys.invert(py)]);
}

/** A signed number for a label, with a true minus sign. */
export const signed = (v: number, digits = 2) => withMinus(v.toFixed(digits));

/** Grid, axes and the two lines through the origin (dot products are measured from it). */
function plane(xLabel: string, yLabel: string): string {
  const r = innerRect(PANEL);
  const [ox, oy] = toPixel([0, 0]);
  return (
    gridLines(PANEL, xs, ys, { xTicks: 6, yTicks: 6 }) +
    el('line', { x1: r.left, x2: r.right, y1: oy, y2: oy, class: 'origin', style: 'stroke:var(--muted);stroke-opacity:0.6' }) +
    el('line', { x1: ox, x2: ox, y1: r.top, y2: r.bottom, class: 'origin', style: 'stroke:var(--muted);stroke-opacity:0.6' }) +
    axes(PANEL, xs, ys, { x: { ticks: 6, label: xLabel, format: (v) => withMinus(String(v)) }, y: { ticks: 6, format: (v) => withMinus(String(v)) } }) +
    el('text', { x: r.left + 4, y: r.top + 12, style: `fill:var(--muted);${FONT}` }, esc(yLabel))
  );
}

/** Roughly how wide a line of 11px text is. */
const textWidth = (text: string) => text.length * 6.2;

/**
 * Text beside a point, on the side `prefer` (away from the query or the
 * output, whose own label would collide), unless it would leave the plot.
 */
function label(p: Point, lines: { text: string; style: string }[], prefer: 'left' | 'right' = 'right'): string {
  const [px, py] = toPixel(p);
  const r = innerRect(PANEL);
  const width = Math.max(...lines.map((line) => textWidth(line.text))) + 11;
  const left = prefer === 'left' ? px - width >= r.left - 6 : px + width > r.right + 6;
  const tx = left ? px - 10 : px + 10;
  const top = py - ((lines.length - 1) * 12) / 2 + 4;
  return lines.map((line, k) => text(tx, top + k * 12, line.text, line.style, left ? 'end' : 'start')).join('');
}

/** One line of 11px text with a halo of the page colour, so it reads over lines and dots. */
function text(tx: number, ty: number, content: string, style: string, anchor: 'start' | 'middle' | 'end'): string {
  return el('text', { x: tx, y: ty, 'text-anchor': anchor, style: `${FONT};${style};paint-order:stroke;stroke:var(--bg);stroke-width:3px;stroke-linejoin:round` }, esc(content));
}

/** A line centred under a point (over it at the bottom edge), kept inside the plot. */
function under(p: Point, content: string): string {
  const [px, py] = toPixel(p);
  const r = innerRect(PANEL);
  const half = textWidth(content) / 2;
  const tx = Math.min(r.right - half, Math.max(r.left + half, px));
  return text(tx, py + 19 <= r.bottom - 2 ? py + 19 : py - 11, content, 'fill:var(--text)', 'middle');
}

/** Which side of `from` a label goes to keep clear of `away`. */
const sideAwayFrom = (from: Point, away: Point | null): 'left' | 'right' => (away && from[0] < away[0] ? 'left' : 'right');

/** A filled dot with a rim of the page colour. */
function dot(p: Point, color: string, extra: Record<string, string | number>): string {
  const [cx, cy] = toPixel(p);
  return el('circle', { cx, cy, r: 6, style: `fill:${color};stroke:var(--bg);stroke-width:1.5`, ...extra });
}

export interface KeySpaceState {
  query: Point;
  /** Pair j's key at index j (n of them). */
  keys: readonly Point[];
  /** By pair, or null before the worker has answered for these pairs. */
  scores: ArrayLike<number> | null;
  weights: ArrayLike<number> | null;
  scaled: boolean;
}

/** The query as an arrow from the origin with a diamond at its tip. */
function queryMark(q: Point): string {
  const [ox, oy] = toPixel([0, 0]);
  const [qx, qy] = toPixel(q);
  const length = Math.hypot(qx - ox, qy - oy);
  let out = '';
  if (length > 12) {
    const [ux, uy] = [(qx - ox) / length, (qy - oy) / length];
    const [bx, by] = [qx - ux * 9, qy - uy * 9];
    out += el('line', { x1: ox, y1: oy, x2: bx, y2: by, style: 'stroke:var(--text);stroke-width:1.5' });
  }
  const s = 7;
  out += el('polygon', { points: `${num(qx)},${num(qy - s)} ${num(qx + s)},${num(qy)} ${num(qx)},${num(qy + s)} ${num(qx - s)},${num(qy)}`, class: 'query', style: 'fill:var(--text);stroke:var(--bg);stroke-width:1.5' });
  // The label on the far side from the origin, clear of the arrow.
  return out + text(qx, qy > oy ? qy + 19 : qy - 11, 'q', 'fill:var(--text);font-weight:700', 'middle');
}

export function drawKeySpace(state: KeySpaceState): string {
  let halos = '';
  let dots = '';
  let labels = '';
  state.keys.forEach((k, j) => {
    const color = classColor(j);
    const a = state.weights?.[j];
    // A halo whose area grows with the weight: the keys the query picks stand out here too.
    if (a !== undefined && Number.isFinite(a)) {
      const [cx, cy] = toPixel(k);
      halos += el('circle', { cx, cy, r: 6 + 16 * Math.sqrt(Math.min(1, Math.max(0, a))), class: 'halo', style: `fill:${color};fill-opacity:0.22` });
    }
    dots += dot(k, color, { class: 'key', 'data-pair': j });
    const s = state.scores?.[j];
    labels += label(k, [{ text: indexed('k', j), style: `fill:${color};font-weight:700` }], sideAwayFrom(k, state.query));
    if (a !== undefined && s !== undefined) labels += under(k, `s ${signed(s)} · a ${a.toFixed(2)}`);
  });
  return plane('key plane: coordinates 1 and 2', state.scaled ? 's = q·kᵢ/√d, a = weight' : 's = q·kᵢ (not divided), a = weight') + el('g', { class: 'halos' }, halos) + el('g', { class: 'keys' }, dots) + queryMark(state.query) + labels;
}

/** The convex hull of some points, counter-clockwise (Andrew's monotone chain); fewer than 3 points come back as they are. */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 3) return sorted;
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: Point[]) => {
    const out: Point[] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2], out[out.length - 1], p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}

export interface ValueSpaceState {
  /** Pair j's value at index j (n of them). */
  values: readonly Point[];
  /** By pair, or null before the worker has answered for these pairs. */
  weights: ArrayLike<number> | null;
  output: Point | null;
}

export function drawValueSpace(state: ValueSpaceState): string {
  const hull = convexHull(state.values);
  let out = plane('value plane', 'the values vᵢ and o = Σ aᵢvᵢ');
  if (hull.length >= 3) {
    out += el('polygon', { points: hull.map((p) => toPixel(p).map((c) => num(c)).join(',')).join(' '), class: 'hull', style: 'fill:var(--accent);fill-opacity:0.07;stroke:var(--muted);stroke-dasharray:4 3' });
  }
  const o = state.output && state.weights ? state.output : null;
  if (o) {
    const [ox, oy] = toPixel(o);
    let spokes = '';
    state.values.forEach((v, j) => {
      const a = Math.min(1, Math.max(0, state.weights![j]));
      const [vx, vy] = toPixel(v);
      spokes += el('line', { x1: ox, y1: oy, x2: vx, y2: vy, class: 'spoke', 'data-pair': j, style: `stroke:${classColor(j)};stroke-width:${num(0.75 + 8 * a)};stroke-opacity:0.8;stroke-linecap:round` });
    });
    out += el('g', { class: 'spokes' }, spokes);
  }
  let labels = '';
  state.values.forEach((v, j) => {
    out += dot(v, classColor(j), { class: 'value', 'data-pair': j });
    labels += label(v, [{ text: indexed('v', j), style: `fill:${classColor(j)};font-weight:700` }], sideAwayFrom(v, o));
  });
  if (o) {
    const [ox, oy] = toPixel(o);
    out += el('circle', { cx: ox, cy: oy, r: 7, class: 'output', style: 'fill:var(--bg);stroke:var(--text);stroke-width:2' });
    out += el('path', { d: `M${num(ox - 4.5)},${num(oy)}h9M${num(ox)},${num(oy - 4.5)}v9`, style: 'stroke:var(--text);stroke-width:2' });
    labels += text(ox, oy - 12, 'o', 'fill:var(--text);font-weight:700', 'middle');
  }
  return out + labels;
}

/** The weight bars: one row per position, the pair sitting there named and coloured. */
export const WEIGHT_ROW = 24;
export const WEIGHTS_WIDTH = 340;
export const weightsHeight = (n: number) => 22 + n * WEIGHT_ROW + 4;

export interface WeightsState {
  /** The pair at each position. */
  order: readonly number[];
  /** aᵢ by position. */
  weights: ArrayLike<number>;
}

export function drawWeights(state: WeightsState): string {
  const n = state.order.length;
  const [barLeft, barRight] = [96, WEIGHTS_WIDTH - 48];
  const w = (a: number) => Math.max(0, Math.min(1, a)) * (barRight - barLeft);
  let out = el('text', { x: 4, y: 12, style: `fill:var(--muted);${FONT}` }, esc('aᵢ by position (the rows of K and V); dashed: 1/n'));
  state.order.forEach((pair, i) => {
    const top = 22 + i * WEIGHT_ROW;
    const mid = top + WEIGHT_ROW / 2;
    const a = state.weights[i];
    const color = classColor(pair);
    out += el('text', { x: 4, y: mid + 4, style: `fill:var(--text);${FONT}` }, esc(indexed('a', i)));
    out += el('rect', { x: 28, y: mid - 5, width: 10, height: 10, rx: 2, style: `fill:${color}` });
    out += el('text', { x: 42, y: mid + 4, style: `fill:${color};${FONT};font-weight:700` }, esc(`${indexed('k', pair)}, ${indexed('v', pair)}`));
    out += el('rect', { x: barLeft, y: top + 4, width: barRight - barLeft, height: WEIGHT_ROW - 8, style: 'fill:var(--surface-2)' });
    if (Number.isFinite(a)) {
      out += el('rect', { x: barLeft, y: top + 4, width: Math.max(0.5, w(a)), height: WEIGHT_ROW - 8, class: 'weight', 'data-pair': pair, style: `fill:${color};fill-opacity:0.85` });
      out += el('text', { x: barRight + 6, y: mid + 4, style: `fill:var(--text);${FONT}`, class: 'weight-value' }, esc(a.toFixed(3)));
    }
  });
  const u = barLeft + w(1 / n);
  out += el('line', { x1: u, x2: u, y1: 20, y2: 22 + n * WEIGHT_ROW, class: 'uniform', style: 'stroke:var(--text);stroke-dasharray:4 3;stroke-opacity:0.6' });
  return out;
}
