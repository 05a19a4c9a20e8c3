import { defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';
import { EXPRESSIONS, EXPRESSION_NAMES } from './expressions';

/** The most steps any expression has: forward over its ops, backward over every value that gets an adjoint. */
export const MAX_STEPS = 40;

export const graphTraceSchema = defineSchema({
  name: 'graph-trace',
  version: 1,
  params: {
    expression: { type: 'enum', key: 'ex', label: 'Expression', options: EXPRESSION_NAMES.map((value) => ({ value, label: EXPRESSIONS[value].label })), default: 'trace' },
    /** The inputs' values in order, row-major; empty: the expression's own. */
    values: { type: 'curve', key: 'in', label: 'Input values', min: -9, max: 9, minCount: 0, maxCount: 12, decimals: 3, default: [] },
    /** How far the passes have gone: 0 nothing computed, then one op per step forward, then one adjoint per step backward. */
    at: { type: 'integer', key: 'at', label: 'Step', min: 0, max: MAX_STEPS, default: 0 },
    n: { type: 'integer', key: 'n', label: 'Inputs n', min: 1, max: 32, default: 4 },
    m: { type: 'integer', key: 'm', label: 'Outputs m', min: 1, max: 32, default: 1 },
  },
});

export type GraphTraceParams = ParamsOf<typeof graphTraceSchema>;
