import { defineWidget } from '@/components/widgets/kit/define';
import { tapeSchema } from './schema';

export default defineWidget({
  name: 'tape-viewer',
  component: 'TapeViewer',
  title: 'One training step on the tape',
  description:
    "Every node the engine records in one training step of a playground network, with its gradient rule and the bytes it keeps for the backward pass; the memory the step holds, measured, with and without checkpointing the hidden layers; the layer forwards recomputed; and the gradients of both runs compared.",
  chapter: 'autodiff',
  section: 'memory',
  height: 1075,
  phoneHeight: 1705,
  embedHeight: 1200,
  schema: tapeSchema,
  // Nothing trains: a run of this model records one step and reports it.
  models: ['tape'],
});
