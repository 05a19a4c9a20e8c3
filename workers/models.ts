/**
 * The worker's model registry: a spec's `kind` names its builder. A new
 * model kind is one line here.
 */
import type { ModelBuilder } from './model';
import { buildDescentRun } from '@/components/widgets/descent-playground/model';
import { buildActivationCurves } from '@/components/widgets/activation-gallery/model';
import { buildBinsRun } from '@/components/widgets/universal-bins/model';
import { buildLinearFitRun } from '@/components/widgets/fit-a-line/model';
import { buildClassifierRun } from '@/components/widgets/classifier-2d/model';
import { buildSoftmaxRun } from '@/components/widgets/softmax-temperature/model';
import { buildPlaygroundRun } from '@/components/widgets/playground/model';

export const modelRegistry: Record<string, ModelBuilder<never>> = {
  descent: buildDescentRun as ModelBuilder<never>,
  'activation-curves': buildActivationCurves as ModelBuilder<never>,
  'universal-bins': buildBinsRun as ModelBuilder<never>,
  'linear-fit': buildLinearFitRun as ModelBuilder<never>,
  classifier: buildClassifierRun as ModelBuilder<never>,
  'softmax-temperature': buildSoftmaxRun as ModelBuilder<never>,
  playground: buildPlaygroundRun as ModelBuilder<never>,
};
