import { defineSchema, type BooleanParam, type ParamsOf } from '@/components/widgets/kit/schema';
import { ACTIVATIONS, type ActivationId } from './activations';

/** The plotted window of x, and the grid the worker evaluates on (step 0.01). */
export const X_RANGE = [-4, 4] as const;
export const GRID_N = 801;

/** The x of grid point i. */
export const gridX = (i: number) => X_RANGE[0] + ((X_RANGE[1] - X_RANGE[0]) * i) / (GRID_N - 1);

/** The grid index nearest to x (clamped). */
export function gridIndex(x: number): number {
  const i = Math.round(((x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])) * (GRID_N - 1));
  return Math.min(GRID_N - 1, Math.max(0, i));
}

const SHOWN_BY_DEFAULT: ReadonlySet<ActivationId> = new Set(['sigmoid', 'tanh', 'relu']);

/** One switch per activation: which curves are on the axes. */
const shown = Object.fromEntries(
  ACTIVATIONS.map((a) => [a.id, { type: 'boolean', key: a.id.toLowerCase(), label: a.label, default: SHOWN_BY_DEFAULT.has(a.id) } satisfies BooleanParam]),
) as Record<ActivationId, BooleanParam>;

export const gallerySchema = defineSchema({
  name: 'activation-gallery',
  version: 1,
  params: {
    ...shown,
    slope: { type: 'number', key: 'a', label: 'Leaky ReLU slope a', min: 0, max: 0.5, step: 0.01, default: 0.1 },
    at: { type: 'number', key: 'x', label: 'Read values at x', min: X_RANGE[0], max: X_RANGE[1], step: 0.01, default: 1 },
  },
});

export type GalleryParams = ParamsOf<typeof gallerySchema>;

export function shownIds(params: GalleryParams): ActivationId[] {
  return ACTIVATIONS.filter((a) => params[a.id]).map((a) => a.id);
}
