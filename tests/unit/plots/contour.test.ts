import { describe, expect, it } from 'vitest';
import {
  contourBands,
  contourGeometry,
  contourSvg,
  contourThresholds,
  plotBox,
  sampleField,
  sanitizeField,
  xScale,
  yScale,
  type Grid,
} from '@/components/plots';
import { mulberry32, NOT_A_NUMBER } from './rng';

const rosenbrock = (x: number, y: number) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
const bowl = (x: number, y: number) => x * x + y * y;

const box = plotBox(120, 120, { top: 10, right: 10, bottom: 10, left: 10 });
const square: Grid = { nx: 40, ny: 40, x0: -1, x1: 1, y0: -1, y1: 1 };
const rosenbrockGrid: Grid = { nx: 48, ny: 48, x0: -2, x1: 2, y0: -1, y1: 3 };

function increasing(values: number[]): boolean {
  return values.every((v, k) => k === 0 || v > values[k - 1]);
}

/** Even-odd point-in-polygon over all rings of a MultiPolygon. */
function covers(coordinates: number[][][][], [px, py]: [number, number]): boolean {
  let inside = false;
  for (const shape of coordinates) {
    for (const ring of shape) {
      for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
        const [xa, ya] = ring[a];
        const [xb, yb] = ring[b];
        if (ya > py !== yb > py && px < ((xb - xa) * (py - ya)) / (yb - ya) + xa) inside = !inside;
      }
    }
  }
  return inside;
}

describe('contourThresholds', () => {
  const field = sampleField(rosenbrockGrid, rosenbrock);
  const random = Float64Array.from({ length: 400 }, mulberry32(7));

  it.each(['linear', 'log', 'quantile'] as const)('are strictly increasing from the minimum (%s)', (mode) => {
    for (const f of [field, random]) {
      const t = contourThresholds(f, 12, { mode });
      expect(increasing(t)).toBe(true);
      expect(t[0]).toBe(Math.min(...f));
      expect(t.length).toBeGreaterThan(1);
      expect(t.length).toBeLessThanOrEqual(12);
      expect(Math.max(...t)).toBeLessThan(Math.max(...f));
    }
  });

  it('in log mode resolve the floor of a field with a huge range', () => {
    const max = Math.max(...field);
    const below = (t: number[]) => t.filter((v) => v < max / 100).length;
    const linear = contourThresholds(field, 16, { mode: 'linear' });
    const log = contourThresholds(field, 16, { mode: 'log' });
    expect(below(linear)).toBe(1);
    expect(below(log)).toBeGreaterThanOrEqual(8);
  });

  it('ignore non-finite values and collapse for constant fields', () => {
    expect(contourThresholds([NaN, 1, Infinity, 3], 3)).toEqual([1, 1 + 2 / 3, 1 + 4 / 3]);
    expect(contourThresholds([2, 2, 2, 2], 8)).toEqual([2]);
    expect(contourThresholds([NaN, NaN], 8)).toEqual([]);
  });
});

describe('contourBands', () => {
  it('draw a bowl as nested rings around its minimum', () => {
    const field = sampleField(square, bowl);
    const thresholds = [0, 0.05, 0.15, 0.3, 0.5, 0.8];
    const polygons = contourGeometry(sanitizeField(field).values, square, thresholds);
    const cell = (square.x1 - square.x0) / square.nx;
    let previous = 0;
    for (const polygon of polygons.slice(1)) {
      // {v ≥ t} is the box minus a disc: one shape, outer ring plus one hole of radius √t.
      expect(polygon.coordinates).toHaveLength(1);
      const [outer, hole] = polygon.coordinates[0].length === 2 ? polygon.coordinates[0] : [[], []];
      expect(outer.length).toBeGreaterThan(0);
      const radii = hole.map(([x, y]) => Math.hypot(x, y));
      const mean = radii.reduce((a, b) => a + b, 0) / radii.length;
      expect(Math.abs(mean - Math.sqrt(polygon.value))).toBeLessThan(cell);
      expect(Math.max(...radii) - Math.min(...radii)).toBeLessThan(cell);
      expect(mean).toBeGreaterThan(previous);
      previous = mean;
    }
  });

  it('fill the whole box squarely with the lowest band', () => {
    const field = sampleField(square, bowl);
    const x = xScale(box, [-1, 1]);
    const y = yScale(box, [-1, 1]);
    const { bands } = contourBands(field, square, x, y, { thresholds: 5 });
    expect(bands[0].d).toBe('M10,10L110,10L110,110L10,110Z');
  });

  it('snapshot: a seeded 5×4 field', () => {
    const rand = mulberry32(42);
    const grid: Grid = { nx: 5, ny: 4, x0: 0, x1: 5, y0: 0, y1: 4 };
    const field = Float64Array.from({ length: 20 }, () => Math.round(rand() * 100) / 10);
    const x = xScale(box, [0, 5]);
    const y = yScale(box, [0, 4]);
    const result = contourBands(field, grid, x, y, { thresholds: 4 });
    expect(result.thresholds).toMatchInlineSnapshot(`
      [
        0,
        2.2,
        4.4,
        6.6000000000000005,
      ]
    `);
    expect(contourSvg(result)).toMatchSnapshot();
  });

  it('use theme colours: dark and light differ, both hex', () => {
    const field = sampleField(square, bowl);
    const x = xScale(box, [-1, 1]);
    const y = yScale(box, [-1, 1]);
    const light = contourBands(field, square, x, y, { theme: 'light' }).bands.map((b) => b.fill);
    const dark = contourBands(field, square, x, y, { theme: 'dark' }).bands.map((b) => b.fill);
    expect(light.every((c) => /^#[0-9a-f]{6}$/.test(c))).toBe(true);
    expect(dark.every((c) => /^#[0-9a-f]{6}$/.test(c))).toBe(true);
    expect(light).not.toEqual(dark);
  });

  it('never draw NaN or Infinity, leave NaN cells as holes, clamp infinities', () => {
    const field = sampleField(rosenbrockGrid, rosenbrock);
    const rand = mulberry32(3);
    const holes: number[] = [];
    for (let k = 0; k < field.length; k++) {
      const r = rand();
      if (r < 0.03) {
        field[k] = NaN;
        holes.push(k);
      } else if (r < 0.05) field[k] = Infinity;
      else if (r < 0.06) field[k] = -Infinity;
    }
    const x = xScale(box, [-2, 2]);
    const y = yScale(box, [-1, 3]);
    for (const mode of ['linear', 'log', 'quantile'] as const) {
      const result = contourBands(field, rosenbrockGrid, x, y, { mode, thresholds: 12 });
      expect(result.nan).toBe(holes.length);
      expect(result.infinite).toBeGreaterThan(0);
      expect(result.bands.length).toBeGreaterThan(1);
      for (const band of result.bands) expect(band.d).not.toMatch(NOT_A_NUMBER);
      expect(contourSvg(result)).not.toMatch(NOT_A_NUMBER);
    }
    // No band covers the centre of a NaN cell.
    const { values } = sanitizeField(field);
    const thresholds = contourThresholds(field, 12, { mode: 'log' });
    const polygons = contourGeometry(values, rosenbrockGrid, thresholds);
    const { nx, x0, y0 } = rosenbrockGrid;
    const dx = (rosenbrockGrid.x1 - x0) / nx;
    const dy = (rosenbrockGrid.y1 - y0) / rosenbrockGrid.ny;
    for (const k of holes) {
      const centre: [number, number] = [x0 + ((k % nx) + 0.5) * dx, y0 + (Math.floor(k / nx) + 0.5) * dy];
      expect(polygons.some((p) => covers(p.coordinates, centre))).toBe(false);
    }
  });

  it('return nothing for an all-NaN field, and reject a field of the wrong size', () => {
    const x = xScale(box, [0, 1]);
    const y = yScale(box, [0, 1]);
    const grid: Grid = { nx: 2, ny: 2, x0: 0, x1: 1, y0: 0, y1: 1 };
    expect(contourBands([NaN, NaN, NaN, NaN], grid, x, y)).toEqual({ bands: [], thresholds: [], nan: 4, infinite: 0 });
    expect(() => contourBands([1, 2, 3], grid, x, y)).toThrow(/needs 4/);
  });

  it('clip to the visible rect when zoomed in', () => {
    const field = sampleField(square, bowl);
    const x = xScale(box, [0, 1]);
    const y = yScale(box, [0, 1]);
    const { bands } = contourBands(field, square, x, y, { clip: { left: 10, top: 10, right: 110, bottom: 110 } });
    for (const band of bands) {
      const numbers = band.d.match(/-?[\d.]+/g)!.map(Number);
      expect(Math.min(...numbers)).toBeGreaterThanOrEqual(10);
      expect(Math.max(...numbers)).toBeLessThanOrEqual(110);
    }
  });
});
