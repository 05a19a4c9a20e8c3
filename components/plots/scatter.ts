// Labelled points (a dataset over its decision field) → circle descriptors.
import { classColor } from './palette';
import { insideRect, type Rect, type Scale } from './scales';
import { el } from './svg';

/** Columns, as a worker sends them: xs[k], ys[k], labels[k] describe point k. */
export interface ScatterData {
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  /** Class index per point; default all 0. */
  labels?: ArrayLike<number>;
}

export interface Circle {
  cx: number;
  cy: number;
  r: number;
  fill: string;
  cls: number;
  /** Index in the input, to link a circle back to its point. */
  index: number;
}

export interface ScatterOptions {
  radius?: number;
  /** Class → colour; default the palette. */
  color?: (cls: number) => string;
  /** Drop points outside this pixel rect (usually the plot's inner rect). */
  clip?: Rect;
}

/** Points with a non-finite coordinate are left out: they are not data a reader can place. */
export function scatterCircles(data: ScatterData, x: Scale, y: Scale, options: ScatterOptions = {}): Circle[] {
  const r = options.radius ?? 3.5;
  const color = options.color ?? classColor;
  const n = Math.min(data.xs.length, data.ys.length);
  const out: Circle[] = [];
  for (let k = 0; k < n; k++) {
    const cx = x(data.xs[k]);
    const cy = y(data.ys[k]);
    if (!Number.isFinite(cx) || !Number.isFinite(cy)) continue;
    if (options.clip && !insideRect(options.clip, cx, cy)) continue;
    const cls = data.labels ? data.labels[k] : 0;
    out.push({ cx, cy, r, fill: color(cls), cls, index: k });
  }
  return out;
}

/** Circles with a thin page-coloured rim, so touching points and the field underneath stay apart. */
export function scatterSvg(circles: readonly Circle[], options: { rim?: string } = {}): string {
  const body = circles.map((c) => el('circle', { cx: c.cx, cy: c.cy, r: c.r, style: `fill:${c.fill}` })).join('');
  return el('g', { class: 'points', style: `stroke:${options.rim ?? 'var(--bg)'};stroke-width:1` }, body);
}
