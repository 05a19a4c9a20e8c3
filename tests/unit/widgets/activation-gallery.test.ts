/**
 * The activation gallery prints what the engine computes: each printed
 * formula (transcribed here into plain float64 JavaScript) against the
 * engine's function and closed-form derivative, and the engine's autodiff
 * derivative against the closed form, everywhere on the widget's grid.
 */
import { describe, expect, it } from 'vitest';
import { JsBackend, withBackend } from '@/engine';
import { ACTIVATIONS, type ActivationId } from '@/components/widgets/activation-gallery/activations';
import curvesModel, { allCurves, curvesOf } from '@/components/widgets/activation-gallery/model';
import { openRun } from '../helpers/open-run';
import { drawGallery, galleryBox } from '@/components/widgets/activation-gallery/draw';
import { gallerySchema, gridIndex, gridX, GRID_N } from '@/components/widgets/activation-gallery/schema';
import { contrastRatio } from '@/components/plots';
import { decodeState, encodeState } from '@/components/widgets/kit/url-codec';

const grid = Float32Array.from({ length: GRID_N }, (_, i) => gridX(i));
const sig = (x: number) => 1 / (1 + Math.exp(-x));
// erf to ~1e-15 (Abramowitz–Stegun is too coarse for a 1e-6 comparison): series and continued fraction.
function erf(x: number): number {
  const a = Math.abs(x);
  let result: number;
  if (a < 2.5) {
    let term = a;
    let total = a;
    for (let n = 1; n < 80; n++) {
      term *= (-a * a) / n;
      total += term / (2 * n + 1);
    }
    result = (2 / Math.sqrt(Math.PI)) * total;
  } else {
    let f = 0;
    for (let n = 60; n >= 1; n--) f = (n / 2) / (a + f);
    result = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + f);
  }
  return x < 0 ? -result : result;
}
const Phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
const phi = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);

/** The printed formulas, transcribed: [text, f, derivative text, f′], with a the leaky slope. */
const PRINTED: Record<ActivationId, [string, (x: number, a: number) => number, string, (x: number, a: number) => number]> = {
  step: ['H(x) = 1 if x > 0, else 0', (x) => (x > 0 ? 1 : 0), 'H′(x) = 0 for x ≠ 0 (no gradient flows)', () => 0],
  sigmoid: ['σ(x) = 1 / (1 + e^(−x))', sig, 'σ′(x) = σ(x)(1 − σ(x))', (x) => sig(x) * (1 - sig(x))],
  tanh: [
    'tanh(x) = (eˣ − e^(−x)) / (eˣ + e^(−x))',
    (x) => (Math.exp(x) - Math.exp(-x)) / (Math.exp(x) + Math.exp(-x)),
    'tanh′(x) = 1 − tanh²(x)',
    (x) => 1 - Math.tanh(x) ** 2,
  ],
  relu: ['ReLU(x) = max(0, x)', (x) => Math.max(0, x), 'ReLU′(x) = 1 if x > 0, else 0', (x) => (x > 0 ? 1 : 0)],
  leakyRelu: ['f(x) = x if x > 0, else a·x', (x, a) => (x > 0 ? x : a * x), 'f′(x) = 1 if x > 0, else a', (x, a) => (x > 0 ? 1 : a)],
  softplus: ['softplus(x) = log(1 + eˣ)', (x) => Math.log(1 + Math.exp(x)), 'softplus′(x) = σ(x)', sig],
  elu: ['ELU(x) = x if x > 0, else eˣ − 1', (x) => (x > 0 ? x : Math.exp(x) - 1), 'ELU′(x) = 1 if x > 0, else eˣ', (x) => (x > 0 ? 1 : Math.exp(x))],
  gelu: [
    'GELU(x) = x·Φ(x) = ½x(1 + erf(x/√2))',
    (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
    'GELU′(x) = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π)',
    (x) => Phi(x) + x * phi(x),
  ],
  silu: ['SiLU(x) = x·σ(x)', (x) => x * sig(x), 'SiLU′(x) = σ(x)(1 + x(1 − σ(x)))', (x) => sig(x) * (1 + x * (1 - sig(x)))],
};

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('activation gallery: formulas are the engine’s', () => {
  for (const slope of [0.1, 0.37]) {
    const curves = allCurves(grid, slope);
    for (const a of ACTIVATIONS) {
      const [text, f, dtext, df] = PRINTED[a.id];
      it(`${a.label}: the printed formulas are the ones transcribed here`, () => {
        expect(a.text).toBe(text);
        expect(a.derivativeText).toBe(dtext);
      });
      it(`${a.label} (a = ${slope}): engine f and closed-form f′ equal the printed formulas on the whole grid`, () => {
        const c = curves[a.id];
        for (let i = 0; i < grid.length; i++) {
          expect(close(c.f[i], f(grid[i], slope), 2e-6), `f at ${grid[i]}`).toBe(true);
          expect(close(c.closed[i], df(grid[i], slope), 2e-6), `f′ at ${grid[i]}`).toBe(true);
        }
      });
      it(`${a.label} (a = ${slope}): the engine’s autodiff derivative equals the closed form, x = 0 included`, () => {
        const c = curves[a.id];
        expect(grid[gridIndex(0)]).toBe(0);
        for (let i = 0; i < grid.length; i++) expect(close(c.autodiff[i], c.closed[i], 1e-6), `at x = ${grid[i]}`).toBe(true);
      });
    }
  }

  it('autodiff equals the closed form in float64 too, within 1e-12, off the grid', () => {
    const xs = [-3.7, -1.3, -0.2, -1e-3, 1e-3, 0.4, 1.9, 3.3];
    withBackend(new JsBackend({ dtype: 'float64' }), () => {
      for (const a of ACTIVATIONS) {
        const c = curvesOf(a.id, xs, 0.2);
        // Values come back as float32 copies: compare at float32 precision of the float64 results.
        xs.forEach((_, i) => expect(close(c.autodiff[i], c.closed[i], 1e-7), `${a.id} at ${xs[i]}`).toBe(true));
      }
    });
  });

  it('the notes’ numbers are true', () => {
    const [sigmoid, silu, gelu] = (['sigmoid', 'silu', 'gelu'] as const).map((id) => curvesOf(id, grid, 0.1));
    // Sigmoid: slope 0.018 at |x| = 4, a fourteenth of its peak 0.25.
    expect(sigmoid.autodiff[gridIndex(0)]).toBeCloseTo(0.25, 6);
    for (const x of [-4, 4]) {
      expect(sigmoid.autodiff[gridIndex(x)]).toBeCloseTo(0.018, 3);
      expect(Math.round(0.25 / sigmoid.autodiff[gridIndex(x)])).toBe(14);
    }
    // tanh: slope 1 at 0. ELU: outputs down to −1.
    expect(curvesOf('tanh', [0], 0.1).autodiff[0]).toBe(1);
    expect(Math.min(...curvesOf('elu', [-4, -20], 0.1).f)).toBeCloseTo(-1, 6);
    // SiLU: slope peaks at about 1.1 near x ≈ 2.4.
    const siluPeak = silu.autodiff.indexOf(Math.max(...silu.autodiff));
    expect(grid[siluPeak]).toBeCloseTo(2.4, 1);
    expect(silu.autodiff[siluPeak]).toBeCloseTo(1.1, 2);
    // GELU: minimum near −0.75, slope peak about 1.13 near 1.4.
    const geluMin = gelu.f.indexOf(Math.min(...gelu.f));
    expect(Math.abs(grid[geluMin] + 0.75)).toBeLessThan(0.01);
    const geluPeak = gelu.autodiff.indexOf(Math.max(...gelu.autodiff));
    expect(Math.abs(grid[geluPeak] - 1.4)).toBeLessThan(0.05);
    expect(gelu.autodiff[geluPeak]).toBeCloseTo(1.13, 2);
  });

  it('the step passes no gradient, and the widget reports that as 0', () => {
    const c = curvesOf('step', [-1, 0, 1], 0.1);
    expect(Array.from(c.autodiff)).toEqual([0, 0, 0]);
  });
});

describe('activation gallery: worker run, schema, drawing', () => {
  it('the worker run evaluates every activation and refuses to train', () => {
    const run = openRun(curvesModel, {});
    const result = run.evaluate('curves', { x: grid, slope: 0.1 });
    expect(Object.keys(result).sort()).toEqual(ACTIVATIONS.map((a) => a.id).sort());
    expect(() => run.step()).toThrow(/nothing to train/);
    expect(() => run.evaluate('nope' as never)).toThrow();
    run.dispose();
  });

  it('colours keep 3:1 contrast on the widget surface in both themes, and differ', () => {
    for (const a of ACTIVATIONS) {
      expect(contrastRatio(a.color, '#f2f0e9'), a.id).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(a.color, '#1d2027'), a.id).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(ACTIVATIONS.map((a) => a.color)).size).toBe(ACTIVATIONS.length);
  });

  it('a state link round-trips: the shown set, the slope and the reading', () => {
    const { state } = decodeState(gallerySchema, 'v.1~sigmoid.0~gelu.1~a.0.25~x.-1.5');
    expect(state.sigmoid).toBe(false);
    expect(state.gelu).toBe(true);
    expect(state.slope).toBe(0.25);
    expect(state.at).toBe(-1.5);
    expect(decodeState(gallerySchema, encodeState(gallerySchema, state)).state).toEqual(state);
  });

  it('draws every shown curve, finite, and snapshots stay stable', () => {
    const curves = allCurves(grid, 0.1);
    const shown = ACTIVATIONS.map((a) => a.id);
    const svg = drawGallery({ box: galleryBox(), x: grid, curves, shown, cursor: gridIndex(1) });
    expect(svg).not.toMatch(/NaN|Infinity/);
    for (const id of shown) expect(svg).toContain(`data-activation="${id}"`);
    expect(svg.match(/class="derivative"/g)?.length).toBe(shown.length);
    expect(svg).toContain('data-x="1"');
    expect(drawGallery({ box: galleryBox(320), x: grid, curves, shown: ['relu', 'gelu'], cursor: gridIndex(-0.5) })).toMatchSnapshot();
  });

  it('draws only axes before the worker answers', () => {
    const svg = drawGallery({ box: galleryBox(), x: grid, curves: null, shown: ['relu'], cursor: 0 });
    expect(svg).not.toContain('data-activation');
    expect(svg).toContain('axis');
  });
});
