/**
 * The numbers chapter 2's Predicts say the widgets show, recomputed with
 * the widgets' own model (the engine's gradient descent on the presets) and
 * the engine's closed form, and found in the Predicts' text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import linearFit, { closedForm, type LinearFitConfig } from '@/components/widgets/shared/line-fit/model';
import { PRESETS, type Point } from '@/components/widgets/shared/line-fit/presets';
import { DEFAULT_START } from '@/components/widgets/loss-surface/schema';
import { fitALineSchema } from '@/components/widgets/fit-a-line/schema';
import { lossSurfaceSchema } from '@/components/widgets/loss-surface/schema';
import { openRun } from '../helpers/open-run';

const chapter = readFileSync(new URL('../../../content/02-linear.mdx', import.meta.url), 'utf8');
const shows = [...chapter.matchAll(/shows="([^"]*)"/g)].map((m) => m[1]);
const predictSays = (text: string) => expect(shows.some((s) => s.includes(text)), `a Predict shows "${text}"`).toBe(true);

const base: LinearFitConfig = { points: PRESETS.clean.points, loss: 'squared', delta: 0.5, ridge: 0, start: [0, 0], lr: fitALineSchema.params.lr.default, speed: 60, track: false };

/** Gradient descent as the widget runs it: the line after `steps` steps, the loss readout, and the step the run was stopped as diverged (or −1). */
function train(config: Partial<LinearFitConfig>, steps: number, until?: (w: number, b: number) => boolean) {
  const run = openRun(linearFit, { ...base, ...config });
  let [loss, first, diverged, reached] = [NaN, NaN, -1, -1];
  for (let i = 1; i <= steps; i++) {
    loss = run.step();
    if (i === 1) first = loss;
    if (run.diverged!(loss, first)) {
      diverged = i;
      break;
    }
    const s = run.snapshot();
    if (reached < 0 && until?.(s.w, s.b)) reached = i;
  }
  const { w, b } = run.snapshot();
  run.dispose();
  return { w, b, loss, diverged, reached };
}

describe('chapter 2’s Predicts', () => {
  it('leverage: the rightmost point dragged to the bottom halves the slope; the point at x = 0.06 dragged to the top only lifts the line', () => {
    const pts = PRESETS.clean.points;
    const plain = closedForm(pts, 0)!;
    const nearest = pts.reduce((best, p, i) => (Math.abs(p[0]) < Math.abs(pts[best][0]) ? i : best), 0);
    const rightmost = pts.reduce((best, p, i) => (p[0] > pts[best][0] ? i : best), 0);
    expect(pts[nearest][0]).toBe(0.06);
    expect(pts[rightmost][0]).toBe(1.65);
    const top = closedForm(pts.map((p, i) => (i === nearest ? [p[0], 3] : p) as Point), 0)!; // the plot's top edge, y = 3
    const bottom = closedForm(pts.map((p, i) => (i === rightmost ? [p[0], -3] : p) as Point), 0)!;
    expect(plain.w.toFixed(2)).toBe('0.86');
    expect(bottom.w.toFixed(2)).toBe('0.42');
    expect(Math.abs(top.w - plain.w)).toBeLessThan(0.01);
    expect((top.b - plain.b).toFixed(2)).toBe('0.15');
    predictSays('halves the slope, from 0.86 to 0.42');
    predictSays('lifts the line by 0.15 and changes its slope by less than 0.01');
  });

  it('η = 1 diverges within about forty steps; η = 0.5 lands in two or three; the limit is 2/2.22 ≈ 0.90', () => {
    const pts = PRESETS.clean.points;
    const n = pts.length;
    const [xx, xb] = [pts.reduce((s, p) => s + p[0] ** 2, 0) / n, pts.reduce((s, p) => s + p[0], 0) / n];
    // H = 2[[x̄², x̄], [x̄, 1]]: its largest eigenvalue.
    const [tr, det] = [2 * xx + 2, 4 * xx - 4 * xb * xb];
    const hMax = tr / 2 + Math.sqrt(tr * tr / 4 - det);
    expect(hMax.toFixed(2)).toBe('2.22');
    expect((2 / hMax).toFixed(2)).toBe('0.90');
    expect(chapter).toContain('$2 / 2.22 \\approx 0.90$');
    const fast = train({ lr: 1 }, 200);
    expect(fast.diverged).toBeGreaterThan(30);
    expect(fast.diverged).toBeLessThanOrEqual(45);
    const exact = closedForm(pts, 0)!;
    const half = train({ lr: 0.5 }, 3);
    expect(half.diverged).toBe(-1);
    expect(Math.abs(half.w - exact.w)).toBeLessThan(0.005);
    expect(Math.abs(half.b - exact.b)).toBeLessThan(0.005);
    predictSays('stopped as diverged within about forty steps; at η = 0.5 the line lands on the dashed one in two or three steps');
  });

  it('the loss surface: within 0.01 of the cross after 24 steps on the clean line, about 580 far from x = 0', () => {
    const lr = lossSurfaceSchema.params.lr.default;
    expect(lr).toBe(0.1);
    const reach = (points: readonly Point[]) => {
      const exact = closedForm(points, 0)!;
      return train({ points, start: [...DEFAULT_START], lr }, 3000, (w, b) => Math.abs(w - exact.w) < 0.01 && Math.abs(b - exact.b) < 0.01).reached;
    };
    expect(reach(PRESETS.clean.points)).toBe(24);
    const far = reach(PRESETS.shifted.points);
    expect(far).toBeGreaterThan(550);
    expect(far).toBeLessThan(610);
    // The valley floor first: after a few steps the path is already close to the line of minima, b − b* = −x̄(w − w*).
    const pts = PRESETS.shifted.points;
    const xBar = pts.reduce((s, p) => s + p[0], 0) / pts.length;
    const exact = closedForm(pts, 0)!;
    const early = train({ points: pts, start: [...DEFAULT_START], lr }, 5);
    const across = Math.abs(early.b - exact.b + xBar * (early.w - exact.w)) / Math.hypot(1, xBar);
    const along = Math.hypot(early.w - exact.w, early.b - exact.b);
    expect(across).toBeLessThan(0.1 * along);
    predictSays('is within 0.01 of it after 24 steps; far from x = 0 it reaches the valley floor within a few steps and needs about 580 to come as close');
  });

  it('ridge λ = 3 on the clean line: the slope drops from 0.86 to 0.23 and the loss readout rises from 0.017 to about 0.61', () => {
    const plain = train({}, 400);
    const ridged = train({ ridge: 3 }, 400);
    expect(plain.w.toFixed(2)).toBe('0.86');
    expect(ridged.w.toFixed(2)).toBe('0.23');
    expect(plain.loss.toFixed(3)).toBe('0.017');
    expect(ridged.loss.toFixed(2)).toBe('0.61');
    expect(ridged.w / plain.w).toBeGreaterThan(0.22);
    expect(ridged.w / plain.w).toBeLessThan(0.3); // "about a quarter"
    predictSays('the slope drops from 0.86 to 0.23, about a quarter, and the loss rises from 0.017 to about 0.61');
  });

  it('outliers: squared loss lies flat at 0.08; absolute loss climbs back to about 0.8; Huber 0.7 at δ = 0.5, the least-squares line at δ = 3', () => {
    const points = PRESETS.outliers.points;
    expect(closedForm(points, 0)!.w.toFixed(2)).toBe('0.08');
    const absolute = train({ points, loss: 'absolute' }, 3000);
    expect(Math.abs(absolute.w - 0.8)).toBeLessThan(0.03);
    expect(train({ points, loss: 'huber', delta: 0.5 }, 3000).w.toFixed(1)).toBe('0.7');
    expect(Math.abs(train({ points, loss: 'huber', delta: 0.1 }, 3000).w - absolute.w)).toBeLessThan(0.02);
    expect(train({ points, loss: 'huber', delta: 3 }, 3000).w).toBeCloseTo(closedForm(points, 0)!.w, 3);
    predictSays('under squared loss both lines lie almost flat, slope 0.08; under absolute loss the blue line climbs back to a slope of about 0.8');
  });
});
