import { defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';

export type TaskName = 'names' | 'reverse' | 'text';

/** The run pauses by itself after this many steps. */
export const MAX_STEPS = 6000;
/** Symbols of the reversal task: the digits 0–7 (the separator is shown as |). */
export const REVERSE_ALPHABET = 8;
/** Steps between two measurements on held-out data. */
export const EVAL_EVERY = 100;
/** Training losses are averaged over this many steps per point. */
export const LOSS_EVERY = 10;
/** Longest pasted text (characters). */
export const MAX_TEXT = 100_000;

export const attentionLabSchema = defineSchema({
  name: 'attention-lab',
  version: 1,
  params: {
    task: {
      type: 'enum',
      key: 'task',
      label: 'Data',
      options: [
        { value: 'names', label: 'English first names (characters)' },
        { value: 'reverse', label: 'Reverse a sequence of digits' },
        { value: 'text', label: 'Text you paste' },
      ],
      default: 'names',
    },
    layers: { type: 'integer', key: 'l', label: 'Layers', min: 1, max: 3, default: 2 },
    heads: {
      type: 'enum',
      key: 'h',
      label: 'Heads per layer',
      options: [
        { value: '1', label: '1' },
        { value: '2', label: '2' },
        { value: '4', label: '4' },
      ],
      default: '4',
    },
    width: {
      type: 'enum',
      key: 'd',
      label: 'Width d',
      options: [
        { value: '16', label: '16' },
        { value: '32', label: '32' },
        { value: '64', label: '64' },
      ],
      default: '32',
    },
    length: { type: 'integer', key: 'n', label: 'Digits to reverse', min: 3, max: 8, default: 6 },
    context: {
      type: 'enum',
      key: 'ctx',
      label: 'Context L (characters read at most)',
      options: [
        { value: '8', label: '8' },
        { value: '16', label: '16' },
        { value: '24', label: '24' },
      ],
      default: '16',
    },
    causal: { type: 'boolean', key: 'mask', label: 'Causal mask (each position sees only earlier ones)', default: true },
    positions: { type: 'boolean', key: 'pos', label: 'Positional embeddings', default: true },
    lr: { type: 'log-number', key: 'lr', label: 'Learning rate η (Adam)', min: 0.0003, max: 0.03, default: 0.003 },
    temperature: { type: 'number', key: 'T', label: 'Temperature T', min: 0, max: 2, step: 0.05, default: 1 },
    topK: { type: 'integer', key: 'k', label: 'Top-k (0: all)', min: 0, max: 20, default: 0 },
    probe: {
      type: 'text',
      key: 'in',
      label: 'Input whose attention is shown',
      help: 'Letters for names and text, digits 0–7 for reversal.',
      alphabet: 'abcdefghijklmnopqrstuvwxyz0123456789 ',
      maxLength: 16,
      default: 'emma',
    },
    seed: { type: 'integer', key: 'seed', label: 'Seed', min: 0, max: 9999, default: 1 },
  },
});

export type AttentionLabParams = ParamsOf<typeof attentionLabSchema>;
