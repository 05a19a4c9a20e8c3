import { describe, expect, it } from 'vitest';
import { legendEntries, legendSvg, linePaths, linesSvg, plotBox, xScale, yScale } from '@/components/plots';
import { mulberry32, NOT_A_NUMBER } from './rng';

const box = plotBox(200, 100, { top: 0, right: 0, bottom: 0, left: 0 });
const subpaths = (d: string) => (d.match(/M/g) ?? []).length;

describe('linePaths', () => {
  it('draws a series against its index by default', () => {
    const [p] = linePaths([{ name: 'loss', ys: [4, 2, 1] }], xScale(box, [0, 2]), yScale(box, [0, 4]));
    expect(p).toEqual({ name: 'loss', color: '#0072B2', d: 'M0,0L100,50L200,75', points: 3, skipped: 0 });
  });

  it('breaks the line at non-finite values instead of drawing them', () => {
    const ys = [1, 2, NaN, 3, 4, Infinity, -Infinity, 5, 6];
    const [p] = linePaths([{ name: 'loss', ys }], xScale(box, [0, 8]), yScale(box, [0, 6]));
    expect(p.d).not.toMatch(NOT_A_NUMBER);
    expect(subpaths(p.d)).toBe(3);
    expect(p.points).toBe(6);
    expect(p.skipped).toBe(3);
  });

  it('on a log axis, treats values ≤ 0 as gaps', () => {
    const y = yScale(box, [0.01, 100], { type: 'log' });
    const [p] = linePaths([{ name: 'loss', ys: [10, 1, 0, -1, 0.1, 0.01] }], xScale(box, [0, 5]), y);
    expect(p.d).toBe('M0,25L40,50M160,75L200,100');
    expect(p.skipped).toBe(2);
  });

  it('uses explicit xs, skips non-finite xs, and gives an empty path when nothing is drawable', () => {
    const x = xScale(box, [0, 100]);
    const y = yScale(box, [0, 1]);
    const [a, b] = linePaths(
      [
        { name: 'a', xs: [0, NaN, 100], ys: [0, 0.5, 1], color: 'red' },
        { name: 'b', ys: [NaN, NaN] },
      ],
      x,
      y,
    );
    // d3 closes one-point runs ("M…Z"), which round caps draw as dots.
    expect(a.d).toBe('M0,100ZM200,0Z');
    expect(a.color).toBe('red');
    expect(b).toMatchObject({ d: '', points: 0, skipped: 2, color: '#D55E00' });
    expect(linesSvg([b])).toBe(
      '<g class="lines" fill="none" stroke-width="1.75" stroke-linejoin="round" stroke-linecap="round"></g>',
    );
  });

  it('keeps a long series to the first, lowest, highest and last point of each pixel column', () => {
    const rand = mulberry32(1);
    const ys = Float64Array.from({ length: 10_000 }, (_, k) => 1 / (k + 1) + rand() * 0.01);
    ys[5000] = 0.9; // a spike must survive the thinning
    const x = xScale(box, [0, 9999]);
    const y = yScale(box, [0, 1]);
    const [p] = linePaths([{ name: 'loss', ys }], x, y);
    const coords = p.d.slice(1).split('L').map((pair) => pair.split(',').map(Number));
    expect(p.points).toBe(10_000);
    expect(coords.length).toBeLessThanOrEqual(4 * 201);
    expect(Math.min(...coords.map((c) => c[1]))).toBeCloseTo(y(ys[0]), 1);
    expect(Math.min(...coords.map((c) => c[1]))).toBeLessThanOrEqual(y(0.9) + 0.01);
    expect(coords[coords.length - 1][0]).toBe(200);
  });

  it('snapshot: three seeded random walks with a divergence', () => {
    const rand = mulberry32(5);
    const series = ['gd', 'momentum', 'adam'].map((name) => {
      let v = 10;
      const ys = Array.from({ length: 12 }, () => (v *= 0.6 + rand() * 0.5));
      return { name, ys };
    });
    series[1].ys[9] = NaN;
    series[1].ys[10] = NaN;
    series[1].ys[11] = NaN;
    const x = xScale(box, [0, 11]);
    const y = yScale(box, [0.1, 20], { type: 'log' });
    const markup = linesSvg(linePaths(series, x, y));
    expect(markup).not.toMatch(NOT_A_NUMBER);
    expect(markup).toMatchSnapshot();
  });
});

describe('legend', () => {
  it('lists entries with palette colours and escapes labels', () => {
    const entries = legendEntries([{ name: 'GD' }, { name: 'Adam <β>' , color: '#123456' }]);
    expect(entries).toEqual([
      { label: 'GD', color: '#0072B2' },
      { label: 'Adam <β>', color: '#123456' },
    ]);
    expect(legendSvg(entries, { x: 10.123, y: 4, direction: 'row', itemWidth: 60 })).toMatchInlineSnapshot(`"<g class="legend" style="font-family:var(--sans);font-size:11px"><g transform="translate(10.12,4)"><line x1="0" x2="16" y1="8" y2="8" style="stroke:#0072B2" stroke-width="2.5" stroke-linecap="round"/><text x="22" y="8" dy="0.32em" style="fill:var(--text)">GD</text></g><g transform="translate(70.12,4)"><line x1="0" x2="16" y1="8" y2="8" style="stroke:#123456" stroke-width="2.5" stroke-linecap="round"/><text x="22" y="8" dy="0.32em" style="fill:var(--text)">Adam &lt;β&gt;</text></g></g>"`);
  });
});
