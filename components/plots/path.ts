// An optimiser's trajectory over a contour plot: a polyline from the start
// to the latest point, cut where it stops being drawable. A step to a
// non-finite point ends the line at the last finite point; a step out of
// the box ends it where the segment crosses the box's edge. Either way the
// result says so, and the end marker becomes a cross.
import type { Rect, Scale } from './scales';
import { insideRect } from './scales';
import { el, num } from './svg';

export type TrajectoryExit = 'none' | 'left-box' | 'non-finite';

export interface Trajectory {
  /** Path data in pixels; '' when not even the start is drawable. */
  d: string;
  start: [number, number] | null;
  /** The last drawn point: the latest position, or the cut point. */
  end: [number, number] | null;
  /** Input points drawn in full. */
  drawn: number;
  exit: TrajectoryExit;
  /** Index of the first point that was not drawn, when the path was cut. */
  exitIndex: number | null;
}

/** Points as a flat [x0, y0, x1, y1, …] array (what a worker transfers) or as pairs. */
export type TrajectoryPoints = ArrayLike<number> | ReadonlyArray<readonly [number, number]>;

function pointReader(points: TrajectoryPoints): { count: number; at(k: number): [number, number] } {
  if (points.length > 0 && typeof points[0] !== 'number') {
    const pairs = points as ReadonlyArray<readonly [number, number]>;
    return { count: pairs.length, at: (k) => [pairs[k][0], pairs[k][1]] };
  }
  const flat = points as ArrayLike<number>;
  return { count: Math.floor(flat.length / 2), at: (k) => [flat[2 * k], flat[2 * k + 1]] };
}

/**
 * Where the segment from a (inside) toward b first meets the rect's edge
 * (Liang–Barsky): a + t·(b − a) for the largest t in [0, 1] still inside.
 */
export function exitPoint(a: readonly [number, number], b: readonly [number, number], rect: Rect): [number, number] {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t = 1;
  const limit = (delta: number, room: number) => {
    if (delta !== 0 && room / delta < t && room / delta >= 0) t = room / delta;
  };
  if (dx > 0) limit(dx, rect.right - a[0]);
  if (dx < 0) limit(dx, rect.left - a[0]);
  if (dy > 0) limit(dy, rect.bottom - a[1]);
  if (dy < 0) limit(dy, rect.top - a[1]);
  return [a[0] + t * dx, a[1] + t * dy];
}

/** Steps shorter than this (pixels, each axis) are merged: a converged run adds nothing visible. */
const MIN_STEP = 0.5;

export function trajectory(points: TrajectoryPoints, x: Scale, y: Scale, rect: Rect): Trajectory {
  const reader = pointReader(points);
  const kept: [number, number][] = [];
  let last: [number, number] | null = null;
  let drawn = 0;
  let exit: TrajectoryExit = 'none';
  let exitIndex: number | null = null;
  let cut: [number, number] | null = null;
  for (let k = 0; k < reader.count; k++) {
    const [dataX, dataY] = reader.at(k);
    const p: [number, number] = [x(dataX), y(dataY)];
    if (!Number.isFinite(dataX) || !Number.isFinite(dataY) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      exit = 'non-finite';
      exitIndex = k;
      break;
    }
    if (!insideRect(rect, p[0], p[1])) {
      exit = 'left-box';
      exitIndex = k;
      if (last) cut = exitPoint(last, p, rect);
      break;
    }
    const previous = kept[kept.length - 1];
    if (!previous || Math.abs(p[0] - previous[0]) >= MIN_STEP || Math.abs(p[1] - previous[1]) >= MIN_STEP) kept.push(p);
    last = p;
    drawn++;
  }
  if (last && kept[kept.length - 1] !== last) kept.push(last);
  if (cut) kept.push(cut);
  const d = kept.map((p, k) => `${k === 0 ? 'M' : 'L'}${num(p[0])},${num(p[1])}`).join('');
  return {
    d,
    start: kept[0] ?? null,
    end: kept[kept.length - 1] ?? null,
    drawn,
    exit,
    exitIndex,
  };
}

export interface TrajectoryStyle {
  color: string;
  /** Names the path for assistive technology and tests. */
  label?: string;
  strokeWidth?: number;
  /** Marker radius. */
  radius?: number;
}

/**
 * A page-coloured halo under the coloured line keeps it legible on any
 * contour colour. Start: hollow ring; end: filled dot, or a cross when the
 * path was cut.
 */
export function trajectorySvg(t: Trajectory, style: TrajectoryStyle): string {
  if (!t.start || !t.end) return '';
  const width = style.strokeWidth ?? 2;
  const r = style.radius ?? 4;
  const stroke = `stroke:${style.color}`;
  let body = '';
  if (t.d.includes('L')) {
    body += el('path', { d: t.d, style: 'stroke:var(--bg)', 'stroke-opacity': 0.75, 'stroke-width': width + 2.5 });
    body += el('path', { d: t.d, style: stroke, 'stroke-width': width });
  }
  body += el('circle', { cx: t.start[0], cy: t.start[1], r, style: `${stroke};fill:var(--bg)`, 'stroke-width': 2 });
  if (t.exit === 'none') {
    body += el('circle', { cx: t.end[0], cy: t.end[1], r, style: `fill:${style.color};stroke:var(--bg)`, 'stroke-width': 1.5 });
  } else {
    const [cx, cy] = t.end;
    const c = `M${num(cx - r)},${num(cy - r)}L${num(cx + r)},${num(cy + r)}M${num(cx - r)},${num(cy + r)}L${num(cx + r)},${num(cy - r)}`;
    body += el('path', { d: c, style: 'stroke:var(--bg)', 'stroke-width': 4.5 });
    body += el('path', { d: c, style: stroke, 'stroke-width': 2.5 });
  }
  return el(
    'g',
    {
      class: 'trajectory',
      'data-exit': t.exit,
      'aria-label': style.label,
      role: style.label ? 'img' : undefined,
      fill: 'none',
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
    },
    body,
  );
}
