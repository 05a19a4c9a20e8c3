import { defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';
import { RAVINE_KAPPA, SURFACES, SURFACE_NAMES } from './surfaces';

export const OPTIMIZERS = [
  { name: 'gd', label: 'Gradient descent', color: '#0072B2' },
  { name: 'momentum', label: 'Momentum', color: '#D55E00' },
  { name: 'adam', label: 'Adam', color: '#009E73' },
] as const;

/** The walk stops by itself after this many steps, or fewer if the reader says so. */
export const MAX_STEPS = 1500;

export const descentSchema = defineSchema({
  name: 'descent-playground',
  version: 1,
  params: {
    surface: {
      type: 'enum',
      key: 'fn',
      label: 'Landscape',
      options: SURFACE_NAMES.map((value) => ({ value, label: SURFACES[value].label })),
      default: 'ravine',
    },
    kappa: { type: 'log-number', key: 'k', label: 'Ravine’s condition number κ', min: RAVINE_KAPPA.min, max: RAVINE_KAPPA.max, default: RAVINE_KAPPA.default },
    /** Empty: the landscape's own start. */
    start: { type: 'points', key: 'at', label: 'Start', x: [-3, 3], y: [-3, 3], minCount: 0, maxCount: 1, decimals: 2, default: [] },
    lr: { type: 'log-number', key: 'lr', label: 'Learning rate η (gradient descent, momentum)', min: 1e-4, max: 3, default: 0.03 },
    momentum: { type: 'number', key: 'mu', label: 'Momentum μ', min: 0, max: 0.99, step: 0.01, default: 0.9 },
    adamLr: { type: 'log-number', key: 'alr', label: 'Adam’s learning rate η', min: 1e-3, max: 1, default: 0.05 },
    steps: { type: 'integer', key: 'n', label: 'Stop after this many steps', min: 1, max: MAX_STEPS, default: MAX_STEPS },
    speed: { type: 'log-number', key: 'sp', label: 'Steps per second', min: 2, max: 1000, default: 30 },
  },
  // A link that picks a landscape but no rate gets that landscape's rates, as
  // choosing it in the menu does (Rosenbrock diverges at the ravine's 0.03).
  linkedDefaults: (state) => SURFACES[state.surface].suggested,
});

export type DescentParams = ParamsOf<typeof descentSchema>;

export function startOf(params: Pick<DescentParams, 'surface' | 'start'>): readonly [number, number] {
  return params.start[0] ?? SURFACES[params.surface].start;
}
