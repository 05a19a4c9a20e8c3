// Line charts (loss vs step): series → SVG path data. A non-finite value,
// or a non-positive one on a log axis, breaks the line: the gap is the
// honest picture of a step whose loss could not be computed or drawn.
import { line } from 'd3';
import { classColor } from './palette';
import { isLogScale, type Scale } from './scales';
import { el, esc, num } from './svg';

export interface Series {
  name: string;
  ys: ArrayLike<number>;
  /** x of each y; default the index 0, 1, 2, … */
  xs?: ArrayLike<number>;
  /** Default: the palette colour of the series' position. */
  color?: string;
}

export interface LinePath {
  name: string;
  color: string;
  /** Path data; '' when no point is drawable. */
  d: string;
  /** Points drawn. */
  points: number;
  /** Points left out (non-finite, or ≤ 0 on a log axis). */
  skipped: number;
}

/** Can this value sit on this axis? */
function drawable(v: number, scale: Scale): boolean {
  return Number.isFinite(v) && (!isLogScale(scale) || v > 0) && Number.isFinite(scale(v));
}

export function linePaths(series: readonly Series[], x: Scale, y: Scale): LinePath[] {
  return series.map((s, index) => {
    const n = s.xs ? Math.min(s.xs.length, s.ys.length) : s.ys.length;
    const xAt = (i: number) => (s.xs ? s.xs[i] : i);
    const ok = (i: number) => drawable(xAt(i), x) && drawable(s.ys[i], y);
    const indices = Array.from({ length: n }, (_, i) => i);
    const points = indices.filter(ok).length;
    const d =
      line<number>()
        .defined(ok)
        .x((i) => x(xAt(i)))
        .y((i) => y(s.ys[i]))
        .digits(2)(indices) ?? '';
    return { name: s.name, color: s.color ?? classColor(index), d: points ? d : '', points, skipped: n - points };
  });
}

/** The lines as one <g>; round joins so sharp loss spikes do not spike further. */
export function linesSvg(paths: readonly LinePath[], options: { strokeWidth?: number } = {}): string {
  const body = paths
    .filter((p) => p.d)
    .map((p) => el('path', { d: p.d, 'data-series': p.name, style: `stroke:${p.color}` }))
    .join('');
  return el(
    'g',
    { class: 'lines', fill: 'none', 'stroke-width': options.strokeWidth ?? 1.75, 'stroke-linejoin': 'round', 'stroke-linecap': 'round' },
    body,
  );
}

export interface LegendEntry {
  label: string;
  color: string;
}

export function legendEntries(series: readonly Pick<Series, 'name' | 'color'>[]): LegendEntry[] {
  return series.map((s, k) => ({ label: s.name, color: s.color ?? classColor(k) }));
}

export interface LegendOptions {
  /** Top-left corner of the legend in pixels. */
  x: number;
  y: number;
  /** 'row': side by side, `itemWidth` apart; 'column': stacked. Default 'column'. */
  direction?: 'row' | 'column';
  itemWidth?: number;
}

/** A swatch line and a label per entry. */
export function legendSvg(entries: readonly LegendEntry[], options: LegendOptions): string {
  const step = options.direction === 'row' ? options.itemWidth ?? 96 : 16;
  const body = entries
    .map((e, k) => {
      const dx = options.direction === 'row' ? k * step : 0;
      const dy = options.direction === 'row' ? 0 : k * step;
      return el(
        'g',
        { transform: `translate(${num(options.x + dx)},${num(options.y + dy)})` },
        el('line', { x1: 0, x2: 16, y1: 8, y2: 8, style: `stroke:${e.color}`, 'stroke-width': 2.5, 'stroke-linecap': 'round' }) +
          el('text', { x: 22, y: 8, dy: '0.32em', style: 'fill:var(--text)' }, esc(e.label)),
      );
    })
    .join('');
  return el('g', { class: 'legend', style: 'font-family:var(--sans);font-size:11px' }, body);
}
