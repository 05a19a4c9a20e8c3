import { defineSchema, type ParamsOf, type PointsParam } from '@/components/widgets/kit/schema';
import { D_MAX, D_MIN, LIMIT, MAX_PAIRS, MIN_PAIRS, type Point } from './pairs';

const points = (key: string, label: string, count: number, value: readonly Point[]) =>
  ({ type: 'points', key, label, x: [-LIMIT, LIMIT], y: [-LIMIT, LIMIT], minCount: count, maxCount: count, decimals: 2, default: value }) satisfies PointsParam;

/** Six pairs are kept, so a smaller n hides pairs without forgetting where they were. */
export const softLookupSchema = defineSchema({
  name: 'soft-lookup',
  version: 1,
  params: {
    n: { type: 'integer', key: 'n', label: 'Pairs n', min: MIN_PAIRS, max: MAX_PAIRS, default: 4 },
    d: { type: 'integer', key: 'd', label: 'Width d', min: D_MIN, max: D_MAX, default: 2 },
    scaled: { type: 'boolean', key: 'sc', label: 'Divide by √d', default: true },
    seed: { type: 'integer', key: 's', label: 'Seed of the hidden coordinates', min: 0, max: 999, default: 1 },
    shift: { type: 'integer', key: 'pm', label: 'Times permuted', min: 0, max: MAX_PAIRS - 1, default: 0 },
    query: points('q', 'Query q', 1, [[0.6, 0.5]]),
    keys: points('k', 'Keys', MAX_PAIRS, [
      [2, 1],
      [-1.5, 1.5],
      [0.5, -2],
      [-2, -1],
      [2, -1.2],
      [-0.4, 2.4],
    ]),
    values: points('val', 'Values', MAX_PAIRS, [
      [2, 2],
      [-2, 1.5],
      [1, -2],
      [-1.6, -1.8],
      [2.4, -0.4],
      [0, 2.6],
    ]),
  },
});

export type SoftLookupParams = ParamsOf<typeof softLookupSchema>;
