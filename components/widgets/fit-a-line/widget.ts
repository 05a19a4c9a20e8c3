import { defineWidget } from '@/components/widgets/kit/define';
import { PRESETS } from '@/components/widgets/shared/line-fit/presets';
import { fitALineSchema } from './schema';

/** The noisy line's 24 points as a link writes them (the heaviest preset, for the benchmark). */
const NOISY = PRESETS.noisy.points.map(([x, y]) => `${x},${y}`).join('_');

export default defineWidget({
  name: 'fit-a-line',
  component: 'FitALine',
  title: 'Fit a line',
  description:
    "A scatter of points you can edit, the line that gradient descent fits to them with the chosen loss, the exact least-squares line dashed, and each point's residual as a vertical segment.",
  chapter: 'linear',
  section: 'fit-by-descent',
  height: 600,
  phoneHeight: 1250,
  embedHeight: 760,
  schema: fitALineSchema,
  models: ['linear-fit'],
  run: {
    config: (p) => ({ points: p.points, loss: p.loss, delta: p.delta, ridge: p.ridge, lr: p.lr, speed: p.speed, start: [0, 0], track: false }),
    // Everything applies mid-run: the line keeps its place and walks to the new best fit.
    live: ['points', 'loss', 'delta', 'ridge', 'lr', 'speed'],
  },
  bench: [
    { name: 'fit-a-line (noisy line, 24 points, squared loss, fastest pace: 1000 steps/s cap)', path: `chapters/linear/?fit-a-line=v.1~pts.${NOISY}~sp.1000#fit-a-line` },
    { name: 'fit-a-line (clean line, Huber loss, default pace 60 steps/s)', path: 'chapters/linear/?fit-a-line=v.1~loss.huber#fit-a-line' },
  ],
  // η = 3 on the squared loss is past 2/h_max for its default points: it diverges within ten steps.
  diverging: 'v.1~lr.3~sp.1000',
});
