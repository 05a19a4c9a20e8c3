import { defineWidget } from '@/components/widgets/kit/define';
import { PRESETS, type Point } from '@/components/widgets/shared/line-fit/presets';
import { lossSurfaceSchema, MAX_STEPS, startOf, type SurfaceParams } from './schema';

/** The data: fit-a-line's points when the page has that figure (shared), else the chosen preset. */
export const pointsOf = (p: SurfaceParams, shared: readonly Point[] | null): readonly Point[] => shared ?? PRESETS[p.preset].points;

/** The shifted preset's points as a link writes them, for the benchmark. */
const SHIFTED = PRESETS.shifted.points.map(([x, y]) => `${x},${y}`).join('_');

export default defineWidget({
  name: 'loss-surface',
  component: 'LossSurface',
  title: 'Loss surface',
  description:
    "Filled contours of the mean loss of a line's fit over its slope w and intercept b, with the path of gradient descent from a start you choose and the exact least-squares minimum marked; beside it, the data with the current line, and the loss against the step.",
  chapter: 'linear',
  section: 'bowl-shape',
  height: 790,
  phoneHeight: 1490,
  embedHeight: 880,
  schema: lossSurfaceSchema,
  models: ['linear-fit'],
  run: {
    config: (p, shared: readonly Point[] | null) => ({
      points: pointsOf(p, shared),
      loss: p.loss,
      delta: p.delta,
      ridge: p.ridge,
      lr: p.lr,
      speed: p.speed,
      start: startOf(p),
      track: true,
      maxSteps: MAX_STEPS,
    }),
    // The walk's surface and start are its setting: a new loss or new data is a new walk.
    live: ['lr', 'speed'],
  },
  bench: [
    {
      name: 'loss-surface (points shared with fit-a-line, ravine data, fastest pace: 1000 steps/s cap)',
      path: `chapters/linear/?loss-surface=v.1~sp.1000~lr.0.3&fit-a-line=v.1~pts.${SHIFTED}#loss-surface`,
    },
    { name: 'loss-surface (alone in its embed, default pace 30 steps/s)', path: 'embed/loss-surface/' },
  ],
  // η = 3 on its own preset's squared loss is past 2/h_max: the walk leaves the box within ten steps.
  diverging: 'v.1~lr.3~sp.1000',
});
