import { defaultsOf, defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';
import type { PlaygroundConfig } from './model';

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
export type PlaygroundActivation = (typeof ACTIVATIONS)[number]['value'];

export const LOSSES = [
  { value: 'ce', label: 'softmax cross-entropy' },
  { value: 'sq', label: 'squared error of softmax' },
] as const;
export type LossName = (typeof LOSSES)[number]['value'];

export const OPTIMIZER_OPTIONS = [
  { value: 'sgd', label: 'SGD' },
  { value: 'momentum', label: 'SGD with momentum' },
  { value: 'adam', label: 'Adam' },
] as const;
export type OptimizerName = (typeof OPTIMIZER_OPTIONS)[number]['value'];

/** Batch sizes offered; 'all' is the whole training set (full-batch gradient descent). */
export const BATCH_SIZES = ['1', '2', '5', '10', '20', '50', '100', 'all'] as const;
export const L2_VALUES = ['0', '0.00001', '0.0001', '0.001', '0.003', '0.01', '0.03', '0.1'] as const;

/** Points in every data set, split between training and test. */
export const POINTS = 500;
export const MAX_LAYERS = 6;
export const MAX_UNITS = 32;

export const playgroundSchema = defineSchema({
  name: 'playground',
  version: 1,
  params: {
    dataset: { type: 'enum', key: 'ds', label: 'Data', options: DATASETS, default: 'spiral' },
    classes: { type: 'integer', key: 'k', label: 'Arms / classes', min: 2, max: 4, default: 2 },
    noise: { type: 'number', key: 'nz', label: 'Noise σ', min: 0, max: 0.5, step: 0.01, default: 0 },
    trainPercent: { type: 'integer', key: 'tr', label: 'Training share (%)', min: 10, max: 90, step: 5, default: 50 },
    dataSeed: { type: 'integer', key: 'dseed', label: 'Data seed', min: 0, max: 9999, default: 1 },
    /** Units in each hidden layer; an empty list is softmax regression. */
    widths: {
      type: 'curve',
      key: 'w',
      label: 'Hidden layers',
      min: 1,
      max: MAX_UNITS,
      minCount: 0,
      maxCount: MAX_LAYERS,
      decimals: 0,
      default: [16, 16, 16],
    },
    activation: { type: 'enum', key: 'act', label: 'Activation', options: ACTIVATIONS, default: 'tanh' },
    loss: { type: 'enum', key: 'loss', label: 'Loss', options: LOSSES, default: 'ce' },
    optimizer: { type: 'enum', key: 'opt', label: 'Optimizer', options: OPTIMIZER_OPTIONS, default: 'adam' },
    lr: { type: 'log-number', key: 'lr', label: 'Learning rate η', min: 1e-4, max: 3, default: 0.01 },
    momentum: { type: 'number', key: 'mu', label: 'Momentum μ', min: 0, max: 0.99, step: 0.01, default: 0.9 },
    batch: {
      type: 'enum',
      key: 'b',
      label: 'Batch size',
      options: BATCH_SIZES.map((value) => ({ value, label: value === 'all' ? 'all (full batch)' : value })),
      default: '10',
    },
    l2: {
      type: 'enum',
      key: 'l2',
      label: 'L2 penalty λ',
      options: L2_VALUES.map((value) => ({ value, label: value === '0' ? 'none' : String(Number(value)) })),
      default: '0',
    },
    seed: { type: 'integer', key: 'seed', label: 'Seed (initial weights, batch order)', min: 0, max: 9999, default: 1 },
    /** A pace a reader can watch (the spiral reaches 90% in a few seconds); 10,000 is as fast as the engine goes. */
    speed: { type: 'log-number', key: 'sp', label: 'Steps per second', min: 10, max: 10000, default: 300 },
    showTest: { type: 'boolean', key: 'test', label: 'Show test points', default: true },
    discretize: { type: 'boolean', key: 'disc', label: 'Discretize the output', default: false },
  },
});

export type PlaygroundParams = ParamsOf<typeof playgroundSchema>;

/** Whole units, within range: a link may carry 3.5 units or 40. */
export function widthsOf(params: Pick<PlaygroundParams, 'widths'>): number[] {
  return params.widths.map((w) => Math.min(MAX_UNITS, Math.max(1, Math.round(w))));
}

export function classCount(params: Pick<PlaygroundParams, 'dataset' | 'classes'>): number {
  return HAS_CLASSES.has(params.dataset) ? params.classes : 2;
}

/** The settings that train the network (everything but the view toggles), with a name. */
export interface Preset {
  name: string;
  label: string;
  params: Partial<PlaygroundParams>;
}

const BASE: Partial<PlaygroundParams> = {
  noise: 0,
  trainPercent: 50,
  dataSeed: 1,
  activation: 'tanh',
  loss: 'ce',
  optimizer: 'adam',
  lr: 0.01,
  momentum: 0.9,
  batch: '10',
  l2: '0',
  seed: 1,
};

export const PRESETS: readonly Preset[] = [
  {
    name: 'spiral',
    label: 'Spiral: 3 × 16 tanh, Adam',
    params: { ...BASE, dataset: 'spiral', classes: 2, widths: [16, 16, 16] },
  },
  {
    name: 'xor-linear',
    label: 'XOR, no hidden layer',
    params: { ...BASE, dataset: 'xor', widths: [] },
  },
  {
    name: 'xor-two',
    label: 'XOR, one layer of 2 units',
    params: { ...BASE, dataset: 'xor', widths: [2], lr: 0.03 },
  },
  {
    name: 'circles-collapse',
    label: 'Circles, 4 × 8 with no activation',
    params: { ...BASE, dataset: 'circles', widths: [8, 8, 8, 8], activation: 'linear' },
  },
  {
    name: 'blobs-sgd',
    label: 'Four blobs, plain SGD',
    params: { ...BASE, dataset: 'blobs', classes: 4, noise: 0.1, widths: [8], optimizer: 'sgd', lr: 0.1 },
  },
  {
    name: 'moons-noisy',
    label: 'Noisy moons, 10% for training, 2 × 32 ReLU',
    params: { ...BASE, dataset: 'moons', noise: 0.15, trainPercent: 10, widths: [32, 32], activation: 'relu', lr: 0.01 },
  },
];

/** The preset these parameters match, or null (the reader has changed something). */
export function presetOf(params: PlaygroundParams): Preset | null {
  return (
    PRESETS.find((p) =>
      Object.entries(p.params).every(([k, v]) => JSON.stringify((params as Record<string, unknown>)[k]) === JSON.stringify(v)),
    ) ?? null
  );
}

/** The run's configuration for these parameters (the seed goes in the spec). */
export function configOf(p: PlaygroundParams): PlaygroundConfig {
  return {
    dataset: p.dataset,
    classes: classCount(p),
    noise: p.noise,
    trainPercent: p.trainPercent,
    dataSeed: p.dataSeed,
    widths: widthsOf(p),
    activation: p.activation,
    loss: p.loss,
    optimizer: p.optimizer,
    lr: p.lr,
    momentum: p.momentum,
    batch: batchOf(p.batch),
    l2: Number(p.l2),
    speed: p.speed,
  };
}

/** Examples per step; 0 for the whole training set. */
export function batchOf(batch: PlaygroundParams['batch']): number {
  return batch === 'all' ? 0 : Number(batch);
}

/** The defaults, typed. */
export const DEFAULTS: PlaygroundParams = defaultsOf(playgroundSchema);
