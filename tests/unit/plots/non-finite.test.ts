// Whatever a diverging run sends, nothing non-finite reaches the markup.
import { describe, expect, it } from 'vitest';
import {
  axes,
  contourBands,
  contourSvg,
  finiteExtent,
  innerRect,
  linePaths,
  linesSvg,
  plotBox,
  scatterCircles,
  scatterSvg,
  trajectory,
  trajectorySvg,
  xScale,
  yScale,
  type Grid,
} from '@/components/plots';
import { mulberry32, NOT_A_NUMBER } from './rng';

const box = plotBox(160, 120);

/** Mostly ordinary numbers, some huge, some NaN or ±Infinity. */
function wild(rand: () => number): number {
  const r = rand();
  if (r < 0.05) return NaN;
  if (r < 0.08) return Infinity;
  if (r < 0.1) return -Infinity;
  if (r < 0.15) return (rand() - 0.5) * 1e300;
  return (rand() - 0.5) * 4;
}

describe.each(Array.from({ length: 25 }, (_, seed) => [seed]))('seed %i', (seed) => {
  it('draws no NaN or Infinity anywhere', () => {
    const rand = mulberry32(seed);
    const n = 200;
    const xs = Float64Array.from({ length: n }, () => wild(rand));
    const ys = Float64Array.from({ length: n }, () => wild(rand));
    const grid: Grid = { nx: 12, ny: 9, x0: -2, x1: 2, y0: -2, y1: 2 };
    const field = Float64Array.from({ length: grid.nx * grid.ny }, () => wild(rand));

    const x = xScale(box, finiteExtent(xs) ?? [NaN, NaN], { nice: true });
    const y = yScale(box, finiteExtent(ys) ?? [NaN, NaN], { nice: true });
    const logY = yScale(box, finiteExtent(ys, { positive: true }) ?? [0, 0], { type: 'log' });
    const fx = xScale(box, [-2, 2]);
    const fy = yScale(box, [-2, 2]);

    const markup = [
      axes(box, x, y),
      axes(box, x, logY),
      linesSvg(linePaths([{ name: 'a', ys }, { name: 'b', xs, ys }], x, y)),
      linesSvg(linePaths([{ name: 'a', ys }], x, logY)),
      scatterSvg(scatterCircles({ xs, ys, labels: xs.map(() => Math.floor(rand() * 3)) }, x, y)),
      trajectorySvg(trajectory(Float64Array.from([0, 0, ...xs.slice(0, 20)]), fx, fy, innerRect(box)), { color: 'red' }),
      ...(['linear', 'log', 'quantile'] as const).map((mode) => contourSvg(contourBands(field, grid, fx, fy, { mode }))),
    ];
    for (const m of markup) expect(m).not.toMatch(NOT_A_NUMBER);
  });
});
