import { defineWidget } from '@/components/widgets/kit/define';
import { binsSchema, MAX_STEPS, targetSpecOf } from './schema';

export default defineWidget({
  name: 'universal-bins',
  component: 'UniversalBins',
  title: 'Universal approximation with bins',
  description:
    'A target function g on [0, 1], the one-hidden-layer network of 2B sigmoid units built by hand from B bins, and a network of the same width trained by gradient descent from a random start; with the mean squared error of each, and the hand-built error against the number of bins.',
  chapter: 'mlp',
  section: 'universal-approximation',
  height: 810,
  phoneHeight: 1540,
  embedHeight: 800,
  schema: binsSchema,
  models: ['universal-bins'],
  run: {
    // w is not here: it shapes only the hand-built network, which the page asks for by query.
    config: (p) => ({ target: targetSpecOf(p), bins: p.bins, lr: p.lr, speed: p.speed, maxSteps: MAX_STEPS }),
    seed: (p) => p.seed,
    live: ['lr', 'speed'],
  },
  bench: [
    { name: 'universal-bins (default: sine, B = 8, 300 steps/s)', path: 'embed/universal-bins/' },
    { name: 'universal-bins (sine, B = 50: 100 units, pace cap 10000 steps/s)', path: 'embed/universal-bins/?universal-bins=v.1~b.50~sp.10000' },
  ],
  diverging: {
    cannot: 'Adam moves each weight by about η per step and η ≤ 0.3, and the hidden units are sigmoids: at the highest rate with 100 units the error still falls (measured: 1e-4 by step 500)',
    atMaxRate: 'v.1~lr.0.3~b.50~sp.10000',
  },
});
