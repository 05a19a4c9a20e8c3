/**
 * Editing the scatter: every change returns a new list, with points kept
 * inside the window and rounded to 0.01 (what the URL keeps), so the
 * picture, the table and a copied link always agree.
 */
import { MAX_POINTS, MIN_POINTS } from '@/components/widgets/shared/line-fit/params';
import { X_RANGE, Y_RANGE, type Point } from '@/components/widgets/shared/line-fit/presets';

const round2 = (v: number) => Math.round(v * 100) / 100;
const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));

/** The point nearest (x, y) that the widget accepts. */
export function placeable(x: number, y: number): Point {
  return [round2(clamp(x, X_RANGE)), round2(clamp(y, Y_RANGE))];
}

export function addPoint(points: readonly Point[], at: Point): readonly Point[] {
  return points.length >= MAX_POINTS ? points : [...points, placeable(at[0], at[1])];
}

export function movePoint(points: readonly Point[], index: number, to: Point): readonly Point[] {
  if (index < 0 || index >= points.length) return points;
  const next = placeable(to[0], to[1]);
  // A drag within one hundredth changes nothing: keep the list, so nothing refits.
  if (next[0] === points[index][0] && next[1] === points[index][1]) return points;
  return points.map((p, i) => (i === index ? next : p));
}

export function removePoint(points: readonly Point[], index: number): readonly Point[] {
  if (points.length <= MIN_POINTS || index < 0 || index >= points.length) return points;
  return points.filter((_, i) => i !== index);
}

/** Where a new point goes when added from the keyboard: the first free spot along y = 0 from the centre. */
export function freeSpot(points: readonly Point[]): Point {
  for (const x of [0, 0.25, -0.25, 0.5, -0.5, 0.75, -0.75, 1, -1, 1.25, -1.25, 1.5, -1.5]) {
    if (!points.some((p) => Math.abs(p[0] - x) < 0.1 && Math.abs(p[1]) < 0.1)) return [x, 0];
  }
  return [0, 0];
}
