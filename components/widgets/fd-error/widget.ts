import { defineWidget } from '@/components/widgets/kit/define';
import { fdErrorSchema } from './schema';

export default defineWidget({
  name: 'fd-error',
  component: 'FdError',
  title: 'Finite differences against the step',
  description:
    'On log–log axes, the error of the one-sided and the central difference quotient of a function against the step h, each computed by the engine in float32 and in float64 and measured against the exact derivative from autodiff; the best step of each is marked, and a reading at one h gives the estimates and their errors.',
  chapter: 'autodiff',
  section: 'finite-differences',
  height: 705,
  phoneHeight: 1160,
  embedHeight: 800,
  schema: fdErrorSchema,
  // Nothing trains: a run of this model computes the quotients with the engine.
  models: ['fd-error'],
});
