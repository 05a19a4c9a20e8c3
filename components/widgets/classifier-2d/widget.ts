import { defineWidget } from '@/components/widgets/kit/define';
import { classifierSchema, FIELD_GRID, MAX_STEPS } from './schema';

export default defineWidget({
  name: 'classifier-2d',
  component: 'Classifier2d',
  title: 'A linear classifier, trained live',
  description:
    'Points of two or three classes in the plane with the probability field of a logistic or softmax regression coloured behind them and its decision boundary drawn as a line; beside it the confusion counts at the threshold, a reliability diagram on held-out points and the training loss.',
  chapter: 'logistic',
  section: 'classifier',
  height: 890,
  phoneHeight: 1745,
  embedHeight: 900,
  schema: classifierSchema,
  models: ['classifier'],
  run: {
    // τ is not here: it moves the boundary and the counts on the page, the run goes on untouched.
    config: (p) => ({ dataset: p.dataset, n: p.n, noise: p.noise, loss: p.loss, init: p.init, lr: p.lr, speed: p.speed, maxSteps: MAX_STEPS, grid: FIELD_GRID }),
    seed: (p) => p.seed,
    live: ['lr', 'speed'],
  },
  bench: [
    { name: 'classifier-2d (three blobs, softmax regression, fastest pace: 1000 steps/s cap)', path: 'chapters/logistic/?classifier-2d=v.1~ds.blobs3~sp.1000#classifier-2d' },
    { name: 'classifier-2d (two blobs, 400 points, default pace 60 steps/s)', path: 'chapters/logistic/?classifier-2d=v.1~n.400#classifier-2d' },
  ],
  diverging: {
    cannot:
      'a linear model’s cross-entropy grows at most linearly in its weights, and a step moves them by at most η·max|x|: at η = 20, from the confidently wrong start, the loss stays far below 10⁶ × the first loss within the 3,000-step budget (measured: it ends near 1); squared error on probabilities is at most 1',
    atMaxRate: 'v.1~lr.20~init.wrong~sp.1000',
  },
});
