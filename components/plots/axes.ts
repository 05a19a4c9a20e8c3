// Axes as SVG markup. Colours are CSS variables of the page theme, so the
// same markup is right in light and dark mode without a redraw.
import { el, esc, num } from './svg';
import { innerRect, ticks, type PlotBox, type Scale, type Tick } from './scales';

export interface AxisOptions {
  /** Roughly how many ticks (d3 picks round values). Default 5. */
  ticks?: number;
  format?: (value: number) => string;
  /** Axis title, e.g. "step" or "loss". */
  label?: string;
  /** Tick mark length in pixels. Default 5. */
  tickSize?: number;
}

const FONT = 'font-family:var(--sans);font-size:11px';
const LINE = 'stroke:var(--muted)';
const TEXT = 'fill:var(--muted)';
const TITLE = 'fill:var(--text)';
const GRID = 'stroke:var(--border)';

/** The visible ticks: those inside the axis range (nice-less scales can yield an edge tick just outside). */
function visibleTicks(scale: Scale, options: AxisOptions): Tick[] {
  const [a, b] = scale.range();
  const lo = Math.min(a, b) - 0.5;
  const hi = Math.max(a, b) + 0.5;
  return ticks(scale, options.ticks ?? 5, options.format).filter((t) => t.pos >= lo && t.pos <= hi);
}

/** x axis along the bottom of the inner rect: domain line, ticks, labels, optional title. */
export function axisBottom(box: PlotBox, scale: Scale, options: AxisOptions = {}): string {
  const r = innerRect(box);
  const size = options.tickSize ?? 5;
  let body = el('line', { x1: r.left, x2: r.right, y1: r.bottom, y2: r.bottom, style: LINE });
  for (const t of visibleTicks(scale, options)) {
    body += el('line', { x1: t.pos, x2: t.pos, y1: r.bottom, y2: r.bottom + size, style: LINE });
    body += el('text', { x: t.pos, y: r.bottom + size + 3, dy: '0.71em', 'text-anchor': 'middle', style: TEXT }, esc(t.label));
  }
  if (options.label) {
    const y = box.height - 4;
    body += el('text', { x: (r.left + r.right) / 2, y, 'text-anchor': 'middle', style: TITLE }, esc(options.label));
  }
  return el('g', { class: 'axis axis-x', style: FONT, 'shape-rendering': 'crispEdges' }, body);
}

/** y axis along the left of the inner rect: domain line, ticks, labels, optional rotated title. */
export function axisLeft(box: PlotBox, scale: Scale, options: AxisOptions = {}): string {
  const r = innerRect(box);
  const size = options.tickSize ?? 5;
  let body = el('line', { x1: r.left, x2: r.left, y1: r.top, y2: r.bottom, style: LINE });
  for (const t of visibleTicks(scale, options)) {
    body += el('line', { x1: r.left - size, x2: r.left, y1: t.pos, y2: t.pos, style: LINE });
    body += el('text', { x: r.left - size - 3, y: t.pos, dy: '0.32em', 'text-anchor': 'end', style: TEXT }, esc(t.label));
  }
  if (options.label) {
    const cy = (r.top + r.bottom) / 2;
    body += el(
      'text',
      { transform: `translate(${num(11)},${num(cy)}) rotate(-90)`, 'text-anchor': 'middle', style: TITLE },
      esc(options.label),
    );
  }
  return el('g', { class: 'axis axis-y', style: FONT, 'shape-rendering': 'crispEdges' }, body);
}

/** Both axes of a chart. */
export function axes(box: PlotBox, x: Scale, y: Scale, options: { x?: AxisOptions; y?: AxisOptions } = {}): string {
  return axisBottom(box, x, options.x) + axisLeft(box, y, options.y);
}

/**
 * Gridlines across the inner rect at the tick positions; draw them under
 * the data. Pass null for an axis that should have none.
 */
export function gridLines(
  box: PlotBox,
  x: Scale | null,
  y: Scale | null,
  options: { xTicks?: number; yTicks?: number } = {},
): string {
  const r = innerRect(box);
  let body = '';
  if (x) {
    for (const t of visibleTicks(x, { ticks: options.xTicks })) {
      body += el('line', { x1: t.pos, x2: t.pos, y1: r.top, y2: r.bottom });
    }
  }
  if (y) {
    for (const t of visibleTicks(y, { ticks: options.yTicks })) {
      body += el('line', { x1: r.left, x2: r.right, y1: t.pos, y2: t.pos });
    }
  }
  return el('g', { class: 'grid', style: GRID, 'shape-rendering': 'crispEdges' }, body);
}
