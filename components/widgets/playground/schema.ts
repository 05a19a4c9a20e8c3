import { defaultsOf, defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';
import { batchOf, classCount, NETWORK_PARAMS, widthsOf } from '@/components/widgets/shared/network/params';
import type { PlaygroundConfig } from './model';

// The network and data settings, shared with the tape viewer.
export {
  ACTIVATIONS,
  batchOf,
  classCount,
  DATASETS,
  HAS_CLASSES,
  LOSSES,
  MAX_LAYERS,
  MAX_UNITS,
  POINTS,
  widthsOf,
  type DatasetName,
  type LossName,
  type NetworkActivation as PlaygroundActivation,
} from '@/components/widgets/shared/network/params';

export const OPTIMIZER_OPTIONS = [
  { value: 'sgd', label: 'SGD' },
  { value: 'momentum', label: 'SGD with momentum' },
  { value: 'adam', label: 'Adam' },
] as const;
export type OptimizerName = (typeof OPTIMIZER_OPTIONS)[number]['value'];

/**
 * λ of the penalty λ Σ‖W‖² on the weight matrices (chapter 2's convention:
 * gradient 2λW, biases left out). Version 1 added λθ to every parameter,
 * i.e. (λ/2)‖θ‖²: its values and their halves are all here, so an old link
 * opens with the same pull on the weights.
 */
export const L2_VALUES = ['0', '0.000005', '0.00001', '0.00005', '0.0001', '0.0005', '0.001', '0.0015', '0.003', '0.005', '0.01', '0.015', '0.03', '0.05', '0.1'] as const;

/** v.1's λ (gradient λθ on every parameter) as v.2's (gradient 2λW on weights): the same pull on the weights. */
function halveL2(pairs: Readonly<Record<string, string>>): Record<string, string> {
  const half = Number(pairs.l2) / 2;
  // A token that is no number stays as it was, for the decoder to refuse with a notice.
  return pairs.l2 === undefined || !Number.isFinite(half) ? { ...pairs } : { ...pairs, l2: String(half) };
}

export const playgroundSchema = defineSchema({
  name: 'playground',
  // 2: the L2 penalty is λ Σ‖W‖² on the weights only (v.1: (λ/2)‖θ‖², biases included).
  version: 2,
  migrate: { 1: halveL2 },
  params: {
    dataset: NETWORK_PARAMS.dataset,
    classes: NETWORK_PARAMS.classes,
    noise: { type: 'number', key: 'nz', label: 'Noise σ', min: 0, max: 0.5, step: 0.01, default: 0 },
    trainPercent: { type: 'integer', key: 'tr', label: 'Training share (%)', min: 10, max: 90, step: 5, default: 50 },
    dataSeed: { type: 'integer', key: 'dseed', label: 'Data seed', min: 0, max: 9999, default: 1 },
    widths: NETWORK_PARAMS.widths,
    activation: NETWORK_PARAMS.activation,
    loss: NETWORK_PARAMS.loss,
    optimizer: { type: 'enum', key: 'opt', label: 'Optimizer', options: OPTIMIZER_OPTIONS, default: 'adam' },
    lr: { type: 'log-number', key: 'lr', label: 'Learning rate η', min: 1e-4, max: 3, default: 0.01 },
    momentum: { type: 'number', key: 'mu', label: 'Momentum μ', min: 0, max: 0.99, step: 0.01, default: 0.9 },
    batch: NETWORK_PARAMS.batch,
    l2: {
      type: 'enum',
      key: 'l2',
      label: 'L2 penalty λ',
      options: L2_VALUES.map((value) => ({ value, label: value === '0' ? 'none' : String(Number(value)) })),
      default: '0',
    },
    seed: NETWORK_PARAMS.seed,
    /** A pace a reader can watch (the spiral reaches 90% in a few seconds); 10,000 is as fast as the engine goes. */
    speed: { type: 'log-number', key: 'sp', label: 'Steps per second', min: 10, max: 10000, default: 300 },
    showTest: { type: 'boolean', key: 'test', label: 'Show validation and test points', default: true },
    discretize: { type: 'boolean', key: 'disc', label: 'Discretize the output', default: false },
  },
});

export type PlaygroundParams = ParamsOf<typeof playgroundSchema>;

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

/** The defaults, typed. */
export const DEFAULTS: PlaygroundParams = defaultsOf(playgroundSchema);
