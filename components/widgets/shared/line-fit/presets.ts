/**
 * The data sets both chapter-2 widgets start from: points in the plotted
 * window x ∈ [−2, 2], y ∈ [−3, 3], rounded to 0.01 as the URL keeps them.
 * They are fixed literals (so the page needs no engine to draw them), made
 * with the engine's seeded generator; tests/unit/widgets/linear-presets.test.ts
 * remakes them from the seeds below and checks they are these.
 *
 * clean     16 points, y = 0.8x + 0.4 + 0.12·ε (seed 1)
 * noisy     24 points, y = 0.8x + 0.4 + 0.6·ε (seed 2)
 * outliers  16 points as clean with noise 0.15 (seed 3), plus 4 far below the line at the right (seed 33)
 * curved    20 points, y = 0.7x² − 1.2 + 0.1·ε (seed 4)
 * shifted   16 points, y = 0.8x − 0.6 + 0.12·ε with x in [0.6, 1.9], far from 0 (seed 5)
 * x is spread evenly: the i-th of n points lies in the i-th of n equal bins
 * of [−1.8, 1.8] ([0.6, 1.9] for shifted).
 */
export type Point = readonly [number, number];
export type PresetName = 'clean' | 'noisy' | 'outliers' | 'curved' | 'shifted';

/** The window every point lies in (the scatter's axes). */
export const X_RANGE = [-2, 2] as const;
export const Y_RANGE = [-3, 3] as const;

export const PRESETS: Record<PresetName, { label: string; points: readonly Point[] }> = {
  clean: {
    label: 'Clean line',
    points: [[-1.67, -1.19], [-1.5, -0.75], [-1.27, -0.73], [-1.06, -0.54], [-0.75, -0.36], [-0.46, 0.17], [-0.36, -0.19], [-0.09, 0.35], [0.06, 0.53], [0.31, 0.68], [0.66, 1.16], [0.73, 1.2], [1.03, 1.25], [1.34, 1.48], [1.55, 1.61], [1.65, 1.71]],
  },
  noisy: {
    label: 'Noisy line',
    points: [[-1.73, -1.61], [-1.62, -0.12], [-1.37, 0.02], [-1.33, -0.57], [-1.07, -0.5], [-0.96, -0.74], [-0.9, -0.5], [-0.73, 0.16], [-0.51, -0.24], [-0.35, -0.03], [-0.21, 0.11], [-0.02, 0.61], [0.07, 0.48], [0.29, 0.75], [0.3, 0.61], [0.56, 0.62], [0.61, 0.65], [0.75, 2.1], [1.01, 1.64], [1.11, 0.86], [1.33, 2.05], [1.48, 1.08], [1.54, 0.93], [1.7, 2.72]],
  },
  outliers: {
    label: 'Line with outliers',
    points: [[-1.64, -1.04], [-1.54, -0.91], [-1.21, -0.87], [-1.1, -0.55], [-0.72, -0.08], [-0.61, -0.24], [-0.45, 0.07], [-0.08, 0.3], [0.06, 0.8], [0.28, 0.71], [0.47, 0.6], [0.87, 1.12], [0.92, 1.23], [1, -2.31], [1.33, 1.45], [1.34, -2.73], [1.43, 1.55], [1.49, -2.69], [1.73, -2.39], [1.79, 1.84]],
  },
  curved: {
    label: 'Curved',
    points: [[-1.77, 0.99], [-1.57, 0.73], [-1.39, 0.27], [-1.12, -0.33], [-0.92, -0.61], [-0.76, -0.75], [-0.6, -0.88], [-0.43, -1.01], [-0.28, -1.25], [-0.04, -1.26], [0.08, -1.19], [0.24, -1.01], [0.49, -0.86], [0.55, -0.96], [0.75, -0.63], [1, -0.53], [1.11, -0.41], [1.41, 0.2], [1.57, 0.59], [1.77, 1.03]],
  },
  shifted: {
    label: 'Far from x = 0',
    points: [[0.67, -0.23], [0.75, 0.03], [0.83, 0.09], [0.89, 0.23], [1, 0.06], [1.04, 0.34], [1.11, 0.07], [1.2, 0.55], [1.26, 0.43], [1.34, 0.61], [1.46, 0.6], [1.52, 0.35], [1.61, 0.88], [1.7, 0.84], [1.81, 0.75], [1.83, 1.08]],
  },
};

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/** The preset these points are, or null once they have been edited. */
export function presetOf(points: readonly Point[]): PresetName | null {
  const same = (a: readonly Point[]) => a.length === points.length && a.every((p, i) => p[0] === points[i][0] && p[1] === points[i][1]);
  return PRESET_NAMES.find((name) => same(PRESETS[name].points)) ?? null;
}
