import { defineSchema, type EnumParam, type LogNumberParam, type NumberParam } from '@/components/widgets/kit/schema';
import { LOSSES, LOSS_NAMES, type LossName } from './losses';
import { PRESETS, X_RANGE, Y_RANGE, type Point } from './presets';

/** The loss controls, shared with the loss surface so both read alike. */
export const LOSS_PARAMS = {
  loss: {
    type: 'enum',
    key: 'loss',
    label: 'Loss',
    options: LOSS_NAMES.map((value) => ({ value, label: LOSSES[value].label })),
    default: 'squared',
  } as EnumParam<LossName>,
  delta: { type: 'number', key: 'd', label: 'Huber δ', min: 0.05, max: 3, step: 0.05, default: 0.5 } as NumberParam,
  ridge: { type: 'number', key: 'l2', label: 'Ridge λ', min: 0, max: 3, step: 0.01, default: 0 } as NumberParam,
};

export const lrParam = (fallback: number): LogNumberParam => ({ type: 'log-number', key: 'lr', label: 'Learning rate η', min: 1e-3, max: 3, default: fallback });
export const speedParam = (fallback: number): LogNumberParam => ({ type: 'log-number', key: 'sp', label: 'Steps per second', min: 2, max: 1000, default: fallback });

export const MAX_POINTS = 40;
/** Fewer than two points leave the line undetermined. */
export const MIN_POINTS = 2;

export const fitALineSchema = defineSchema({
  name: 'fit-a-line',
  version: 1,
  params: {
    points: {
      type: 'points',
      key: 'pts',
      label: 'Points',
      x: X_RANGE,
      y: Y_RANGE,
      minCount: MIN_POINTS,
      maxCount: MAX_POINTS,
      decimals: 2,
      default: PRESETS.clean.points,
    },
    ...LOSS_PARAMS,
    lr: lrParam(0.1),
    speed: speedParam(60),
  },
});

export interface LossSettings {
  loss: LossName;
  delta: number;
  ridge: number;
}

export interface FitParams extends LossSettings {
  points: readonly Point[];
  lr: number;
  speed: number;
}
