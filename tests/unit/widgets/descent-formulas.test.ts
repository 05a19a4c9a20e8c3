/**
 * The formulas the book prints are the formulas the engine computes.
 * Chapter 1's momentum and Adam updates, transcribed from the MDX, against
 * the engine's optimisers; and each landscape's printed formula against the
 * engine's evaluation of it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Adam, backward, parameter, scope, SGD, sum, mul, tensor } from '@/engine';
import { fieldOf } from '@/components/widgets/descent-playground/model';
import { formulaOf, SURFACES } from '@/components/widgets/descent-playground/surfaces';

const chapter = readFileSync(new URL('../../../content/01-learning.mdx', import.meta.url), 'utf8');
/** LaTeX with alignment marks, thin spaces and white space taken out, for comparison. */
const bare = (tex: string) => tex.replace(/&|\\,|\s+/g, '');
/** The chapter's display math blocks. */
const blocks = [...chapter.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)].map((m) => bare(m[1]));
const printed = (needle: string) => blocks.find((b) => b.includes(bare(needle)));

/** Engine: θ after each of `steps` updates on L(θ) = Σ c·θ² with optimiser `make`. */
function engineWalk(make: (p: ReturnType<typeof parameter>) => { zeroGrad(): void; step(): void }, theta0: number[], c: number[], steps: number) {
  const theta = parameter(tensor(theta0));
  const coef = tensor(c);
  const opt = make(theta);
  const out: number[][] = [];
  for (let t = 0; t < steps; t++) {
    scope(() => {
      opt.zeroGrad();
      backward(sum(mul(coef, mul(theta, theta))));
      opt.step();
    });
    out.push(Array.from(theta.toArray()));
  }
  return out;
}

describe('chapter 1 prints the engine’s momentum', () => {
  it('prints v_{t+1} = μ v_t + g_t and θ_{t+1} = θ_t − η v_{t+1}', () => {
    const block = printed('v_{t+1} = \\mu v_t + g_t');
    expect(block, 'momentum block in chapter 1').toBeDefined();
    expect(block).toContain(bare('\\theta_{t+1} = \\theta_t - \\eta\\, v_{t+1}'));
    expect(block).toContain(bare('v_0 = 0'));
  });

  it('the printed update, computed by hand, equals the engine for three steps', () => {
    const eta = 0.1;
    const mu = 0.9;
    const c = [1, 5];
    // Printed: v_0 = 0; g_t = ∇L(θ_t) = 2cθ_t; v_{t+1} = μ v_t + g_t; θ_{t+1} = θ_t − η v_{t+1}.
    let theta = [1.5, -0.5];
    let v = [0, 0];
    const hand: number[][] = [];
    for (let t = 0; t < 3; t++) {
      const g = theta.map((th, i) => 2 * c[i] * th);
      v = v.map((vi, i) => mu * vi + g[i]);
      theta = theta.map((th, i) => th - eta * v[i]);
      hand.push(theta);
    }
    const engine = engineWalk((p) => new SGD([p], { lr: eta, momentum: mu }), [1.5, -0.5], c, 3);
    engine.forEach((row, t) => row.forEach((x, i) => expect(x).toBeCloseTo(hand[t][i], 5)));
  });
});

describe('chapter 1 prints the engine’s Adam', () => {
  it('prints the moment, bias-correction and update lines', () => {
    const block = printed('\\hat m_t');
    expect(block, 'Adam block in chapter 1').toBeDefined();
    for (const piece of [
      'm_t = \\beta_1 m_{t-1} + (1 - \\beta_1)\\, g_t',
      's_t = \\beta_2 s_{t-1} + (1 - \\beta_2)\\, g_t^2',
      '\\hat m_t = \\frac{m_t}{1 - \\beta_1^t}',
      '\\hat s_t = \\frac{s_t}{1 - \\beta_2^t}',
      '\\theta_t = \\theta_{t-1} - \\eta\\, \\frac{\\hat m_t}{\\sqrt{\\hat s_t} + \\epsilon}',
    ]) {
      expect(block).toContain(bare(piece));
    }
  });

  it('the printed update, computed by hand, equals the engine for three steps', () => {
    const [eta, b1, b2, eps] = [0.05, 0.9, 0.999, 1e-8];
    const c = [1, 5];
    let theta = [1.5, -0.5];
    let m = [0, 0];
    let s = [0, 0];
    const hand: number[][] = [];
    for (let t = 1; t <= 3; t++) {
      const g = theta.map((th, i) => 2 * c[i] * th); // g_t = ∇L(θ_{t−1})
      m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
      s = s.map((si, i) => b2 * si + (1 - b2) * g[i] ** 2);
      const mHat = m.map((mi) => mi / (1 - b1 ** t));
      const sHat = s.map((si) => si / (1 - b2 ** t));
      theta = theta.map((th, i) => th - (eta * mHat[i]) / (Math.sqrt(sHat[i]) + eps));
      hand.push(theta);
    }
    const engine = engineWalk((p) => new Adam([p], { lr: eta }), [1.5, -0.5], c, 3);
    engine.forEach((row, t) => row.forEach((x, i) => expect(x).toBeCloseTo(hand[t][i], 5)));
  });
});

describe('each landscape prints the function the engine evaluates', () => {
  const e = Math.exp;
  const expected: Record<keyof typeof SURFACES, { text: string; f: (a: number, b: number) => number }> = {
    bowl: { text: '½(θ₁² + θ₂²)', f: (a, b) => 0.5 * (a * a + b * b) },
    // κ = 20 unless a link sets it (the test below checks other values).
    ravine: { text: '½(θ₁² + κθ₂²)', f: (a, b) => 0.5 * (a * a + 20 * b * b) },
    rosenbrock: { text: '(1 − θ₁)² + 100(θ₂ − θ₁²)²', f: (a, b) => (1 - a) ** 2 + 100 * (b - a * a) ** 2 },
    saddle: { text: 'θ₁² − θ₂² + ½θ₂⁴', f: (a, b) => a * a - b * b + 0.5 * b ** 4 },
    wells: {
      text: '⅕‖θ‖² − 1.5e^(−2‖θ − a‖²) − e^(−2‖θ − b‖²) − 0.8e^(−3‖θ − c‖²), a = (1, 1), b = (−1, −0.5), c = (1, −1.2)',
      f: (p, q) =>
        0.2 * (p * p + q * q) -
        1.5 * e(-2 * ((p - 1) ** 2 + (q - 1) ** 2)) -
        e(-2 * ((p + 1) ** 2 + (q + 0.5) ** 2)) -
        0.8 * e(-3 * ((p - 1) ** 2 + (q + 1.2) ** 2)),
    },
  };
  for (const [name, want] of Object.entries(expected) as [keyof typeof SURFACES, (typeof expected)['bowl']][]) {
    it(name, () => {
      expect(SURFACES[name].text).toBe(want.text);
      const [x0, x1, y0, y1] = SURFACES[name].domain;
      const grid = { nx: 7, ny: 5, x0, x1, y0, y1 };
      const field = fieldOf(name, grid);
      for (let j = 0; j < grid.ny; j++) {
        for (let i = 0; i < grid.nx; i++) {
          const a = x0 + ((i + 0.5) * (x1 - x0)) / grid.nx;
          const b = y0 + ((j + 0.5) * (y1 - y0)) / grid.ny;
          const v = want.f(a, b);
          expect(field[j * grid.nx + i]).toBeCloseTo(v, Math.abs(v) > 100 ? 1 : 4);
        }
      }
    });
  }
});

describe('the ravine prints the κ it is evaluated with', () => {
  for (const kappa of [1, 10, 20, 100, 1000]) {
    it(`κ = ${kappa}`, () => {
      expect(formulaOf('ravine', kappa)).toBe(`½(θ₁² + ${kappa}θ₂²)`);
      const grid = { nx: 5, ny: 5, x0: -2, x1: 2, y0: -2, y1: 2 };
      const field = fieldOf('ravine', grid, kappa);
      for (let j = 0; j < 5; j++) {
        for (let i = 0; i < 5; i++) {
          const a = -2 + ((i + 0.5) * 4) / 5;
          const b = -2 + ((j + 0.5) * 4) / 5;
          const v = 0.5 * (a * a + kappa * b * b);
          expect(field[j * 5 + i]).toBeCloseTo(v, v > 100 ? 2 : 4);
        }
      }
    });
  }
  it('other landscapes ignore κ', () => expect(formulaOf('bowl', 100)).toBe(SURFACES.bowl.text));
});
