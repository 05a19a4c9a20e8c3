/**
 * The preset data sets are literals so the page draws them without the
 * engine; here they are remade from their seeds with the engine's generator.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '@/engine';
import { PRESETS, presetOf, X_RANGE, Y_RANGE, type Point } from '@/components/widgets/shared/line-fit/presets';

const r2 = (v: number) => Math.round(v * 100) / 100;
const clampY = (v: number) => Math.min(2.9, Math.max(-2.9, v));
/** The i-th of n points has x in the i-th of n equal bins of [−1.8, 1.8]. */
const spread = (rng: Rng, i: number, n: number) => -1.8 + (3.6 * (i + rng.uniform())) / n;
const sorted = (points: [number, number][]) => points.sort((a, b) => a[0] - b[0]);

function line(seed: number, n: number, noise: number): [number, number][] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const x = spread(rng, i, n);
    return [r2(x), r2(clampY(0.8 * x + 0.4 + noise * rng.normal()))] as [number, number];
  });
}

describe('preset data sets', () => {
  it('are what their seeds make', () => {
    expect(PRESETS.clean.points).toEqual(sorted(line(1, 16, 0.12)));
    expect(PRESETS.noisy.points).toEqual(sorted(line(2, 24, 0.6)));
    const far = new Rng(33);
    const outliers = line(3, 16, 0.15);
    for (let i = 0; i < 4; i++) outliers.push([r2(far.uniform(1.0, 1.8)), r2(far.uniform(-2.8, -2.2))]);
    expect(PRESETS.outliers.points).toEqual(sorted(outliers));
    const rng = new Rng(4);
    const curved = Array.from({ length: 20 }, (_, i) => {
      const x = spread(rng, i, 20);
      return [r2(x), r2(clampY(0.7 * x * x - 1.2 + 0.1 * rng.normal()))] as [number, number];
    });
    expect(PRESETS.curved.points).toEqual(sorted(curved));
    const near = new Rng(5);
    const shifted = Array.from({ length: 16 }, (_, i) => {
      const x = 0.6 + (1.3 * (i + near.uniform())) / 16;
      return [r2(x), r2(0.8 * x - 0.6 + 0.12 * near.normal())] as [number, number];
    });
    expect(PRESETS.shifted.points).toEqual(sorted(shifted));
  });

  it('lie in the plotted window', () => {
    for (const { points } of Object.values(PRESETS)) {
      for (const [x, y] of points) {
        expect(x >= X_RANGE[0] && x <= X_RANGE[1] && y >= Y_RANGE[0] && y <= Y_RANGE[1]).toBe(true);
      }
    }
  });

  it('are recognised by presetOf, and edited points are not', () => {
    expect(presetOf(PRESETS.noisy.points)).toBe('noisy');
    const edited: Point[] = PRESETS.noisy.points.map((p, i) => (i === 3 ? [p[0], p[1] + 0.01] : p));
    expect(presetOf(edited)).toBeNull();
  });
});
