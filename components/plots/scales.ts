// Scales for a plot box: the box is the whole drawing (SVG viewBox or canvas
// size in CSS pixels); the margin holds axes and labels; data lives inside.
import { format, scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PlotBox {
  width: number;
  height: number;
  margin: Margin;
}

/** The inner (data) area of a box in pixels: left < right, top < bottom. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type ScaleType = 'linear' | 'log';
export type Scale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

export interface ScaleOptions {
  type?: ScaleType;
  /** Extend the domain to round values (true, or a tick count to round for). Default false. */
  nice?: boolean | number;
}

export interface Tick {
  value: number;
  /** Pixel position along the axis. */
  pos: number;
  label: string;
}

const DEFAULT_MARGIN: Margin = { top: 12, right: 12, bottom: 32, left: 44 };

export function plotBox(width: number, height: number, margin: Partial<Margin> = {}): PlotBox {
  return { width, height, margin: { ...DEFAULT_MARGIN, ...margin } };
}

export function innerRect(box: PlotBox): Rect {
  const { width, height, margin } = box;
  return {
    left: margin.left,
    top: margin.top,
    right: Math.max(margin.left, width - margin.right),
    bottom: Math.max(margin.top, height - margin.bottom),
  };
}

export function isLogScale(scale: Scale): scale is ScaleLogarithmic<number, number> {
  return 'base' in scale;
}

/**
 * A domain the scale type can represent: log needs positive ends, and an
 * empty span (a constant series) is widened so the data sits mid-axis.
 */
export function usableDomain(domain: readonly [number, number], type: ScaleType = 'linear'): [number, number] {
  let [lo, hi] = domain[0] <= domain[1] ? [domain[0], domain[1]] : [domain[1], domain[0]];
  if (type === 'log') {
    if (!(hi > 0) || !Number.isFinite(hi)) return [1, 10];
    if (!(lo > 0) || !Number.isFinite(lo)) lo = hi / 10;
    return lo === hi ? [lo / 10, hi * 10] : [lo, hi];
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

function build(domain: readonly [number, number], range: [number, number], options: ScaleOptions): Scale {
  const type = options.type ?? 'linear';
  const scale: Scale = type === 'log' ? scaleLog() : scaleLinear();
  scale.domain(usableDomain(domain, type)).range(range);
  if (options.nice) scale.nice(typeof options.nice === 'number' ? options.nice : undefined);
  return scale;
}

/** Left-to-right scale over the box's inner width. */
export function xScale(box: PlotBox, domain: readonly [number, number], options: ScaleOptions = {}): Scale {
  const r = innerRect(box);
  return build(domain, [r.left, r.right], options);
}

/** Bottom-to-top scale over the box's inner height (SVG y grows downward). */
export function yScale(box: PlotBox, domain: readonly [number, number], options: ScaleOptions = {}): Scale {
  const r = innerRect(box);
  return build(domain, [r.bottom, r.top], options);
}

/**
 * [min, max] over the finite values of one or more arrays (positive values
 * only when `positive`, for a log axis), or null when there are none.
 */
export function finiteExtent(
  arrays: ArrayLike<number> | readonly ArrayLike<number>[],
  options: { positive?: boolean } = {},
): [number, number] | null {
  const list: readonly ArrayLike<number>[] = isArrayOfArrays(arrays) ? arrays : [arrays];
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of list) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v) || (options.positive && !(v > 0))) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

function isArrayOfArrays(a: ArrayLike<number> | readonly ArrayLike<number>[]): a is readonly ArrayLike<number>[] {
  return Array.isArray(a) && a.length > 0 && typeof a[0] !== 'number';
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * 10⁻⁴ for powers of ten far from 1 (or for every power of ten except 1 and
 * 10 when `powers` is set, so one axis does not mix 0.01 with 10⁻³);
 * otherwise a short decimal.
 */
export function formatLogTick(value: number, powers = false): string {
  const exponent = Math.round(Math.log10(value));
  const isPower = Math.abs(value / 10 ** exponent - 1) < 1e-9;
  if (isPower && (Math.abs(exponent) >= 3 || (powers && exponent !== 0 && exponent !== 1))) {
    const digits = String(Math.abs(exponent)).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]);
    return `10${exponent < 0 ? '⁻' : ''}${digits}`;
  }
  return format('~g')(value);
}

/**
 * About `count` round tick values with pixel positions and labels. On a log
 * scale only the ticks d3 would label are kept (powers of ten on wide spans).
 */
export function ticks(scale: Scale, count = 5, formatTick?: (value: number) => string): Tick[] {
  const values = scale.ticks(count);
  if (isLogScale(scale)) {
    const labelled = scale.tickFormat(count);
    const major = values.filter((v) => labelled(v) !== '');
    const kept = major.length >= 2 ? major : values;
    const powers = kept.some((v) => /[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(formatLogTick(v)));
    const label = formatTick ?? ((v: number) => formatLogTick(v, powers));
    return kept.map((value) => ({ value, pos: scale(value), label: label(value) }));
  }
  const label = formatTick ?? scale.tickFormat(count);
  return values.map((value) => ({ value, pos: scale(value), label: label(value) }));
}

/** The data point under pixel (px, py): for clicks and keyboard cursors. */
export function dataAt(x: Scale, y: Scale, px: number, py: number): [number, number] {
  return [x.invert(px), y.invert(py)];
}

export function insideRect(rect: Rect, px: number, py: number): boolean {
  return px >= rect.left && px <= rect.right && py >= rect.top && py <= rect.bottom;
}
