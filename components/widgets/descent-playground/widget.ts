import { defineWidget } from '@/components/widgets/kit/define';
import { descentSchema, OPTIMIZERS, startOf } from './schema';

export default defineWidget({
  name: 'descent-playground',
  component: 'DescentPlayground',
  title: 'Descent playground',
  description:
    'Contours of a function of two parameters with the paths of gradient descent, momentum and Adam from the same start, and their losses against the step.',
  chapter: 'learning',
  section: 'side-by-side',
  height: 670,
  phoneHeight: 1200,
  embedHeight: 760,
  schema: descentSchema,
  models: ['descent'],
  run: {
    // Three walks side by side from one start: gradient descent (the readout's), momentum, Adam.
    config: (p) =>
      OPTIMIZERS.map((o) => ({
        surface: p.surface,
        kappa: p.kappa,
        start: startOf(p),
        optimizer: o.name,
        lr: o.name === 'adam' ? p.adamLr : p.lr,
        momentum: p.momentum,
        speed: p.speed,
        maxSteps: p.steps,
      })),
    live: ['lr', 'momentum', 'speed'],
  },
  bench: [
    { name: 'descent-playground (ravine, 3 optimisers, fastest pace: 1000 steps/s cap)', path: 'chapters/learning/?descent-playground=v.1~sp.1000#descent-playground' },
    { name: 'descent-playground (ravine, default pace 30 steps/s)', path: 'chapters/learning/#descent-playground' },
  ],
  // Gradient descent past 2/h_max on the ravine: it leaves the window within a few steps.
  diverging: 'v.1~lr.2.5~sp.1000',
});
