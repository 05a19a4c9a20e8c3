import { describe, expect, it } from 'vitest';
import { drawContours, drawLandscape, drawLossChart, type RunPicture } from '@/components/widgets/descent-playground/draw';
import { fieldOf } from '@/components/widgets/descent-playground/model';
import { gridOf } from '@/components/widgets/descent-playground/draw';
import { mulberry32 as rng } from '../plots/rng';


function walk(seed: number, n: number): { path: Float32Array; losses: Float32Array } {
  const r = rng(seed);
  const path = new Float32Array(2 * n);
  const losses = new Float32Array(n);
  let [x, y] = [-1.6, 1.3];
  for (let i = 0; i < n; i++) {
    path[2 * i] = x;
    path[2 * i + 1] = y;
    losses[i] = 0.5 * (x * x + y * y);
    x *= 0.9 + 0.05 * r();
    y *= 0.85 + 0.05 * r();
  }
  return { path, losses };
}

const runs = (n: number): RunPicture[] =>
  ['Gradient descent', 'Momentum', 'Adam'].map((label, k) => ({ label, color: ['#0072B2', '#D55E00', '#009E73'][k], ...walk(k + 1, n), diverged: false }));

describe('descent playground drawing', () => {
  it('draws the landscape with three paths (snapshot)', () => {
    const markup = drawLandscape({ surface: 'bowl', contours: '', start: [-1.6, 1.3], runs: runs(12) });
    expect(markup).toMatchSnapshot();
    expect(markup.match(/class="trajectory"/g)).toHaveLength(3);
  });

  it('draws the loss chart on a log axis (snapshot)', () => {
    expect(drawLossChart({ runs: runs(12), axis: 'log' })).toMatchSnapshot();
  });

  it('contours the engine’s field of every landscape without NaN', () => {
    for (const surface of ['bowl', 'ravine', 'rosenbrock', 'saddle', 'wells'] as const) {
      const markup = drawContours(surface, fieldOf(surface, gridOf(surface)), 'dark').replace(/data-[a-z]+="[^"]*"/g, '');
      expect(markup.length).toBeGreaterThan(1000);
      expect(markup).not.toMatch(/NaN|Infinity/);
    }
  });

  it('draws nothing non-finite when a path holds NaN', () => {
    const bad = runs(5);
    bad[0].path![6] = Number.NaN;
    bad[0].losses![3] = Number.POSITIVE_INFINITY;
    expect(drawLandscape({ surface: 'ravine', contours: '', start: [0, 0], runs: bad })).not.toMatch(/NaN|Infinity/);
    expect(drawLossChart({ runs: bad, axis: 'linear' })).not.toMatch(/NaN|Infinity/);
  });
});
