/**
 * The geometry of a 3×3 convolution on a 28×28 image, as the page knows it
 * (no engine code here: the view and the worker's model both read it).
 *
 * Output pixel (i, j) of a cross-correlation with stride s, zero padding p
 * and dilation d reads the input pixels (i·s − p + a·d, j·s − p + b·d) for
 * a, b in 0 … k−1: a window that spans k_eff = d·(k − 1) + 1 pixels, so
 *   n_out = ⌊(n + 2p − d·(k − 1) − 1)/s⌋ + 1.
 * Two such layers stacked see r₂ = k_eff + (k_eff − 1)·s input pixels
 * (1 + 2·d·(k − 1) at stride 1).
 */
import { withMinus } from '@/components/ui/format';

export const IMAGE_SIZE = 28;
export const KERNEL_SIZE = 3;

export interface ConvSettings {
  stride: number;
  padding: number;
  dilation: number;
}

/** The kernels the reader can pick, row-major 3×3 (cross-correlation: no flip). */
export const KERNELS = {
  identity: { label: 'Identity', weights: [0, 0, 0, 0, 1, 0, 0, 0, 0] },
  blur: { label: 'Blur (Gaussian)', weights: [0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625] },
  sharpen: { label: 'Sharpen', weights: [0, -1, 0, -1, 5, -1, 0, -1, 0] },
  'edge-x': { label: 'Edges across x (Sobel)', weights: [-1, 0, 1, -2, 0, 2, -1, 0, 1] },
  'edge-y': { label: 'Edges across y (Sobel)', weights: [-1, -2, -1, 0, 0, 0, 1, 2, 1] },
  outline: { label: 'Outline (Laplacian)', weights: [-1, -1, -1, -1, 8, -1, -1, -1, -1] },
} as const satisfies Record<string, { label: string; weights: readonly number[] }>;

export type KernelName = keyof typeof KERNELS;
export const KERNEL_NAMES = Object.keys(KERNELS) as KernelName[];

/** Pixels one window spans along an axis: k_eff = d·(k − 1) + 1. */
export const span = (dilation: number, k = KERNEL_SIZE) => dilation * (k - 1) + 1;

/** ⌊(n + 2p − d·(k − 1) − 1)/s⌋ + 1. */
export function outputSize(n: number, { stride, padding, dilation }: ConvSettings, k = KERNEL_SIZE): number {
  return Math.floor((n + 2 * padding - dilation * (k - 1) - 1) / stride) + 1;
}

/** The output-size formula with the numbers in: ⌊(28 + 2·1 − 1·(3−1) − 1)/1⌋ + 1 = 28. */
export function outputSizeFormula(n: number, settings: ConvSettings, k = KERNEL_SIZE): string {
  const { stride: s, padding: p, dilation: d } = settings;
  return withMinus(`⌊(${n} + 2·${p} - ${d}·(${k}-1) - 1)/${s}⌋ + 1 = ${outputSize(n, settings, k)}`);
}

/** The receptive field's side in the input after one layer and after two of the same geometry. */
export function receptiveSizes({ stride, dilation }: ConvSettings, k = KERNEL_SIZE): [number, number] {
  const r1 = span(dilation, k);
  return [r1, r1 + (r1 - 1) * stride];
}

/** The k×k positions (row, column) of the layer below that output pixel (i, j) reads; outside [0, n) they are padding. */
export function window(i: number, j: number, { stride, padding, dilation }: ConvSettings, k = KERNEL_SIZE): [number, number][] {
  const cells: [number, number][] = [];
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) cells.push([i * stride - padding + a * dilation, j * stride - padding + b * dilation]);
  return cells;
}

/**
 * The input pixels a layer-2 pixel (i, j) depends on, each with the number
 * of paths through layer 1 that reach it (the centre is reached by many, the
 * corners by one: the effective field is smaller than the full one).
 * Layer-1 positions that fall in layer 2's padding read nothing.
 */
export function layer2Field(i: number, j: number, settings: ConvSettings, layer1Size: number, k = KERNEL_SIZE): { row: number; col: number; paths: number }[] {
  const counts = new Map<string, { row: number; col: number; paths: number }>();
  for (const [r1, c1] of window(i, j, settings, k)) {
    if (r1 < 0 || c1 < 0 || r1 >= layer1Size || c1 >= layer1Size) continue;
    for (const [row, col] of window(r1, c1, settings, k)) {
      const key = `${row},${col}`;
      const cell = counts.get(key);
      if (cell) cell.paths++;
      else counts.set(key, { row, col, paths: 1 });
    }
  }
  return [...counts.values()];
}
