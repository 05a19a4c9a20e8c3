import { defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';

/** Logits are edited within ±LOGIT_LIMIT. */
export const LOGIT_LIMIT = 10;

export const softmaxSchema = defineSchema({
  name: 'softmax-temperature',
  version: 1,
  params: {
    logits: { type: 'logits', key: 'z', label: 'Logits', min: -LOGIT_LIMIT, max: LOGIT_LIMIT, minCount: 3, maxCount: 8, decimals: 2, default: [3, 1.5, 1, -0.5, -2] },
    temperature: { type: 'log-number', key: 'T', label: 'Temperature T', min: 0.01, max: 100, default: 1 },
    naive: { type: 'boolean', key: 'naive', label: 'Show the naive computation', default: false },
  },
});

export type SoftmaxParams = ParamsOf<typeof softmaxSchema>;
