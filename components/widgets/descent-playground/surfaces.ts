/**
 * The landscapes of the descent playground as the page knows them: names,
 * printed formulas, windows, starts and suggested rates. The functions
 * themselves, written with the engine's ops, are in functions.ts (the
 * worker's side; tests pin each printed formula to its function).
 */

export type SurfaceName = 'bowl' | 'ravine' | 'rosenbrock' | 'saddle' | 'wells';

export interface Surface {
  label: string;
  /** The formula as the widget prints it (plain text; tests pin it to `f`). */
  text: string;
  /** The plotted window: [x0, x1] × [y0, y1]. */
  domain: readonly [number, number, number, number];
  /** A default start that shows the landscape's character. */
  start: readonly [number, number];
  /** Minima to mark, where known in closed form. */
  minima: readonly (readonly [number, number])[];
  /** Contour spacing: a huge dynamic range (Rosenbrock) reads better on a log scale. */
  contours: 'linear' | 'log';
  /** The loss chart's y axis: log where the minimum value is 0. */
  lossAxis: 'linear' | 'log';
  /** Learning rates that show the landscape well: gradient descent and momentum, and Adam. */
  suggested: { lr: number; adamLr: number };
}

export const SURFACES: Record<SurfaceName, Surface> = {
  bowl: {
    label: 'Round bowl',
    text: '½(θ₁² + θ₂²)',
    domain: [-2, 2, -2, 2],
    start: [-1.6, 1.3],
    minima: [[0, 0]],
    contours: 'linear',
    lossAxis: 'log',
    suggested: { lr: 0.1, adamLr: 0.05 },
  },
  ravine: {
    label: 'Ravine',
    text: '½(θ₁² + κθ₂²)',
    domain: [-2, 2, -2, 2],
    start: [-1.8, 0.7],
    minima: [[0, 0]],
    contours: 'log',
    lossAxis: 'log',
    suggested: { lr: 0.03, adamLr: 0.05 },
  },
  rosenbrock: {
    label: 'Rosenbrock valley',
    text: '(1 − θ₁)² + 100(θ₂ − θ₁²)²',
    domain: [-2, 2, -1, 3],
    start: [-1.5, 2.5],
    minima: [[1, 1]],
    contours: 'log',
    lossAxis: 'log',
    suggested: { lr: 0.0005, adamLr: 0.02 },
  },
  saddle: {
    label: 'Saddle',
    text: 'θ₁² − θ₂² + ½θ₂⁴',
    domain: [-2, 2, -2, 2],
    start: [1.8, 0.02],
    minima: [
      [0, 1],
      [0, -1],
    ],
    contours: 'linear',
    lossAxis: 'linear',
    suggested: { lr: 0.02, adamLr: 0.02 },
  },
  wells: {
    label: 'Several minima',
    text: '⅕‖θ‖² − 1.5e^(−2‖θ − a‖²) − e^(−2‖θ − b‖²) − 0.8e^(−3‖θ − c‖²), a = (1, 1), b = (−1, −0.5), c = (1, −1.2)',
    domain: [-2.5, 2.5, -2.5, 2.5],
    start: [-0.2, 2.2],
    minima: [],
    contours: 'linear',
    lossAxis: 'linear',
    suggested: { lr: 0.05, adamLr: 0.03 },
  },
};

export const SURFACE_NAMES = Object.keys(SURFACES) as SurfaceName[];

/** The ravine's condition number κ: the ratio of its curvatures along θ₂ and θ₁. */
export const RAVINE_KAPPA = { min: 1, max: 1000, default: 20 } as const;

/** The formula as printed, with the ravine's κ written in. */
export function formulaOf(name: SurfaceName, kappa: number): string {
  return name === 'ravine' ? SURFACES.ravine.text.replace('κ', String(kappa)) : SURFACES[name].text;
}
