import { describe, expect, it } from 'vitest';
import { drawFit, FIT_BOX, lineOf, lineSegment } from '@/components/widgets/shared/line-fit/draw';
import { addPoint, freeSpot, movePoint, placeable, removePoint } from '@/components/widgets/fit-a-line/editing';
import { objectiveField } from '@/components/widgets/shared/line-fit/model';
import { PRESETS } from '@/components/widgets/shared/line-fit/presets';
import { MAX_POINTS } from '@/components/widgets/shared/line-fit/params';
import { drawSurface, drawSurfaceContours, INSET_BOX, surfaceGrid } from '@/components/widgets/loss-surface/draw';
import type { Snapshot } from '@/workers/api';
import type { LinearFitFrame } from '@/components/widgets/shared/line-fit/model';

const NOT_FINITE = /NaN|Infinity/;

describe('lineSegment', () => {
  it('clips y = w·x + b to the window', () => {
    expect(lineSegment({ w: 0.5, b: 0 }, [-2, 2], [-3, 3])).toEqual([[-2, -1], [2, 1]]);
    // Steep: enters through the bottom, leaves through the top.
    expect(lineSegment({ w: 3, b: 0 }, [-2, 2], [-3, 3])).toEqual([[-1, -3], [1, 3]]);
    expect(lineSegment({ w: 0, b: 1 }, [-2, 2], [-3, 3])).toEqual([[-2, 1], [2, 1]]);
  });

  it('is null for a line that misses the window or is not finite', () => {
    expect(lineSegment({ w: 0, b: 4 }, [-2, 2], [-3, 3])).toBeNull();
    expect(lineSegment({ w: 1, b: 10 }, [-2, 2], [-3, 3])).toBeNull();
    expect(lineSegment({ w: NaN, b: 0 }, [-2, 2], [-3, 3])).toBeNull();
    expect(lineSegment({ w: 1, b: Infinity }, [-2, 2], [-3, 3])).toBeNull();
  });
});

describe('drawFit', () => {
  it('snapshot: the outliers with a fitted line, the least-squares ghost and residuals', () => {
    const markup = drawFit({ points: PRESETS.outliers.points, fit: { w: 0.69, b: 0.26 }, closed: { w: 0.0816, b: -0.2289 }, selected: 3, editable: true });
    expect(markup).not.toMatch(NOT_FINITE);
    expect(markup.match(/data-index=/g)?.length).toBe(PRESETS.outliers.points.length);
    expect(markup).toContain('class="selected"');
    expect(markup).toMatchSnapshot();
  });

  it('draws nothing non-finite for exploded or missing lines, in the small box too', () => {
    for (const fit of [null, { w: 1e30, b: -1e30 }, { w: NaN, b: 0 }, { w: 5000, b: 3 }]) {
      const markup = drawFit({ points: PRESETS.clean.points, fit, closed: fit }, INSET_BOX);
      expect(markup).not.toMatch(NOT_FINITE);
      expect(markup).toContain('class="points"');
    }
    expect(drawFit({ points: PRESETS.clean.points, fit: null, closed: null })).not.toContain('class="residuals"');
    expect(FIT_BOX.width).toBeGreaterThan(INSET_BOX.width);
  });

  it('reads lines from a snapshot only when they are finite numbers', () => {
    const snap = (data: Partial<LinearFitFrame>) => ({ data }) as Snapshot<Partial<LinearFitFrame>>;
    expect(lineOf(snap({ w: 1, b: 2, closedW: null, closedB: null }), 'fit')).toEqual({ w: 1, b: 2 });
    expect(lineOf(snap({ w: 1, b: 2, closedW: null, closedB: null }), 'closed')).toBeNull();
    expect(lineOf(snap({ w: NaN, b: 2 }), 'fit')).toBeNull();
    expect(lineOf(null, 'fit')).toBeNull();
  });
});

describe('drawSurface', () => {
  it('snapshot: contours of the engine’s field, a path and the minimum', () => {
    const grid = surfaceGrid(24);
    const field = objectiveField(PRESETS.clean.points, { loss: 'squared', delta: 0.5, ridge: 0 }, grid);
    const contours = drawSurfaceContours(field, 'light', grid);
    expect(contours).toContain('<path');
    const path = new Float32Array([-2.4, 2.2, -1.5, 1.7, -0.5, 1.1, 0.5, 0.6, 0.85, 0.4]);
    const markup = drawSurface({ contours, start: [-2.4, 2.2], path, minimum: { w: 0.86, b: 0.39 } });
    expect(markup).not.toMatch(NOT_FINITE);
    expect(markup).toContain('class="minimum-marker"');
    expect(markup).toContain('class="trajectory"');
    expect(markup).toMatchSnapshot();
  });

  it('shows the start before the walk, and leaves out a minimum off the map', () => {
    const markup = drawSurface({ contours: '', start: [1, -1], path: new Float32Array([1, -1]), minimum: { w: 12, b: 0 } });
    expect(markup).toContain('class="start-marker"');
    expect(markup).not.toContain('minimum-marker');
  });

  it('a diverging path is cut at the map’s edge, never drawn with non-finite numbers', () => {
    const path = new Float32Array([0, 0, 1, -1, -4, 5, 60, -80, NaN, Infinity]);
    const markup = drawSurface({ contours: '', start: [0, 0], path, minimum: null });
    expect(markup).toContain('data-exit="left-box"');
    expect(markup).not.toMatch(NOT_FINITE);
  });
});

describe('editing the points', () => {
  const pts = PRESETS.clean.points;

  it('keeps points in the window, rounded to 0.01', () => {
    expect(placeable(5, -9)).toEqual([2, -3]);
    expect(placeable(0.123456, -1.005)).toEqual([0.12, -1]);
    expect(movePoint(pts, 2, [0.304, 0.707])[2]).toEqual([0.3, 0.71]);
  });

  it('adds up to the maximum and removes down to the minimum, returning the same list when it cannot', () => {
    expect(addPoint(pts, [0, 0]).length).toBe(pts.length + 1);
    const full = Array.from({ length: MAX_POINTS }, (_, i) => [i / 20, 0] as const);
    expect(addPoint(full, [0, 0])).toBe(full);
    const two = pts.slice(0, 2);
    expect(removePoint(two, 0)).toBe(two);
    expect(removePoint(pts, 0)[0]).toEqual(pts[1]);
    expect(movePoint(pts, 99, [0, 0])).toBe(pts);
    expect(movePoint(pts, 0, [pts[0][0] + 0.001, pts[0][1]])).toBe(pts);
  });

  it('puts a keyboard-added point on a free spot along y = 0', () => {
    expect(freeSpot(pts)).toEqual([0, 0]);
    expect(freeSpot([[0, 0], [0.25, 0.05], [1, 1]])).toEqual([-0.25, 0]);
  });
});
