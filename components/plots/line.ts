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
  /** A dash pattern (`stroke-dasharray`), for series told apart by more than colour. */
  dash?: string;
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
  dash?: string;
}


type Point = readonly [number, number];

/**
 * Pixel points of one series, with null where the line breaks. Within one
 * pixel column only the first, lowest, highest and last points of a run are
 * kept (M4 aggregation): the drawn picture is the same, and a 10,000-step
 * loss curve costs what a few hundred points do.
 */
function pixelPoints(s: Series, x: Scale, y: Scale): { points: (Point | null)[]; drawn: number; total: number } {
  const total = s.xs ? Math.min(s.xs.length, s.ys.length) : s.ys.length;
  const points: (Point | null)[] = [];
  let drawn = 0;
  let column: Point[] = [];
  let columnX = NaN;
  const logX = isLogScale(x);
  const logY = isLogScale(y);
  const flush = () => {
    if (column.length <= 4) points.push(...column);
    else {
      let lo = column[0];
      let hi = column[0];
      for (const p of column) {
        if (p[1] < lo[1]) lo = p;
        if (p[1] > hi[1]) hi = p;
      }
      const keep = new Set([column[0], lo, hi, column[column.length - 1]]);
      points.push(...column.filter((p) => keep.has(p)));
    }
    column = [];
  };
  for (let i = 0; i < total; i++) {
    const xv = s.xs ? s.xs[i] : i;
    const yv = s.ys[i];
    // Non-finite data, or ≤ 0 on a log axis, cannot be placed; a scale can still overflow.
    const p: Point = [x(xv), y(yv)];
    if (!(logX ? xv > 0 : Number.isFinite(xv)) || !(logY ? yv > 0 : Number.isFinite(yv)) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      flush();
      if (points.length > 0 && points[points.length - 1] !== null) points.push(null);
      continue;
    }
    const col = Math.floor(p[0]);
    if (col !== columnX) {
      flush();
      columnX = col;
    }
    column.push(p);
    drawn++;
  }
  flush();
  return { points, drawn, total };
}

export function linePaths(series: readonly Series[], x: Scale, y: Scale): LinePath[] {
  const path = line<Point | null>()
    .defined((p) => p !== null)
    .x((p) => p![0])
    .y((p) => p![1])
    .digits(2);
  return series.map((s, index) => {
    const { points, drawn, total } = pixelPoints(s, x, y);
    return {
      name: s.name,
      color: s.color ?? classColor(index),
      d: drawn ? path(points) ?? '' : '',
      points: drawn,
      skipped: total - drawn,
      ...(s.dash ? { dash: s.dash } : {}),
    };
  });
}

/** The lines as one <g>; round joins so sharp loss spikes do not spike further. */
export function linesSvg(paths: readonly LinePath[], options: { strokeWidth?: number } = {}): string {
  const body = paths
    .filter((p) => p.d)
    .map((p) => el('path', { d: p.d, 'data-series': p.name, style: `stroke:${p.color}`, 'stroke-dasharray': p.dash }))
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
