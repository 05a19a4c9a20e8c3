import { defineSchema, type EnumParam, type ParamsOf } from '@/components/widgets/kit/schema';
import { LOSS_PARAMS, lrParam, speedParam } from '@/components/widgets/shared/line-fit/params';
import { PRESETS, PRESET_NAMES, type Point, type PresetName } from '@/components/widgets/shared/line-fit/presets';

/** The map of (w, b) the surface shows; the start is placed inside it. */
export const WINDOW = { w: [-3, 3], b: [-3, 3] } as const;

/** The walk stops by itself after this many steps (a converged path adds nothing). */
export const MAX_STEPS = 3000;

export const lossSurfaceSchema = defineSchema({
  name: 'loss-surface',
  version: 1,
  params: {
    preset: {
      type: 'enum',
      key: 'ds',
      label: 'Data',
      options: PRESET_NAMES.map((value) => ({ value, label: PRESETS[value].label })),
      default: 'clean',
      help: 'Used when the page has no fit-a-line figure to share its points.',
    } as EnumParam<PresetName>,
    ...LOSS_PARAMS,
    /** Empty: the default start. */
    start: {
      type: 'points',
      key: 'at',
      label: 'Start (w, b)',
      x: WINDOW.w,
      y: WINDOW.b,
      minCount: 0,
      maxCount: 1,
      decimals: 2,
      default: [],
    },
    lr: lrParam(0.1),
    speed: speedParam(30),
  },
});

export const DEFAULT_START: Point = [-2.4, 2.2];

export type SurfaceParams = ParamsOf<typeof lossSurfaceSchema>;

export function startOf(params: Pick<SurfaceParams, 'start'>): Point {
  return params.start[0] ?? DEFAULT_START;
}
