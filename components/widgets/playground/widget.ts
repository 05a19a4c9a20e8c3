import { defineWidget } from '@/components/widgets/kit/define';
import { configOf, playgroundSchema } from './schema';

/** Epochs and the test loss at the end, beside the generic figures. */
const READOUTS = { epochs: [':scope', 'data-epoch'], 'test loss at end': ['[data-readout]', 'data-test-loss'] } as const;

export default defineWidget({
  name: 'playground',
  component: 'Playground',
  title: 'Neural network playground',
  description:
    'A neural network learning to classify points in the plane: its decision field with the training, validation and test points, the network as layers of units each drawn as its own field, and the loss and accuracy on the training, validation and test sets.',
  chapter: 'mlp',
  section: 'train-your-own',
  height: 1434,
  phoneHeight: 2796,
  embedHeight: 1460,
  schema: playgroundSchema,
  models: ['playground'],
  run: {
    config: configOf,
    seed: (p) => p.seed,
    live: ['lr', 'momentum', 'batch', 'l2', 'speed'],
  },
  bench: [
    {
      name: 'playground (spiral, 6 × 8 tanh, lr 0.03, batch 10, pace cap 10000 steps/s)',
      path: 'chapters/mlp/?playground=v.2~w.8_8_8_8_8_8~opt.sgd~lr.0.03~b.10~sp.10000#playground',
      readouts: READOUTS,
    },
    {
      name: 'playground (spiral, 6 × 32 tanh, lr 0.03, batch 10, pace cap 10000 steps/s)',
      path: 'chapters/mlp/?playground=v.2~w.32_32_32_32_32_32~opt.sgd~lr.0.03~b.10~sp.10000#playground',
      readouts: READOUTS,
    },
    {
      // The same run on the TypeScript kernels: the wasm kernels' effect in the page.
      name: 'playground (spiral, 6 × 32 tanh, lr 0.03, batch 10, pace cap 10000 steps/s, TypeScript kernels)',
      path: 'chapters/mlp/?backend=js&playground=v.2~w.32_32_32_32_32_32~opt.sgd~lr.0.03~b.10~sp.10000#playground',
      readouts: READOUTS,
    },
  ],
  // Plain SGD at η = 3 with ReLU units: the weights blow up within about ten steps.
  diverging: 'v.1~act.relu~opt.sgd~lr.3',
});
