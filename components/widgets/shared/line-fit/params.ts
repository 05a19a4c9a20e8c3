/**
 * The settings both chapter-2 widgets share (fit-a-line and the loss
 * surface), declared once so their controls and links read alike.
 */
import type { EnumParam, LogNumberParam, NumberParam, PointsParam } from '@/components/widgets/kit/schema';
import { LOSSES, LOSS_NAMES, type LossName } from './losses';
import { PRESETS, X_RANGE, Y_RANGE } from './presets';

export interface LossSettings {
  loss: LossName;
  delta: number;
  ridge: number;
}

/** The loss, Huber's δ and the ridge penalty λ. */
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

/** The scatter fit-a-line edits (and shares with the loss surface). */
export const POINTS_PARAM: PointsParam = {
  type: 'points',
  key: 'pts',
  label: 'Points',
  x: X_RANGE,
  y: Y_RANGE,
  minCount: MIN_POINTS,
  maxCount: MAX_POINTS,
  decimals: 2,
  default: PRESETS.clean.points,
};
