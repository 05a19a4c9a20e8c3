import { defineWidget } from '@/components/widgets/kit/define';
import { softmaxSchema } from './schema';

export default defineWidget({
  name: 'softmax-temperature',
  component: 'SoftmaxTemperature',
  title: 'Softmax at a temperature',
  description:
    'Bars of editable logits above, and below them the softmax of the logits divided by a temperature T, with the entropy and the largest probability; the naive formula can be shown beside the stable one.',
  chapter: 'logistic',
  section: 'temperature',
  height: 550,
  phoneHeight: 800,
  embedHeight: 820,
  schema: softmaxSchema,
  // Nothing trains: a run of this model only computes the engine's softmax for the page.
  models: ['softmax-temperature'],
});
