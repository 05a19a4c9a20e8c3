import { defineWidget } from '@/components/widgets/kit/define';
import { graphTraceSchema } from './schema';

export default defineWidget({
  name: 'graph-trace',
  component: 'GraphTrace',
  title: 'The graph the engine records',
  description:
    "An expression as the engine's recorded graph: step the forward pass to give each node its value, then the backward pass to give each its adjoint, with every gradient checked against central differences; below, how many passes forward and reverse mode need for a map with n inputs and m outputs.",
  chapter: 'autodiff',
  section: 'trace',
  height: 870,
  phoneHeight: 1315,
  embedHeight: 1000,
  schema: graphTraceSchema,
  // Nothing trains: a run of this model records and differentiates the expression.
  models: ['graph-trace'],
});
