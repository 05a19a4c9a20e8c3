import { describe, expect, it } from 'vitest';
import linearFit, { closedForm, type LinearFitConfig } from '@/components/widgets/shared/line-fit/model';
import { openRun } from '../helpers/open-run';
import { PRESETS } from '@/components/widgets/shared/line-fit/presets';
import { getBackend } from '@/engine';

const base: LinearFitConfig = {
  points: PRESETS.clean.points,
  loss: 'squared',
  delta: 0.5,
  ridge: 0,
  start: [0, 0],
  lr: 0.1,
  speed: 60,
  track: false,
};

function train(config: Partial<LinearFitConfig>, steps: number) {
  const run = openRun(linearFit, { ...base, ...config });
  let loss = NaN;
  for (let i = 0; i < steps; i++) loss = run.step();
  const s = run.snapshot();
  return { run, loss, w: s.w as number, b: s.b as number, snapshot: s };
}

describe('linear fit model', () => {
  it('takes the gradient step of the mean squared error: w ← w − η·(2/n)Σ rᵢxᵢ, b ← b − η·(2/n)Σ rᵢ', () => {
    const pts = PRESETS.clean.points;
    const n = pts.length;
    const [w0, b0] = [0.3, -0.2];
    const r = pts.map(([x, y]) => w0 * x + b0 - y);
    const gw = (2 / n) * r.reduce((s, ri, i) => s + ri * pts[i][0], 0);
    const gb = (2 / n) * r.reduce((s, ri) => s + ri, 0);
    const { w, b, run } = train({ start: [w0, b0] }, 1);
    expect(w).toBeCloseTo(w0 - 0.1 * gw, 5);
    expect(b).toBeCloseTo(b0 - 0.1 * gb, 5);
    run.dispose();
  });

  it('gradient descent on the squared loss reaches the closed-form line, with and without ridge', () => {
    for (const ridge of [0, 0.5]) {
      const { w, b, loss, snapshot, run } = train({ points: PRESETS.noisy.points, ridge }, 400);
      const exact = closedForm(PRESETS.noisy.points, ridge)!;
      expect(w).toBeCloseTo(exact.w, 4);
      expect(b).toBeCloseTo(exact.b, 4);
      expect(snapshot.closedW).toBeCloseTo(exact.w, 10);
      expect(Number.isFinite(loss)).toBe(true);
      run.dispose();
    }
  });

  it('ridge shrinks the slope toward 0 and leaves the intercept free', () => {
    const plain = closedForm(PRESETS.clean.points, 0)!;
    const ridged = closedForm(PRESETS.clean.points, 1)!;
    expect(Math.abs(ridged.w)).toBeLessThan(Math.abs(plain.w) * 0.6);
    // With the intercept unpenalized the line still passes through the centroid (x̄, ȳ).
    const xs = PRESETS.clean.points.map((p) => p[0]);
    const ys = PRESETS.clean.points.map((p) => p[1]);
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    expect(ridged.w * mx + ridged.b).toBeCloseTo(my, 10);
  });

  it('the absolute and Huber losses shrug off the outliers that tilt the least-squares line', () => {
    const inliers = closedForm(PRESETS.outliers.points.filter(([, y]) => y > -2), 0)!;
    const squares = closedForm(PRESETS.outliers.points, 0)!;
    for (const loss of ['absolute', 'huber'] as const) {
      const { w, run } = train({ points: PRESETS.outliers.points, loss, lr: 0.05 }, 3000);
      expect(Math.abs(w - inliers.w), loss).toBeLessThan(Math.abs(squares.w - inliers.w) / 3);
      run.dispose();
    }
  });

  it('takes new points, losses and rates mid-run, keeping (w, b), and refuses a new start', () => {
    const { run } = train({}, 200);
    run.set({ points: PRESETS.curved.points, lr: 0.2 });
    const after = run.snapshot();
    expect(after.closedW).toBeCloseTo(closedForm(PRESETS.curved.points, 0)!.w, 10);
    for (let i = 0; i < 300; i++) run.step();
    expect(run.snapshot().w).toBeCloseTo(closedForm(PRESETS.curved.points, 0)!.w, 4);
    run.set({ loss: 'huber', delta: 0.2, ridge: 0.3 });
    expect(run.snapshot().closedW).toBeCloseTo(closedForm(PRESETS.curved.points, 0.3)!.w, 10);
    expect(() => run.set({ start: [1, 1] })).toThrow(/cannot change/);
    run.dispose();
  });

  it('records the path and the losses when tracking, and stops at its step budget', () => {
    const { run, snapshot } = train({ track: true, maxSteps: 50, start: [-2, 2] }, 10);
    expect(run.maxSteps).toBe(50);
    const path = snapshot.path as Float32Array;
    const losses = snapshot.losses as Float32Array;
    expect(path.length).toBe(22);
    expect(losses.length).toBe(11);
    expect([path[0], path[1]]).toEqual([-2, 2]);
    expect(losses[10]).toBeLessThan(losses[0]);
    run.dispose();
  });

  it('a huge learning rate diverges, and what it reports stays finite', () => {
    const run = openRun(linearFit, { ...base, lr: 3 });
    let diverged = false;
    let first = NaN;
    for (let i = 0; i < 300 && !diverged; i++) {
      const loss = run.step();
      if (i === 0) first = loss;
      diverged = run.diverged!(loss, first);
    }
    expect(diverged).toBe(true);
    const s = run.snapshot();
    expect(Number.isFinite(s.w as number) && Number.isFinite(s.b as number)).toBe(true);
    run.dispose();
  });

  it('frees what it allocates', () => {
    const before = getBackend().bytesInUse();
    const { run } = train({ track: true }, 50);
    run.set({ points: PRESETS.noisy.points });
    run.evaluate('field', { grid: { nx: 6, ny: 5, x0: -3, x1: 3, y0: -3, y1: 3 } });
    run.step();
    run.dispose();
    expect(getBackend().bytesInUse()).toBe(before);
  });
});
