import { defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';
import { FUNCTIONS, FUNCTION_NAMES, H_RANGE } from './functions';

export const fdErrorSchema = defineSchema({
  name: 'fd-error',
  version: 1,
  params: {
    fn: { type: 'enum', key: 'f', label: 'Function', options: FUNCTION_NAMES.map((value) => ({ value, label: FUNCTIONS[value].label })), default: 'sin' },
    x: { type: 'number', key: 'x', label: 'Point x', min: -2, max: 2, step: 0.05, default: 1 },
    h: { type: 'log-number', key: 'h', label: 'Step h (the reading)', min: H_RANGE[0], max: H_RANGE[1], digits: 2, default: 1e-4 },
  },
});

export type FdErrorParams = ParamsOf<typeof fdErrorSchema>;
