import { defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';
import { NETWORK_PARAMS } from '@/components/widgets/shared/network/params';

export const CHECKPOINTING = [
  { value: 'none', label: 'none' },
  { value: 'each', label: 'each hidden layer' },
  { value: 'pairs', label: 'hidden layers in pairs' },
] as const;

/**
 * The network of one training step, under the playground's URL keys, so a
 * playground link's state opens the same network here.
 */
export const tapeSchema = defineSchema({
  name: 'tape-viewer',
  version: 1,
  params: {
    dataset: NETWORK_PARAMS.dataset,
    classes: NETWORK_PARAMS.classes,
    widths: NETWORK_PARAMS.widths,
    activation: NETWORK_PARAMS.activation,
    loss: NETWORK_PARAMS.loss,
    batch: NETWORK_PARAMS.batch,
    seed: NETWORK_PARAMS.seed,
    checkpoint: { type: 'enum', key: 'ckpt', label: 'Checkpointing', options: CHECKPOINTING, default: 'none' },
  },
});

export type TapeParams = ParamsOf<typeof tapeSchema>;
