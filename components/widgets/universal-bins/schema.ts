import { defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';
import { DRAWN_POINTS, NAMED_TARGETS, type NamedTarget, type TargetSpec } from './targets';

/** The trained run pauses by itself after this many steps. */
export const MAX_STEPS = 20000;

/** The range of g a reader may draw or type (the plot shows a little more). */
export const G_RANGE = [-1.2, 1.2] as const;

/** The formulas the widget prints (tests/unit/widgets/universal-bins.test.ts pins each to the engine). */
export const FORMULAS = {
  network: 'f(x) = Σᵢ gᵢ·[σ(w(x − aᵢ₋₁)) − σ(w(x − aᵢ))], aᵢ = i/B, i = 1, …, B',
  height: 'gᵢ = mean of g over bin i, [aᵢ₋₁, aᵢ]',
  mse: 'MSE = mean of (f(x) − g(x))² over 400 evenly spaced x',
  init: 'random start: slopes ~ N(0, 20²), centres uniform on [0, 1], output weights ~ N(0, 1/(2B))',
};

export type TargetChoice = NamedTarget | 'drawn' | 'typed';

/** A smooth default for drawing: a hill and a dip, sampled at the drawing's points. */
const DRAWN_DEFAULT = Array.from({ length: DRAWN_POINTS }, (_, i) => {
  const x = i / (DRAWN_POINTS - 1);
  return Math.round((0.9 * Math.exp(-(((x - 0.3) / 0.12) ** 2)) - 0.6 * Math.exp(-(((x - 0.72) / 0.08) ** 2)) + 0.2 * x) * 100) / 100;
});

export const binsSchema = defineSchema({
  name: 'universal-bins',
  version: 1,
  params: {
    target: {
      type: 'enum',
      key: 'g',
      label: 'Target g(x)',
      options: [
        { value: 'sine', label: NAMED_TARGETS.sine.label },
        { value: 'step', label: NAMED_TARGETS.step.label },
        { value: 'bumpy', label: NAMED_TARGETS.bumpy.label },
        { value: 'drawn', label: 'Draw your own' },
        { value: 'typed', label: 'Type values' },
      ],
      default: 'sine',
    },
    drawn: { type: 'curve', key: 'd', label: 'Drawn target', min: G_RANGE[0], max: G_RANGE[1], minCount: DRAWN_POINTS, maxCount: DRAWN_POINTS, decimals: 2, default: DRAWN_DEFAULT as readonly number[] },
    typed: { type: 'curve', key: 't', label: 'Typed values', min: G_RANGE[0], max: G_RANGE[1], minCount: 2, maxCount: 12, decimals: 2, default: [0.2, 0.9, -0.5, 0.4, -0.1] as readonly number[] },
    bins: { type: 'integer', key: 'b', label: 'Bins B', min: 1, max: 50, default: 8 },
    steepness: { type: 'log-number', key: 'w', label: 'Steepness w', min: 1, max: 5000, digits: 2, default: 100 },
    lr: { type: 'log-number', key: 'lr', label: 'Learning rate η (trained network, Adam)', min: 1e-4, max: 0.3, default: 0.02 },
    speed: { type: 'log-number', key: 'sp', label: 'Steps per second', min: 10, max: 10000, default: 300 },
    seed: { type: 'integer', key: 's', label: 'Seed of the random start', min: 0, max: 9999, default: 1 },
  },
});

export type BinsParams = ParamsOf<typeof binsSchema>;

export function targetSpecOf(p: Pick<BinsParams, 'target' | 'drawn' | 'typed'>): TargetSpec {
  if (p.target === 'drawn') return { kind: 'points', values: [...p.drawn] };
  if (p.target === 'typed') return { kind: 'points', values: [...p.typed] };
  return { kind: p.target };
}

/** The target as the widget prints it. */
export function targetText(p: Pick<BinsParams, 'target' | 'typed'>): string {
  if (p.target === 'drawn') return `g drawn by you: ${DRAWN_POINTS} values at x = 0, 1/32, …, 1, joined by straight lines`;
  if (p.target === 'typed') {
    const n = p.typed.length;
    return `g through your ${n} values at x = ${n === 2 ? '0 and 1' : `0, 1/${n - 1}, …, 1`}, joined by straight lines`;
  }
  return NAMED_TARGETS[p.target].text;
}
