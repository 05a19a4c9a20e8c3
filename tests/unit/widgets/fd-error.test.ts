/**
 * fd-error: the engine's difference quotients behave as the chapter says
 * (truncation error falling as h or h², rounding error growing as ε/h, the
 * best step near √ε or ∛ε of each format) and the reference is exact.
 */
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, FUNCTION_NAMES, H_VALUES, METHODS, UNIT_ROUNDOFF } from '@/components/widgets/fd-error/functions';
import fdModel, { differenceQuotients, errorCurves, exactDerivative } from '@/components/widgets/fd-error/model';
import { bestSteps, drawErrorCurves } from '@/components/widgets/fd-error/draw';
import { openRun } from '../helpers/open-run';

const CLOSED_FORM = { sin: Math.cos, exp: Math.exp, tanh: (x: number) => 1 - Math.tanh(x) ** 2, cube: (x: number) => 3 * x * x };

/** The log–log slope of the error between two steps. */
function slope(errors: ArrayLike<number>, h1: number, h2: number): number {
  const at = (h: number) => errors[H_VALUES.findIndex((v) => Math.abs(Math.log10(v / h)) < 1e-9)];
  return Math.log10(at(h2) / at(h1)) / Math.log10(h2 / h1);
}

describe('fd-error', () => {
  it('the reference derivative is the engine’s float64 autodiff, equal to the closed form the widget prints', () => {
    for (const fn of FUNCTION_NAMES) {
      for (const x of [-1.5, 0, 0.3, 1, 2]) expect(exactDerivative(fn, x)).toBeCloseTo(CLOSED_FORM[fn](x), 12);
    }
    expect(Object.keys(FUNCTIONS).sort()).toEqual(Object.keys(CLOSED_FORM).sort());
  });

  it('truncation: the one-sided error falls like h, the central one like h² (float64, h from 10⁻² to 10⁻¹)', () => {
    for (const fn of ['sin', 'exp', 'tanh'] as const) {
      const { errors } = errorCurves(fn, 1, H_VALUES);
      expect(slope(errors.forward64, 1e-2, 1e-1), fn).toBeCloseTo(1, 1);
      expect(slope(errors.central64, 1e-2, 1e-1), fn).toBeCloseTo(2, 1);
    }
  });

  it('rounding: below the best step the error grows about like ε/h (slope −1 over six decades)', () => {
    const { errors } = errorCurves('exp', 1, H_VALUES);
    // Rounding noise is jagged: fit across a long span rather than between neighbours.
    expect(slope(errors.forward64, 1e-15, 1e-9)).toBeGreaterThan(-1.3);
    expect(slope(errors.forward64, 1e-15, 1e-9)).toBeLessThan(-0.7);
  });

  it('the best step lies near √ε for one-sided and ∛ε for central differences, in each format', () => {
    for (const fn of ['sin', 'exp', 'tanh'] as const) {
      const best = bestSteps(H_VALUES, errorCurves(fn, 1, H_VALUES).errors);
      for (const m of METHODS) {
        const eps = 2 * UNIT_ROUNDOFF[m.dtype];
        const theory = m.central ? Math.cbrt(eps) : Math.sqrt(eps);
        expect(Math.abs(Math.log10(best[m.key]!.h / theory)), `${fn} ${m.key}`).toBeLessThan(1.3);
      }
      // float64's best error is thousands of times smaller than float32's.
      expect(best.central64!.error * 1e4).toBeLessThan(best.central32!.error);
    }
  });

  it('a step too small for the format gives a quotient of exactly 0 (x + h rounds back to x)', () => {
    const q = differenceQuotients('sin', 1, [1e-9], 'float32');
    expect(q.forward[0]).toBe(0);
    expect(q.central[0]).toBe(0);
    expect(differenceQuotients('sin', 1, [1e-9], 'float64').forward[0]).not.toBe(0);
  });

  it('answers through its worker query, and draws four curves with their best steps, nothing non-finite', () => {
    const run = openRun(fdModel, {});
    const curves = run.evaluate('curves', { fn: 'exp', x: 0.5, hs: H_VALUES });
    expect(curves.exact).toBeCloseTo(Math.exp(0.5), 12);
    const markup = drawErrorCurves({ hs: H_VALUES, errors: curves.errors });
    expect(markup.match(/data-series="/g)).toHaveLength(4);
    expect(markup.match(/class="best-step"/g)).toHaveLength(4);
    expect(markup).not.toMatch(/NaN|Infinity/);
    expect(() => run.step()).toThrow(/does not train/);
  });
});
