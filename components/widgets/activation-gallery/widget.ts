import { defineWidget } from '@/components/widgets/kit/define';
import { gallerySchema } from './schema';

export default defineWidget({
  name: 'activation-gallery',
  component: 'ActivationGallery',
  title: 'Activation gallery',
  description:
    "Activation functions and their derivatives on shared axes: each function as a solid line, its derivative from the engine's automatic differentiation as a dashed line, and the closed-form derivative as rings. A cursor reads the values at one x.",
  chapter: 'mlp',
  section: 'activations',
  height: 1020,
  phoneHeight: 1230,
  embedHeight: 1040,
  schema: gallerySchema,
  // Nothing trains: a run of this model evaluates the curves with the engine's autodiff.
  models: ['activation-curves'],
});
