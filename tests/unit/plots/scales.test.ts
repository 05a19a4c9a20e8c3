import { describe, expect, it } from 'vitest';
import {
  dataAt,
  finiteExtent,
  formatLogTick,
  innerRect,
  insideRect,
  isLogScale,
  plotBox,
  ticks,
  usableDomain,
  xScale,
  yScale,
} from '@/components/plots';

const box = plotBox(200, 100, { top: 10, right: 10, bottom: 20, left: 30 });

describe('plot box and scales', () => {
  it('puts the data area inside the margins', () => {
    expect(innerRect(box)).toEqual({ left: 30, top: 10, right: 190, bottom: 80 });
  });

  it('maps x left to right and y bottom to top', () => {
    const x = xScale(box, [0, 1]);
    const y = yScale(box, [0, 1]);
    expect([x(0), x(1)]).toEqual([30, 190]);
    expect([y(0), y(1)]).toEqual([80, 10]);
    expect(dataAt(x, y, 110, 45)).toEqual([0.5, 0.5]);
    expect(insideRect(innerRect(box), 110, 45)).toBe(true);
    expect(insideRect(innerRect(box), 5, 45)).toBe(false);
  });

  it('builds log scales and rounds them out with nice', () => {
    const y = yScale(box, [0.003, 42], { type: 'log', nice: true });
    expect(isLogScale(y)).toBe(true);
    expect(y.domain()).toEqual([0.001, 100]);
  });

  it('makes degenerate or impossible domains usable', () => {
    expect(usableDomain([2, 2])).toEqual([1.8, 2.2]);
    expect(usableDomain([0, 0])).toEqual([-1, 1]);
    expect(usableDomain([5, 1])).toEqual([1, 5]);
    expect(usableDomain([NaN, 1])).toEqual([0, 1]);
    expect(usableDomain([-3, 100], 'log')).toEqual([10, 100]);
    expect(usableDomain([0.5, 0.5], 'log')).toEqual([0.05, 5]);
    expect(usableDomain([-1, 0], 'log')).toEqual([1, 10]);
  });

  it('takes extents over finite (and, for log, positive) values only', () => {
    expect(finiteExtent([3, NaN, -1, Infinity, 2])).toEqual([-1, 3]);
    expect(finiteExtent([[1, 2], new Float32Array([-5, NaN])])).toEqual([-5, 2]);
    expect(finiteExtent([0, -2, 4, 0.5], { positive: true })).toEqual([0.5, 4]);
    expect(finiteExtent([NaN, -Infinity])).toBeNull();
    expect(finiteExtent([])).toBeNull();
  });
});

describe('ticks', () => {
  it('gives round values with positions and labels', () => {
    const x = xScale(box, [0, 1000]);
    expect(ticks(x, 4)).toEqual([
      { value: 0, pos: 30, label: '0' },
      { value: 200, pos: 62, label: '200' },
      { value: 400, pos: 94, label: '400' },
      { value: 600, pos: 126, label: '600' },
      { value: 800, pos: 158, label: '800' },
      { value: 1000, pos: 190, label: '1,000' },
    ]);
  });

  it('labels only the major ticks of a wide log axis, as powers of ten', () => {
    const y = yScale(box, [1e-6, 10], { type: 'log' });
    const labels = ticks(y, 5).map((t) => t.label);
    expect(labels).toContain('10⁻⁶');
    expect(labels).toContain('10');
    expect(labels.every((l) => l !== '')).toBe(true);
    expect(labels.length).toBeLessThanOrEqual(8);
    // one notation per axis: no 0.01 beside 10⁻³
    expect(labels.some((l) => l.startsWith('0.'))).toBe(false);
  });

  it('formats log ticks readably', () => {
    expect(formatLogTick(1e-4)).toBe('10⁻⁴');
    expect(formatLogTick(1e12)).toBe('10¹²');
    expect(formatLogTick(0.01)).toBe('0.01');
    expect(formatLogTick(100)).toBe('100');
    expect(formatLogTick(30)).toBe('30');
    expect(formatLogTick(0.01, true)).toBe('10⁻²');
    expect(formatLogTick(100, true)).toBe('10²');
    expect(formatLogTick(1, true)).toBe('1');
    expect(formatLogTick(10, true)).toBe('10');
    expect(formatLogTick(0.5, true)).toBe('0.5');
  });
});
