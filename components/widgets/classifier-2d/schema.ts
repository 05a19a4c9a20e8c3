import { defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';
import type { Grid } from '@/components/plots/grid';

export type DatasetName = 'blobs2' | 'blobs3' | 'moons' | 'xor';
export type LossName = 'ce' | 'sq';
export type InitName = 'zero' | 'wrong';

export const DATASETS: Record<DatasetName, { label: string; kind: 'blobs' | 'moons' | 'xor'; classes: 2 | 3 }> = {
  blobs2: { label: 'Two blobs', kind: 'blobs', classes: 2 },
  blobs3: { label: 'Three blobs', kind: 'blobs', classes: 3 },
  moons: { label: 'Two moons', kind: 'moons', classes: 2 },
  xor: { label: 'XOR (four quadrants)', kind: 'xor', classes: 2 },
};

/** The run pauses by itself after this many steps. */
export const MAX_STEPS = 3000;
/** Held-out points for the reliability diagram: a fresh sample of the same distribution. */
export const TEST_POINTS = 600;
/** Bins B of the reliability diagram. */
export const BINS = 10;
/** The plotted window, and the grid the worker evaluates the probability field on. */
export const DOMAIN = [-1.5, 1.5, -1.5, 1.5] as const;
export const FIELD_GRID: Grid = { nx: 60, ny: 60, x0: DOMAIN[0], x1: DOMAIN[1], y0: DOMAIN[2], y1: DOMAIN[3] };

export const classifierSchema = defineSchema({
  name: 'classifier-2d',
  version: 1,
  params: {
    dataset: {
      type: 'enum',
      key: 'ds',
      label: 'Data',
      options: (Object.keys(DATASETS) as DatasetName[]).map((value) => ({ value, label: DATASETS[value].label })),
      default: 'blobs2',
    },
    n: { type: 'integer', key: 'n', label: 'Training points', min: 10, max: 400, step: 10, default: 120 },
    noise: { type: 'number', key: 'nz', label: 'Noise', min: 0, max: 0.5, step: 0.01, default: 0.3 },
    seed: { type: 'integer', key: 'seed', label: 'Sample', min: 0, max: 9999, default: 1 },
    loss: {
      type: 'enum',
      key: 'loss',
      label: 'Loss',
      options: [
        { value: 'ce', label: 'Cross-entropy' },
        { value: 'sq', label: 'Squared error on probabilities' },
      ],
      default: 'ce',
    },
    init: {
      type: 'enum',
      key: 'init',
      label: 'Start',
      options: [
        { value: 'zero', label: 'All weights zero' },
        { value: 'wrong', label: 'Confidently wrong' },
      ],
      default: 'zero',
    },
    lr: { type: 'log-number', key: 'lr', label: 'Learning rate η', min: 0.01, max: 20, default: 1 },
    tau: { type: 'number', key: 'tau', label: 'Threshold τ', min: 0.01, max: 0.99, step: 0.01, default: 0.5 },
    speed: { type: 'log-number', key: 'sp', label: 'Steps per second', min: 2, max: 1000, default: 60 },
  },
});

export type ClassifierParams = ParamsOf<typeof classifierSchema>;

/** Class colours, in class order (the palette's first three). */
export const CLASS_NAMES = ['class 0', 'class 1', 'class 2'] as const;
