// Several measured series against the training step, each with its own
// steps (a loss every 10 steps, an accuracy every 200), and optional
// horizontal reference lines (a baseline to beat).
import { axes, gridLines } from './axes';
import { linePaths, linesSvg, type Series } from './line';
import { xScale, type PlotBox, type Scale } from './scales';
import { el, esc, num } from './svg';

export interface StepSeries extends Required<Pick<Series, 'name' | 'ys' | 'xs' | 'color'>> {
  dash?: string;
}

export interface ReferenceLine {
  label: string;
  value: number;
  color: string;
}

export interface StepChartOptions {
  /** Right end of the step axis (the axis is 'nice'). */
  maxStep: number;
  yLabel: string;
  yFormat?: (value: number) => string;
  references?: readonly ReferenceLine[];
}

/** Grid, the series as lines, dashed reference lines labelled at their right end, and the axes. */
export function stepChartSvg(box: PlotBox, series: readonly StepSeries[], y: Scale, options: StepChartOptions): string {
  const x = xScale(box, [0, Math.max(options.maxStep, 1)], { nice: true });
  const [x0, x1] = x.range();
  const references = (options.references ?? [])
    .filter((r) => Number.isFinite(r.value))
    .map((r) => {
      const py = y(r.value);
      return (
        el('line', { x1: num(x0), x2: num(x1), y1: num(py), y2: num(py), style: `stroke:${r.color}`, 'stroke-dasharray': '2 3', 'stroke-width': 1.5, 'data-reference': r.label }) +
        el('text', { x: num(x1 - 4), y: num(py - 4), 'text-anchor': 'end', style: `fill:${r.color};font-family:var(--sans);font-size:10px` }, esc(r.label))
      );
    })
    .join('');
  return gridLines(box, null, y) + references + linesSvg(linePaths(series, x, y)) + axes(box, x, y, { x: { label: 'step' }, y: { label: options.yLabel, format: options.yFormat } });
}
