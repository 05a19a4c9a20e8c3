import { describe, expect, it } from 'vitest';
import { innerRect, plotBox, scatterCircles, scatterSvg, xScale, yScale } from '@/components/plots';
import { mulberry32, NOT_A_NUMBER } from './rng';

const box = plotBox(100, 100, { top: 10, right: 10, bottom: 10, left: 10 });
const x = xScale(box, [-1, 1]);
const y = yScale(box, [-1, 1]);

describe('scatterCircles', () => {
  it('places points and colours them by class', () => {
    const circles = scatterCircles({ xs: [0, 1], ys: [0, -1], labels: [0, 2] }, x, y, { radius: 2 });
    expect(circles).toEqual([
      { cx: 50, cy: 50, r: 2, fill: '#0072B2', cls: 0, index: 0 },
      { cx: 90, cy: 90, r: 2, fill: '#009E73', cls: 2, index: 1 },
    ]);
  });

  it('drops non-finite points and, with a clip rect, points outside it', () => {
    const data = { xs: [NaN, 0, 5, Infinity, 0.5], ys: [0, NaN, 0, 0, 0.5] };
    expect(scatterCircles(data, x, y).map((c) => c.index)).toEqual([2, 4]);
    expect(scatterCircles(data, x, y, { clip: innerRect(box) }).map((c) => c.index)).toEqual([4]);
  });

  it('snapshot: seeded two-class blobs', () => {
    const rand = mulberry32(9);
    const n = 8;
    const labels = Uint8Array.from({ length: n }, (_, k) => k % 2);
    const xs = Float32Array.from(labels, (c) => (c ? 0.5 : -0.5) + (rand() - 0.5) * 0.6);
    const ys = Float32Array.from(labels, () => (rand() - 0.5) * 1.6);
    const markup = scatterSvg(scatterCircles({ xs, ys, labels }, x, y));
    expect(markup).not.toMatch(NOT_A_NUMBER);
    expect(markup).toMatchSnapshot();
  });
});
