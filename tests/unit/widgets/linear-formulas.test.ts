/**
 * The formulas the chapter-2 widgets print are the ones the engine
 * computes: each loss, Huber's two regimes, the objective with its ridge
 * term, the closed form, and the loss surface's field.
 */
import { describe, expect, it } from 'vitest';
import { add, backward, huber, mae, mse, mul, noGrad, parameter, scope, tensor, type Tensor } from '@/engine';
import { CLOSED_FORM_TEXT, LOSSES, OBJECTIVE_TEXT } from '@/components/widgets/shared/line-fit/losses';
import { closedForm, objective, objectiveField } from '@/components/widgets/shared/line-fit/model';
import { PRESETS, type Point } from '@/components/widgets/shared/line-fit/presets';
import type { LossSettings } from '@/components/widgets/shared/line-fit/params';

/** The engine's mean loss of predictions against targets. */
const engineLoss = (pred: number[], y: number[], s: LossSettings) =>
  noGrad(() =>
    scope(() => {
      const p = tensor(pred);
      const t = tensor(y);
      return (s.loss === 'squared' ? mse(p, t) : s.loss === 'absolute' ? mae(p, t) : huber(p, t, { delta: s.delta })).item();
    }),
  );

/** The objective as training evaluates it: ŷ = w·x + b through the engine, then objective(). */
const engineObjective = (points: readonly Point[], w: Tensor, b: Tensor, s: LossSettings) => {
  const x = tensor(points.map((p) => p[0]), [points.length, 1]);
  const y = tensor(points.map((p) => p[1]), [points.length, 1]);
  return objective(add(mul(x, w), b), y, w, s);
};

/** The printed losses, computed by hand. */
const printedLoss: Record<LossSettings['loss'], (r: number, delta: number) => number> = {
  squared: (r) => r * r,
  absolute: (r) => Math.abs(r),
  huber: (r, d) => (Math.abs(r) <= d ? 0.5 * r * r : d * (Math.abs(r) - 0.5 * d)),
};

/** The printed objective, (1/n) Σᵢ ℓ(w·xᵢ + b − yᵢ) + λw², by hand. */
const printedObjective = (points: readonly Point[], w: number, b: number, s: LossSettings) =>
  points.reduce((sum, [x, y]) => sum + printedLoss[s.loss](w * x + b - y, s.delta), 0) / points.length + s.ridge * w * w;

describe('the losses the widgets print', () => {
  it('print ℓ(r) = r², |r| and Huber with its two regimes', () => {
    expect(LOSSES.squared.text).toBe('ℓ(r) = r²');
    expect(LOSSES.absolute.text).toBe('ℓ(r) = |r|');
    expect(LOSSES.huber.text).toBe('ℓ(r) = ½r² where |r| ≤ δ, else δ(|r| − ½δ)');
    expect(OBJECTIVE_TEXT).toBe('𝓛(w, b) = (1/n) Σᵢ ℓ(w·xᵢ + b − yᵢ) + λw²');
  });

  it('each printed loss is the engine’s, residual by residual', () => {
    const residuals = [-3, -1.2, -0.5, -0.2, 0, 0.1, 0.49, 0.5, 0.51, 2.5];
    for (const loss of ['squared', 'absolute', 'huber'] as const) {
      for (const r of residuals) {
        const s = { loss, delta: 0.5, ridge: 0 };
        expect(engineLoss([r], [0], s), `${loss} at ${r}`).toBeCloseTo(printedLoss[loss](r, 0.5), 6);
      }
    }
  });

  it('Huber is ½r² inside |r| ≤ δ and δ(|r| − ½δ) outside, for several δ, and meets itself at |r| = δ', () => {
    for (const delta of [0.1, 0.5, 1, 2.5]) {
      const s = { loss: 'huber' as const, delta, ridge: 0 };
      for (const r of [0.3 * delta, -0.9 * delta]) expect(engineLoss([r], [0], s)).toBeCloseTo(0.5 * r * r, 6);
      for (const r of [1.5 * delta, -4 * delta]) expect(engineLoss([r], [0], s)).toBeCloseTo(delta * (Math.abs(r) - 0.5 * delta), 6);
      // Both pieces give ½δ² at the seam, and both slopes are δ there.
      expect(engineLoss([delta], [0], s)).toBeCloseTo(0.5 * delta * delta, 6);
    }
  });

  it('the Huber gradient is r inside and δ·sign(r) outside: clipped, like the absolute loss far out', () => {
    const delta = 0.5;
    const grad = (r: number) =>
      scope(() => {
        const p = parameter(tensor([r]));
        backward(huber(p, tensor([0]), { delta }));
        const g = p.grad!.item();
        p.dispose();
        return g;
      });
    expect(grad(0.3)).toBeCloseTo(0.3, 6);
    expect(grad(-0.2)).toBeCloseTo(-0.2, 6);
    expect(grad(3)).toBeCloseTo(delta, 6);
    expect(grad(-7)).toBeCloseTo(-delta, 6);
  });
});

describe('the objective the widgets print', () => {
  const settings: LossSettings[] = [
    { loss: 'squared', delta: 0.5, ridge: 0 },
    { loss: 'squared', delta: 0.5, ridge: 0.7 },
    { loss: 'absolute', delta: 0.5, ridge: 0.2 },
    { loss: 'huber', delta: 0.3, ridge: 0 },
    { loss: 'huber', delta: 1.5, ridge: 1 },
  ];

  it('is what training minimizes (the engine’s objective)', () => {
    const points = PRESETS.outliers.points;
    for (const s of settings) {
      for (const [w, b] of [[0, 0], [0.8, 0.4], [-1.3, 2.2]]) {
        const engine = noGrad(() => scope(() => engineObjective(points, tensor([w]), tensor([b]), s).item()));
        expect(engine, JSON.stringify({ s, w, b })).toBeCloseTo(printedObjective(points, w, b, s), 5);
      }
    }
  });

  it('is what the loss surface shows, cell by cell', () => {
    const points = PRESETS.noisy.points;
    const grid = { nx: 5, ny: 4, x0: -3, x1: 3, y0: -2, y1: 2 };
    for (const s of settings) {
      const field = objectiveField(points, s, grid);
      for (let j = 0; j < grid.ny; j++) {
        for (let i = 0; i < grid.nx; i++) {
          const w = grid.x0 + ((i + 0.5) * (grid.x1 - grid.x0)) / grid.nx;
          const b = grid.y0 + ((j + 0.5) * (grid.y1 - grid.y0)) / grid.ny;
          expect(field[j * grid.nx + i]).toBeCloseTo(printedObjective(points, w, b, s), 4);
        }
      }
    }
  });
});

describe('the closed form the widgets print', () => {
  it('prints w* = Σ(xᵢ − x̄)(yᵢ − ȳ) / (Σ(xᵢ − x̄)² + nλ), b* = ȳ − w*·x̄', () => {
    expect(CLOSED_FORM_TEXT).toBe('w* = Σᵢ(xᵢ − x̄)(yᵢ − ȳ) / (Σᵢ(xᵢ − x̄)² + nλ),  b* = ȳ − w*·x̄');
  });

  it('computed by hand, equals the engine’s solver for every preset and several λ', () => {
    for (const { points } of Object.values(PRESETS)) {
      const n = points.length;
      const mx = points.reduce((s, p) => s + p[0], 0) / n;
      const my = points.reduce((s, p) => s + p[1], 0) / n;
      const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
      const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
      for (const ridge of [0, 0.1, 1, 3]) {
        const w = sxy / (sxx + n * ridge);
        const exact = closedForm(points, ridge)!;
        expect(exact.w).toBeCloseTo(w, 10);
        expect(exact.b).toBeCloseTo(my - w * mx, 10);
      }
    }
  });

  it('is where the engine’s gradient of the squared-loss objective vanishes', () => {
    const points = PRESETS.curved.points;
    for (const ridge of [0, 0.8]) {
      const { w, b } = closedForm(points, ridge)!;
      const [gw, gb] = scope(() => {
        const wt = parameter(tensor([w]));
        const bt = parameter(tensor([b]));
        backward(engineObjective(points, wt, bt, { loss: 'squared', delta: 1, ridge }));
        const g = [wt.grad!.item(), bt.grad!.item()];
        wt.dispose();
        bt.dispose();
        return g;
      });
      expect(Math.abs(gw)).toBeLessThan(1e-5);
      expect(Math.abs(gb)).toBeLessThan(1e-5);
    }
  });
});
