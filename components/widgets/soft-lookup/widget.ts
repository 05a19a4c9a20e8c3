import { defineWidget } from '@/components/widgets/kit/define';
import { softLookupSchema } from './schema';

export default defineWidget({
  name: 'soft-lookup',
  component: 'SoftLookup',
  title: 'Attention as a soft lookup',
  description:
    'A query point and n key points in one plane, n value points in another. The engine scores each key by its dot product with the query (divided by √d, or not), turns the scores into weights with a softmax, and the output is the weighted average of the values, drawn inside their convex hull. A slider widens the vectors to d dimensions with random hidden coordinates; a button permutes the pairs.',
  chapter: 'transformer',
  section: 'lookup',
  height: 1035,
  phoneHeight: 1830,
  embedHeight: 1070,
  schema: softLookupSchema,
  // Nothing trains: a run of this model computes the engine's attention for the page.
  models: ['soft-lookup'],
});
