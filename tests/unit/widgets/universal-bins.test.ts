/**
 * Universal approximation with bins: the hand-built network (evaluated by
 * the engine) does what the chapter claims, prints the formula it computes,
 * and the trained network learns.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import binsModel, {
  binHeights,
  handBuilt,
  handBuiltNetwork,
  handMseByBins,
  INIT_SLOPE,
  targetFunction,
  type BinsConfig,
} from '@/components/widgets/universal-bins/model';
import { binsSchema, FORMULAS, targetSpecOf, targetText } from '@/components/widgets/universal-bins/schema';
import { openRun } from '../helpers/open-run';
import { isValid } from '@/components/widgets/kit/schema';
import { decodeState, encodeState } from '@/components/widgets/kit/url-codec';
import { GRID_X, NAMED_TARGETS, parseTyped, polyline, type TargetSpec } from '@/components/widgets/universal-bins/targets';
import { drawFit, drawMseChart, fitBox, mseBox } from '@/components/widgets/universal-bins/draw';
import { regressionTargets } from '@/engine';

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const step: TargetSpec = { kind: 'step' };

describe('hand-built network', () => {
  it('is the printed formula, in the chapter’s notation: f(x) = Σᵢ gᵢ·[σ(w(x − aᵢ₋₁)) − σ(w(x − aᵢ))], gᵢ the bin’s mean of g', () => {
    expect(FORMULAS.network).toBe('f(x) = Σᵢ gᵢ·[σ(w(x − aᵢ₋₁)) − σ(w(x − aᵢ))], aᵢ = i/B, i = 1, …, B');
    expect(FORMULAS.height).toBe('gᵢ = mean of g over bin i, [aᵢ₋₁, aᵢ]');
    expect(FORMULAS.mse).toBe('MSE = mean of (f(x) − g(x))² over 400 evenly spaced x');
    const target: TargetSpec = { kind: 'bumpy' };
    const g = targetFunction(target);
    for (const [B, w] of [[5, 37], [13, 400], [1, 3]] as const) {
      // gᵢ by a fine midpoint rule in float64.
      const c = Array.from({ length: B }, (_, k) => {
        let total = 0;
        const n = 20000;
        for (let j = 0; j < n; j++) total += g((k + (j + 0.5) / n) / B);
        return total / n;
      });
      const m = (x: number, heights: ArrayLike<number>) =>
        Array.from(heights).reduce((s, ck, k) => s + ck * (sig(w * (x - k / B)) - sig(w * (x - (k + 1) / B))), 0);
      const engine = handBuilt(target, B, w);
      // The engine's gᵢ (a 64-point midpoint rule) are the bins' means …
      engine.heights.forEach((h, k) => expect(Math.abs(h - c[k])).toBeLessThan(1e-4));
      // … and its network is the printed sum, to float32 precision.
      GRID_X.forEach((x, i) => expect(Math.abs(engine.y[i] - m(x, engine.heights))).toBeLessThan(2e-6));
      const mse = GRID_X.reduce((s, x) => s + (m(x, c) - g(x)) ** 2, 0) / GRID_X.length;
      expect(engine.mse).toBeCloseTo(mse, 5);
    }
  });

  it('has 2B hidden units, a pair per bin', () => {
    const net = handBuiltNetwork(7, 50, binHeights(step, 7));
    expect(net.layers[0].weight.shape).toEqual([14, 1]);
    expect(net.layers[1].weight.shape).toEqual([1, 14]);
    net.dispose();
  });

  it('for a piecewise-constant target aligned with the bins, the error away from the edges falls below 1e-3 as w grows', () => {
    for (const B of [2, 4, 10, 50]) {
      // Points at least a quarter of a bin from every bin edge (0 and 1 included).
      const x = Float32Array.from({ length: 4 * B }, (_, i) => (Math.floor(i / 4) + 0.25 + (i % 4) / 6) / B);
      const errors = [10, 100, 1000, 10000].map((w) => {
        const fit = handBuilt(step, B, w, x);
        return Math.max(...Array.from(fit.y, (y, i) => Math.abs(y - fit.g[i])));
      });
      for (let k = 1; k < errors.length; k++) expect(errors[k], `B = ${B}`).toBeLessThanOrEqual(errors[k - 1]);
      expect(errors[errors.length - 1], `B = ${B}`).toBeLessThan(1e-3);
      // The heights are the step's exact values.
      expect(Array.from(binHeights(step, B))).toEqual(Array.from({ length: B }, (_, k) => (k < B / 2 ? -0.5 : 0.5)));
    }
  });

  it('for smooth targets the MSE falls as B grows (w large enough for the bins)', () => {
    for (const target of [{ kind: 'sine' }, { kind: 'bumpy' }] as TargetSpec[]) {
      for (const w of [300, 3000]) {
        const byB = handMseByBins(target, w);
        const seq = [1, 3, 6, 12, 25, 50].map((B) => byB[B - 1]);
        for (let k = 1; k < seq.length; k++) expect(seq[k], `${target.kind}, w = ${w}`).toBeLessThan(seq[k - 1]);
        expect(seq[seq.length - 1]).toBeLessThan(2e-3);
      }
    }
  });

  it('what chapter 4 says of the sine at the default w = 100: B²·MSE falls up to B ≈ 25, then rises as the bins get narrower than an edge', () => {
    const chapter = readFileSync(new URL('../../../content/04-mlp.mdx', import.meta.url), 'utf8');
    expect(chapter).toContain('For the widget\'s sine, $g(x) = \\sin\\big(\\pi(2x - 1)\\big)$');
    expect(NAMED_TARGETS.sine.text).toBe('g(x) = sin(π(2x − 1))');
    expect(chapter).toContain('Go back to the default $w = 100$ and repeat: up to about $B = 25$ the error falls faster than the law');
    expect(binsSchema.params.steepness.default).toBe(100);
    const mse = handMseByBins({ kind: 'sine' }, 100);
    const scaled = (B: number) => B * B * mse[B - 1];
    for (const B of [5, 10, 15, 20]) expect(scaled(B + 5)).toBeLessThan(scaled(B));
    for (const B of [30, 40]) expect(scaled(B + 10)).toBeGreaterThan(scaled(B));
  });

  it('MSE vs B is finite everywhere, including w = 1 and w = 5000', () => {
    for (const w of [1, 5000]) expect(Array.from(handMseByBins({ kind: 'points', values: [0, 1, -1] }, w)).every(Number.isFinite)).toBe(true);
  });
});

describe('targets', () => {
  it('the named targets are the engine’s, read through u = 2x − 1, as printed', () => {
    expect(NAMED_TARGETS.sine.text).toBe('g(x) = sin(π(2x − 1))');
    expect(NAMED_TARGETS.step.text).toBe('g(x) = −½ for x < ½, and ½ from x = ½ on');
    expect(NAMED_TARGETS.bumpy.text).toBe('g(x) = 0.6·sin(3πu)·e^(−u²) + 0.3u, with u = 2x − 1');
    for (const x of [0, 0.1, 0.37, 0.5, 0.81, 1]) {
      const u = 2 * x - 1;
      expect(targetFunction({ kind: 'sine' })(x)).toBeCloseTo(Math.sin(Math.PI * u), 12);
      expect(targetFunction({ kind: 'step' })(x)).toBe(x < 0.5 ? -0.5 : 0.5);
      expect(targetFunction({ kind: 'bumpy' })(x)).toBeCloseTo(0.6 * Math.sin(3 * Math.PI * u) * Math.exp(-u * u) + 0.3 * u, 12);
      expect(targetFunction({ kind: 'bumpy' })(x)).toBe(regressionTargets.bumpy(u));
    }
  });

  it('drawn and typed values are joined by straight lines', () => {
    const g = polyline([0, 1, -1]);
    expect(g(0)).toBe(0);
    expect(g(0.25)).toBeCloseTo(0.5, 12);
    expect(g(0.5)).toBe(1);
    expect(g(0.875)).toBeCloseTo(-0.5, 12);
    expect(g(1)).toBe(-1);
  });

  it('typed values parse, or say why not', () => {
    const limits = { min: -1.2, max: 1.2, minCount: 2, maxCount: 12 };
    expect(parseTyped('0, 0.8 -0.3; 1', limits)).toEqual([0, 0.8, -0.3, 1]);
    expect(parseTyped('0.5', limits)).toMatch(/between 2 and 12/);
    expect(parseTyped('0, banana', limits)).toMatch(/not a number/);
    expect(parseTyped('0, 3', limits)).toMatch(/between -1.2 and 1.2/);
  });
});

describe('trained network', () => {
  const config: BinsConfig = { target: { kind: 'bumpy' }, bins: 8, lr: 0.02, speed: 300, maxSteps: 20000 };

  it('starts at random sigmoids centred in [0, 1] and learns: the MSE falls tenfold in 1,500 steps', () => {
    const run = openRun(binsModel, config, 1);
    const start = run.snapshot();
    const centres = start.centres as Float32Array;
    expect(centres.length).toBe(16);
    expect(Array.from(centres).every((c) => c >= 0 && c <= 1)).toBe(true);
    const first = run.step();
    let loss = first;
    for (let i = 0; i < 1500; i++) loss = run.step();
    expect(loss).toBeLessThan(first / 10);
    const snap = run.snapshot();
    expect((snap.pred as Float32Array).length).toBe(GRID_X.length);
    expect(snap.mse as number).toBeLessThan(first / 10);
    run.dispose();
  });

  it('the same seed gives the same run; another seed another start', () => {
    const losses = (seed: number) => {
      const run = openRun(binsModel, config, seed);
      const out = Array.from({ length: 20 }, () => run.step());
      run.dispose();
      return out;
    };
    expect(losses(3)).toEqual(losses(3));
    expect(losses(4)).not.toEqual(losses(3));
  });

  it('takes learning-rate and pace changes mid-run, and refuses others', () => {
    const run = openRun(binsModel, config, 1);
    run.set({ lr: 0.001, speed: 50 });
    expect(run.stepsPerSecond!()).toBe(50);
    expect(() => run.set({ bins: 3 })).toThrow(/cannot change/);
    run.dispose();
  });

  it('answers hand-built queries for any target, B and w', () => {
    const run = openRun(binsModel, config, 1);
    const hand = run.evaluate('hand', { target: step, bins: 4, steepness: 1000 });
    expect(hand.heights.length).toBe(4);
    const byB = run.evaluate('mseByBins', { target: step, steepness: 1000 });
    expect(byB.length).toBe(50);
    expect(() => run.evaluate('x' as never)).toThrow();
    run.dispose();
  });

  it('its random start has the printed spread', () => {
    expect(INIT_SLOPE).toBe(20);
    expect(FORMULAS.init).toBe('random start: slopes ~ N(0, 20²), centres uniform on [0, 1], output weights ~ N(0, 1/(2B))');
  });
});

describe('drawing', () => {
  const hand = handBuilt({ kind: 'sine' }, 6, 120);
  const run = openRun(binsModel, { target: { kind: 'sine' }, bins: 6, lr: 0.02, speed: 300, maxSteps: 100 }, 2);
  for (let i = 0; i < 30; i++) run.step();
  const snap = run.snapshot();
  run.dispose();
  const trained = { pred: snap.pred as Float32Array, centres: snap.centres as Float32Array, outWeights: snap.outWeights as Float32Array };

  it('draws bins, target, both networks and the trained units’ centres, all finite', () => {
    const svg = drawFit({ box: fitBox(), clipId: 'c1', bins: 6, hand, target: hand.g, trained, drawing: null });
    expect(svg.match(/class="bin"/g)?.length).toBe(6);
    for (const name of ['target', 'hand-built', 'trained']) expect(svg).toContain(`data-series="${name}"`);
    expect(svg).toContain('class="centres"');
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(svg).toMatchSnapshot();
  });

  it('never draws a non-finite centre or value', () => {
    const bad = { pred: Float32Array.from(trained.pred, (v, i) => (i % 7 ? v : NaN)), centres: Float32Array.of(NaN, Infinity, 0.5), outWeights: Float32Array.of(1, 1, NaN) };
    const svg = drawFit({ box: fitBox(), clipId: 'c2', bins: 6, hand, target: hand.g, trained: bad, drawing: null });
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('the MSE chart marks the current B and the trained MSE', () => {
    const byB = handMseByBins({ kind: 'sine' }, 120);
    const svg = drawMseChart({ box: mseBox(), byBins: byB, bins: 6, trainedMse: 0.004 });
    expect(svg).toContain('class="current-bins"');
    expect(svg).toContain('class="trained-mse"');
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(drawMseChart({ box: mseBox(), byBins: null, bins: 6, trainedMse: null })).not.toMatch(/NaN|Infinity/);
  });
});

describe('schema and links', () => {
  it('every default is a valid value', () => {
    for (const [name, p] of Object.entries(binsSchema.params)) expect(isValid(p, p.default), name).toBe(true);
  });

  it('a link round-trips a drawn target, B, w and the seed', () => {
    const drawn = Array.from({ length: 33 }, (_, i) => Math.round(Math.sin(i / 5) * 100) / 100);
    const state = { ...decodeState(binsSchema, '').state, target: 'drawn' as const, drawn, bins: 17, steepness: 730, seed: 12 };
    const encoded = encodeState(binsSchema, state);
    expect(encoded).toMatch(/g\.drawn~d\.0_0\.2_/);
    expect(decodeState(binsSchema, encoded)).toEqual({ state, notices: [], play: false });
    expect(targetSpecOf(state)).toEqual({ kind: 'points', values: drawn });
  });

  it('a drawn target of the wrong length falls back, with a notice', () => {
    const { state, notices } = decodeState(binsSchema, 'v.1~g.drawn~d.0_1_0');
    expect(state.drawn.length).toBe(33);
    expect(notices.join()).toMatch(/Drawn target/);
  });

  it('prints the target it trains on', () => {
    expect(targetText({ target: 'typed', typed: [0, 1] })).toContain('x = 0 and 1');
    expect(targetText({ target: 'typed', typed: [0, 1, 0, 1] })).toContain('x = 0, 1/3, …, 1');
    expect(targetText({ target: 'sine', typed: [] })).toBe(NAMED_TARGETS.sine.text);
  });
});
