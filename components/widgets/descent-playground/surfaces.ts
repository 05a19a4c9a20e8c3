/**
 * The landscapes of the descent playground: functions of two parameters
 * written with the engine's ops, so the optimisers follow the engine's
 * autodiff gradients and the contours show the engine's values.
 * Each works elementwise on tensors of any (matching) shape.
 */
import { add, exp, mul, sub, type Tensor } from '@/engine';

export type SurfaceName = 'bowl' | 'ravine' | 'rosenbrock' | 'saddle' | 'wells';

export interface Surface {
  label: string;
  /** The formula as the widget prints it (KaTeX). */
  tex: string;
  f(x: Tensor, y: Tensor): Tensor;
  /** The plotted window: [x0, x1] × [y0, y1]. */
  domain: readonly [number, number, number, number];
  /** A default start that shows the landscape's character. */
  start: readonly [number, number];
  /** Minima to mark, where known in closed form. */
  minima: readonly (readonly [number, number])[];
  /** Contour spacing: a huge dynamic range (Rosenbrock) reads better on a log scale. */
  contours: 'linear' | 'log';
}

const sq = (t: Tensor) => mul(t, t);

/** exp(−s·((x − a)² + (y − b)²)): a round dip centred at (a, b). */
const dip = (x: Tensor, y: Tensor, a: number, b: number, s: number) => exp(mul(add(sq(sub(x, a)), sq(sub(y, b))), -s));

export const SURFACES: Record<SurfaceName, Surface> = {
  bowl: {
    label: 'Round bowl',
    tex: '\\tfrac12(\\theta_1^2 + \\theta_2^2)',
    f: (x, y) => mul(add(sq(x), sq(y)), 0.5),
    domain: [-2, 2, -2, 2],
    start: [-1.6, 1.3],
    minima: [[0, 0]],
    contours: 'linear',
  },
  ravine: {
    label: 'Ravine',
    tex: '\\tfrac12(\\theta_1^2 + 20\\,\\theta_2^2)',
    f: (x, y) => mul(add(sq(x), mul(sq(y), 20)), 0.5),
    domain: [-2, 2, -2, 2],
    start: [-1.8, 0.7],
    minima: [[0, 0]],
    contours: 'log',
  },
  rosenbrock: {
    label: 'Rosenbrock valley',
    tex: '(1 - \\theta_1)^2 + 100\\,(\\theta_2 - \\theta_1^2)^2',
    f: (x, y) => add(sq(sub(1, x)), mul(sq(sub(y, sq(x))), 100)),
    domain: [-2, 2, -1, 3],
    start: [-1.5, 2.5],
    minima: [[1, 1]],
    contours: 'log',
  },
  saddle: {
    label: 'Saddle',
    tex: '\\theta_1^2 - \\theta_2^2 + \\tfrac12\\theta_2^4',
    // A saddle at the origin with two minima at (0, ±1), so escaping it leads somewhere.
    f: (x, y) => add(sub(sq(x), sq(y)), mul(sq(sq(y)), 0.5)),
    domain: [-2, 2, -2, 2],
    start: [1.8, 0.02],
    minima: [
      [0, 1],
      [0, -1],
    ],
    contours: 'linear',
  },
  wells: {
    label: 'Several minima',
    tex: '\\tfrac15\\lVert\\theta\\rVert^2 - 1.5\\,e^{-2\\lVert\\theta - a\\rVert^2} - e^{-2\\lVert\\theta - b\\rVert^2} - 0.8\\,e^{-3\\lVert\\theta - c\\rVert^2}',
    f: (x, y) =>
      sub(
        sub(sub(mul(add(sq(x), sq(y)), 0.2), mul(dip(x, y, 1, 1, 2), 1.5)), dip(x, y, -1, -0.5, 2)),
        mul(dip(x, y, 1, -1.2, 3), 0.8),
      ),
    domain: [-2.5, 2.5, -2.5, 2.5],
    start: [-0.2, 2.2],
    minima: [],
    contours: 'linear',
  },
};

export const SURFACE_NAMES = Object.keys(SURFACES) as SurfaceName[];
