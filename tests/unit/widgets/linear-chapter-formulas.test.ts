/**
 * Chapter 2 prints the formulas the engine computes: each display formula
 * below is found in the MDX, then computed by hand from its printed form
 * and compared with the engine (solver, losses, autodiff).
 */
import { describe, expect, it } from 'vitest';
import { add, backward, huber, mul, noGrad, parameter, scope, tensor } from '@/engine';
import { displayMath } from '../helpers/chapter-math';
import { closedForm, objective } from '@/components/widgets/shared/line-fit/model';
import { PRESETS, type Point } from '@/components/widgets/shared/line-fit/presets';

const expectPrinted = displayMath('02-linear.mdx');

const points = PRESETS.noisy.points;
const n = points.length;
const mean = (f: (p: Point) => number) => points.reduce((s, p) => s + f(p), 0) / n;
const [xBar, yBar] = [mean((p) => p[0]), mean((p) => p[1])];

/** The engine's objective and its gradient at (w, b) by autodiff. */
function engineAt(w: number, b: number, ridge = 0, loss: 'squared' | 'huber' = 'squared') {
  return scope(() => {
    const wt = parameter(tensor([w]));
    const bt = parameter(tensor([b]));
    const x = tensor(points.map((p) => p[0]), [n, 1]);
    const y = tensor(points.map((p) => p[1]), [n, 1]);
    const value = objective(add(mul(x, wt), bt), y, wt, { loss, delta: 0.5, ridge });
    backward(value);
    const out = { value: value.item(), dw: wt.grad!.item(), db: bt.grad!.item() };
    wt.dispose();
    bt.dispose();
    return out;
  });
}

describe('chapter 2 prints the engine’s formulas', () => {
  it('the gradient of the mean squared error', () => {
    expectPrinted('\\frac{\\partial \\mathcal{L}}{\\partial w} = \\frac{2}{n} \\sum_{i=1}^{n} r_i\\, x_i', '\\frac{\\partial \\mathcal{L}}{\\partial b} = \\frac{2}{n} \\sum_{i=1}^{n} r_i');
    const [w, b] = [0.3, -0.4];
    const r = points.map(([x, y]) => w * x + b - y);
    const engine = engineAt(w, b);
    expect(engine.dw).toBeCloseTo((2 / n) * r.reduce((s, ri, i) => s + ri * points[i][0], 0), 5);
    expect(engine.db).toBeCloseTo((2 / n) * r.reduce((s, ri) => s + ri, 0), 5);
  });

  it('the expanded loss and its constant Hessian H = 2[[x̄², x̄], [x̄, 1]]', () => {
    expectPrinted('\\mathcal{L}(w, b) = \\overline{x^2}\\, w^2 + 2\\,\\bar x\\, w b + b^2 - 2\\,\\overline{xy}\\, w - 2\\,\\bar y\\, b + \\overline{y^2}');
    expectPrinted('H = 2 \\begin{pmatrix} \\overline{x^2} & \\bar x \\\\ \\bar x & 1 \\end{pmatrix}');
    const [xx, xy, yy] = [mean((p) => p[0] ** 2), mean((p) => p[0] * p[1]), mean((p) => p[1] ** 2)];
    const expanded = (w: number, b: number) => xx * w * w + 2 * xBar * w * b + b * b - 2 * xy * w - 2 * yBar * b + yy;
    for (const [w, b] of [[0, 0], [1.2, -0.7], [-2, 2.5]]) expect(engineAt(w, b).value).toBeCloseTo(expanded(w, b), 4);
    // The gradient is linear in (w, b), so its differences are exactly H times the step.
    const g0 = engineAt(0.2, 0.1);
    const gw = engineAt(1.2, 0.1);
    const gb = engineAt(0.2, 1.1);
    expect(gw.dw - g0.dw).toBeCloseTo(2 * xx, 4);
    expect(gw.db - g0.db).toBeCloseTo(2 * xBar, 4);
    expect(gb.dw - g0.dw).toBeCloseTo(2 * xBar, 4);
    expect(gb.db - g0.db).toBeCloseTo(2, 4);
  });

  it('the normal equations’ solution θ* = (X̃ᵀX̃)⁻¹X̃ᵀy', () => {
    expectPrinted('\\theta^\\star = \\big(\\tilde X^\\top \\tilde X\\big)^{-1} \\tilde X^\\top y');
    // X̃ has rows (xᵢ, 1): X̃ᵀX̃ = n[[x̄², x̄], [x̄, 1]] and X̃ᵀy = n(x̄y, ȳ); invert the 2×2 by hand.
    const [a, c, d] = [mean((p) => p[0] ** 2), xBar, 1];
    const [u, v] = [mean((p) => p[0] * p[1]), yBar];
    const det = a * d - c * c;
    const exact = closedForm(points, 0)!;
    expect(exact.w).toBeCloseTo((d * u - c * v) / det, 10);
    expect(exact.b).toBeCloseTo((a * v - c * u) / det, 10);
  });

  it('one input: slope = covariance / variance, and the line passes through the centroid', () => {
    expectPrinted('w^\\star = \\frac{\\sum_{i} (x_i - \\bar x)(y_i - \\bar y)}{\\sum_{i} (x_i - \\bar x)^2}', 'b^\\star = \\bar y - w^\\star \\bar x');
    const w = points.reduce((s, [x, y]) => s + (x - xBar) * (y - yBar), 0) / points.reduce((s, [x]) => s + (x - xBar) ** 2, 0);
    const exact = closedForm(points, 0)!;
    expect(exact.w).toBeCloseTo(w, 10);
    expect(exact.b).toBeCloseTo(yBar - w * xBar, 10);
  });

  it('ridge: the objective, (X_cᵀX_c + nλI)w* = X_cᵀy_c, and the one-input shrinkage', () => {
    expectPrinted('\\mathcal{L}_\\lambda(w, b) = \\frac{1}{n} \\sum_{i=1}^{n} \\big(w^\\top x_i + b - y_i\\big)^2 + \\lambda \\lVert w \\rVert^2');
    expectPrinted('\\big(X_c^\\top X_c + n\\lambda I\\big)\\, w^\\star = X_c^\\top y_c', 'b^\\star = \\bar y - \\bar x^\\top w^\\star');
    expectPrinted('w^\\star = \\frac{\\sum_i (x_i - \\bar x)(y_i - \\bar y)}{\\sum_i (x_i - \\bar x)^2 + n\\lambda}');
    for (const lambda of [0.1, 1, 3]) {
      const sxy = points.reduce((s, [x, y]) => s + (x - xBar) * (y - yBar), 0);
      const sxx = points.reduce((s, [x]) => s + (x - xBar) ** 2, 0);
      const w = sxy / (sxx + n * lambda);
      const exact = closedForm(points, lambda)!;
      expect(exact.w).toBeCloseTo(w, 10);
      expect(exact.b).toBeCloseTo(yBar - w * xBar, 10);
      const printed = (ww: number, bb: number) => points.reduce((s, [x, y]) => s + (ww * x + bb - y) ** 2, 0) / n + lambda * ww * ww;
      expect(engineAt(0.7, -0.2, lambda).value).toBeCloseTo(printed(0.7, -0.2), 5);
      // The printed solution is where the engine's gradient of the printed objective vanishes.
      const g = engineAt(exact.w, exact.b, lambda);
      expect(Math.abs(g.dw) + Math.abs(g.db)).toBeLessThan(1e-5);
    }
  });

  it('Huber’s two regimes', () => {
    expectPrinted('\\ell_\\delta(r) = \\begin{cases} \\tfrac{1}{2}\\, r^2 & \\text{if } |r| \\le \\delta', '\\delta \\big(|r| - \\tfrac{1}{2}\\delta\\big) & \\text{if } |r| > \\delta');
    for (const delta of [0.2, 1]) {
      for (const r of [-2.5, -delta, -0.1, 0, 0.5 * delta, delta, 1.7]) {
        const printed = Math.abs(r) <= delta ? 0.5 * r * r : delta * (Math.abs(r) - 0.5 * delta);
        const engine = noGrad(() => scope(() => huber(tensor([r]), tensor([0]), { delta }).item()));
        expect(engine, `δ = ${delta}, r = ${r}`).toBeCloseTo(printed, 6);
      }
    }
  });
});
