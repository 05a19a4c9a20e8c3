import { describe, expect, it } from 'vitest';
import { exitPoint, innerRect, plotBox, trajectory, trajectorySvg, xScale, yScale } from '@/components/plots';
import { mulberry32, NOT_A_NUMBER } from './rng';

const box = plotBox(120, 120, { top: 10, right: 10, bottom: 10, left: 10 });
const rect = innerRect(box); // 10..110 both ways
const x = xScale(box, [-1, 1]);
const y = yScale(box, [-1, 1]);

describe('trajectory', () => {
  it('draws a path inside the box from start to latest point', () => {
    const t = trajectory([[-0.5, 0.5], [0, 0], [0.5, 0]], x, y, rect);
    expect(t).toEqual({ d: 'M35,35L60,60L85,60', start: [35, 35], end: [85, 60], drawn: 3, exit: 'none', exitIndex: null });
  });

  it('reads flat [x, y, x, y …] arrays the same as pairs', () => {
    const flat = trajectory(new Float32Array([-0.5, 0.5, 0, 0, 0.5, 0]), x, y, rect);
    const pairs = trajectory([[-0.5, 0.5], [0, 0], [0.5, 0]], x, y, rect);
    expect(flat).toEqual(pairs);
  });

  it('cuts a path that leaves the box where it crosses the edge, and says so', () => {
    const t = trajectory([[0, 0], [0.5, 0], [3, 0], [0, 0]], x, y, rect);
    expect(t.exit).toBe('left-box');
    expect(t.exitIndex).toBe(2);
    expect(t.drawn).toBe(2);
    expect(t.end).toEqual([110, 60]);
    expect(t.d).toBe('M60,60L85,60L110,60');
  });

  it('cuts a diverging diagonal step at the corner it exits through', () => {
    const t = trajectory([[0, 0], [2, -2]], x, y, rect);
    expect(t.end).toEqual([110, 110]);
    expect(exitPoint([60, 60], [60, -40], rect)).toEqual([60, 10]);
    expect(exitPoint([60, 60], [-90, 60], rect)).toEqual([10, 60]);
  });

  it('cuts at the last finite point when the path goes non-finite', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const t = trajectory([[0, 0], [0.2, 0.2], [bad, 0], [0.4, 0.4]], x, y, rect);
      expect(t.exit).toBe('non-finite');
      expect(t.exitIndex).toBe(2);
      expect(t.end).toEqual([70, 50]);
      expect(t.d).not.toMatch(NOT_A_NUMBER);
      expect(trajectorySvg(t, { color: '#0072B2' })).not.toMatch(NOT_A_NUMBER);
    }
  });

  it('draws nothing when the start itself is unusable', () => {
    for (const start of [[NaN, 0], [5, 0]] as [number, number][]) {
      const t = trajectory([start, [0, 0]], x, y, rect);
      expect(t).toMatchObject({ d: '', start: null, end: null, drawn: 0, exitIndex: 0 });
      expect(trajectorySvg(t, { color: 'red' })).toBe('');
    }
    expect(trajectory([], x, y, rect)).toMatchObject({ d: '', exit: 'none', drawn: 0 });
  });

  it('merges sub-pixel steps of a converging run but keeps its true end', () => {
    const points: [number, number][] = Array.from({ length: 1000 }, (_, k) => [0.5 * 0.99 ** k, 0]);
    const t = trajectory(points, x, y, rect);
    expect(t.drawn).toBe(1000);
    expect(t.d.split('L').length).toBeLessThan(100);
    expect(t.end).toEqual([x(points[999][0]), 60]);
  });

  it('snapshot: a seeded descent that runs off the box', () => {
    const rand = mulberry32(21);
    const points: [number, number][] = [[-0.8, 0.6]];
    for (let k = 0; k < 6; k++) {
      const [px, py] = points[points.length - 1];
      points.push([px + 0.1 + rand() * 0.2, py - 0.2 - rand() * 0.3]);
    }
    const cut = trajectory(points, x, y, rect);
    expect(cut.exit).toBe('left-box');
    expect(trajectorySvg(cut, { color: '#D55E00', label: 'momentum' })).toMatchSnapshot();
    const whole = trajectory(points.slice(0, 3), x, y, rect);
    expect(trajectorySvg(whole, { color: '#0072B2' })).toMatchSnapshot();
  });
});
