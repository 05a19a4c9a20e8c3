import { defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';

/** The run pauses by itself after this many steps (about 16 passes over the 10,000 training images at batch 32). */
export const MAX_STEPS = 5000;

export const cnnTrainerSchema = defineSchema({
  name: 'cnn-trainer',
  version: 1,
  params: {
    lr: { type: 'log-number', key: 'lr', label: 'Learning rate η (Adam)', min: 0.0003, max: 0.03, default: 0.003 },
    batch: {
      type: 'enum',
      key: 'b',
      label: 'Batch',
      options: [
        { value: '16', label: '16' },
        { value: '32', label: '32' },
        { value: '64', label: '64' },
      ],
      default: '32',
    },
    permute: { type: 'boolean', key: 'perm', label: 'Scramble the pixels (one fixed permutation, for both models)', default: false },
    augment: { type: 'boolean', key: 'aug', label: 'Augment: shift training images by up to 2 px', default: false },
    shift: { type: 'integer', key: 'sh', label: 'Also test on images shifted by', min: 0, max: 4, default: 0 },
    probe: { type: 'integer', key: 'img', label: 'Image', min: 0, max: 19, default: 0 },
    confusion: {
      type: 'enum',
      key: 'cm',
      label: 'Confusion matrix of',
      options: [
        { value: 'cnn', label: 'CNN' },
        { value: 'mlp', label: 'MLP' },
      ],
      default: 'cnn',
    },
    seed: { type: 'integer', key: 'seed', label: 'Seed', min: 0, max: 9999, default: 1 },
  },
});

export type CnnTrainerParams = ParamsOf<typeof cnnTrainerSchema>;
