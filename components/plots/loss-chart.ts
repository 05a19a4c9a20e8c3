// Loss against the step for one or more runs side by side (the descent
// playground's optimisers, the loss surface's single walk): the axes fit the
// longest run and every finite loss; a log axis when the minimum loss is 0.
import { axes, gridLines } from './axes';
import { linePaths, linesSvg } from './line';
import { finiteExtent, plotBox, xScale, yScale, type PlotBox } from './scales';

export const LOSS_CHART_BOX: PlotBox = plotBox(420, 220, { top: 12, right: 14, bottom: 36, left: 54 });

export interface LossSeries {
  label: string;
  color: string;
  /** The loss after each step; null before the run reports. */
  losses: Float32Array | null;
}

export function lossChartSvg(series: readonly LossSeries[], axis: 'linear' | 'log', box: PlotBox = LOSS_CHART_BOX): string {
  const losses = series.map((r) => r.losses ?? new Float32Array(0));
  const longest = Math.max(2, ...losses.map((l) => l.length));
  const x = xScale(box, [0, longest - 1], { nice: true });
  const extent = finiteExtent(losses, { positive: axis === 'log' }) ?? (axis === 'log' ? [1e-3, 1] : [0, 1]);
  const [lo, hi] = extent[0] === extent[1] ? [extent[0] * 0.5 || -1, extent[1] * 2 || 1] : extent;
  const y = yScale(box, [axis === 'log' ? Math.max(lo, hi * 1e-12) : lo, hi], { type: axis, nice: true });
  // A log axis spans at most twelve decades; a loss below its floor (a walk
  // that landed exactly) runs along the floor instead of out of the chart.
  const floor = y.domain()[0];
  const clamp = (ys: Float32Array) => (axis === 'log' ? ys.map((v) => (Number.isFinite(v) ? Math.max(v, floor) : v)) : ys);
  const lines = series.map((r, k) => ({ name: r.label, ys: clamp(losses[k]), color: r.color }));
  return gridLines(box, null, y) + linesSvg(linePaths(lines, x, y)) + axes(box, x, y, { x: { label: 'step' }, y: { label: 'loss 𝓛(θ)' } });
}
