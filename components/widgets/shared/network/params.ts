/**
 * The network and data settings the playground (chapter 4) and the tape
 * viewer (chapter 5) share, under the same URL keys, so that a playground's
 * link opens the same network in the tape viewer.
 */
import type { Param } from '@/components/widgets/kit/schema';

export const DATASETS = [
  { value: 'xor', label: 'XOR (four quadrants)' },
  { value: 'circles', label: 'Circles (disc in a ring)' },
  { value: 'moons', label: 'Two moons' },
  { value: 'spiral', label: 'Spiral' },
  { value: 'blobs', label: 'Gaussian blobs' },
] as const;
export type DatasetName = (typeof DATASETS)[number]['value'];

/** Data sets whose number of classes the reader chooses (arms of the spiral, blobs). */
export const HAS_CLASSES: ReadonlySet<DatasetName> = new Set(['spiral', 'blobs']);

export const ACTIVATIONS = [
  { value: 'tanh', label: 'tanh' },
  { value: 'relu', label: 'ReLU' },
  { value: 'leakyRelu', label: 'leaky ReLU (a = 0.01)' },
  { value: 'elu', label: 'ELU' },
  { value: 'sigmoid', label: 'sigmoid' },
  { value: 'softplus', label: 'softplus' },
  { value: 'gelu', label: 'GELU' },
  { value: 'silu', label: 'SiLU' },
  { value: 'linear', label: 'none (linear)' },
] as const;
export type NetworkActivation = (typeof ACTIVATIONS)[number]['value'];

export const LOSSES = [
  { value: 'ce', label: 'softmax cross-entropy' },
  { value: 'sq', label: 'squared error of softmax' },
] as const;
export type LossName = (typeof LOSSES)[number]['value'];

/** Batch sizes offered; 'all' is the whole training set (full-batch gradient descent). */
export const BATCH_SIZES = ['1', '2', '5', '10', '20', '50', '100', 'all'] as const;
export type BatchSize = (typeof BATCH_SIZES)[number];

/** Points in every data set, split between training and test. */
export const POINTS = 500;
export const MAX_LAYERS = 6;
export const MAX_UNITS = 32;

/** The shared parameters, each under its URL key. */
export const NETWORK_PARAMS = {
  dataset: { type: 'enum', key: 'ds', label: 'Data', options: DATASETS, default: 'spiral' },
  classes: { type: 'integer', key: 'k', label: 'Arms / classes', min: 2, max: 4, default: 2 },
  /** Units in each hidden layer; an empty list is softmax regression. */
  widths: { type: 'curve', key: 'w', label: 'Hidden layers', min: 1, max: MAX_UNITS, minCount: 0, maxCount: MAX_LAYERS, decimals: 0, default: [16, 16, 16] },
  activation: { type: 'enum', key: 'act', label: 'Activation', options: ACTIVATIONS, default: 'tanh' },
  loss: { type: 'enum', key: 'loss', label: 'Loss', options: LOSSES, default: 'ce' },
  batch: {
    type: 'enum',
    key: 'b',
    label: 'Batch size',
    options: BATCH_SIZES.map((value) => ({ value, label: value === 'all' ? 'all (full batch)' : value })),
    default: '10',
  },
  seed: { type: 'integer', key: 'seed', label: 'Seed (initial weights, batch order)', min: 0, max: 9999, default: 1 },
} as const satisfies Record<string, Param>;

/** Whole units, within range: a link may carry 3.5 units or 40. */
export function widthsOf(params: { widths: readonly number[] }): number[] {
  return params.widths.map((w) => Math.min(MAX_UNITS, Math.max(1, Math.round(w))));
}

export function classCount(params: { dataset: DatasetName; classes: number }): number {
  return HAS_CLASSES.has(params.dataset) ? params.classes : 2;
}

/** Examples per step; 0 for the whole training set. */
export function batchOf(batch: BatchSize): number {
  return batch === 'all' ? 0 : Number(batch);
}
