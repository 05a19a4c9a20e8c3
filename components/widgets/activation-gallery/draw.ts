/**
 * Pure drawing for the activation gallery: every shown activation f as a
 * solid line, its autodiff derivative dashed, the closed-form derivative as
 * rings every 0.5 along x, and the reading cursor. State in, SVG out.
 */
import { axes, el, finiteExtent, gridLines, innerRect, linePaths, num, plotBox, xScale, yScale, type PlotBox, type Scale } from '@/components/plots';
import { activationById, type ActivationId } from './activations';
import type { CurvesResult } from './model';
import { X_RANGE } from './schema';

/** The plot laid out for the width it is shown at (CSS pixels), so its text stays 11px: squarer on a phone. */
export function galleryBox(width = 640): PlotBox {
  const w = Math.round(Math.min(760, Math.max(280, width)));
  return plotBox(w, Math.round(Math.min(380, Math.max(260, w * 0.62))), { top: 12, right: 14, bottom: 38, left: 44 });
}

/** Rings for the closed form every this many grid points (0.5 in x on the 0.01 grid). */
const RING_EVERY = 50;

export interface GalleryState {
  box: PlotBox;
  /** The grid the curves were evaluated on. */
  x: Float32Array;
  /** Null until the worker has answered. */
  curves: CurvesResult | null;
  shown: readonly ActivationId[];
  /** Grid index of the reading cursor. */
  cursor: number;
}

export const galleryX = (box: PlotBox): Scale => xScale(box, X_RANGE);

/** The y range: every shown curve and derivative, never less than [−0.25, 1.1], so a lone sigmoid is not stretched flat. */
export function galleryY(state: Pick<GalleryState, 'box' | 'curves' | 'shown'>): Scale {
  const arrays = state.curves ? state.shown.flatMap((id) => [state.curves![id].f, state.curves![id].autodiff]) : [];
  const [lo, hi] = finiteExtent(arrays) ?? [0, 1];
  return yScale(state.box, [Math.min(lo, -0.25), Math.max(hi, 1.1)], { nice: true });
}

const finite = (v: number) => Number.isFinite(v);

/** The base layer: axes and every shown curve; redrawn only when the curves, the choice or the size change. */
export function drawGalleryBase(state: Omit<GalleryState, 'cursor'>): string {
  const { box } = state;
  const x = galleryX(box);
  const y = galleryY(state);
  const r = innerRect(box);
  let out = gridLines(box, x, y);
  // The axes through the origin.
  out += el('g', { class: 'origin', style: 'stroke:var(--muted)', 'stroke-opacity': 0.6, 'stroke-width': 1 },
    el('line', { x1: r.left, x2: r.right, y1: y(0), y2: y(0) }) + el('line', { x1: x(0), x2: x(0), y1: r.top, y2: r.bottom }));
  out += axes(box, x, y, { x: { label: 'x' }, y: { label: 'f(x) and f′(x)' } });
  if (!state.curves) return out;

  for (const id of state.shown) {
    const { color, label } = activationById(id);
    const c = state.curves[id];
    const [f, df] = linePaths(
      [
        { name: `${label}`, xs: state.x, ys: c.f, color },
        { name: `${label} derivative (autodiff)`, xs: state.x, ys: c.autodiff, color },
      ],
      x,
      y,
    );
    let rings = '';
    for (let i = 0; i < state.x.length; i += RING_EVERY) {
      const v = c.closed[i];
      if (!finite(v)) continue;
      rings += el('circle', { cx: x(state.x[i]), cy: y(v), r: 3.2 });
    }
    out += el(
      'g',
      { class: 'activation', 'data-activation': id, style: `stroke:${color}`, fill: 'none', 'stroke-linejoin': 'round', 'stroke-linecap': 'round' },
      (f.d ? el('path', { d: f.d, 'stroke-width': 2.5, class: 'curve' }) : '') +
        (df.d ? el('path', { d: df.d, 'stroke-width': 1.75, 'stroke-dasharray': '7 4', class: 'derivative' }) : '') +
        el('g', { class: 'closed-form', style: 'fill:var(--surface)', 'stroke-width': 1.5 }, rings),
    );
  }
  return out;
}

/** The cursor layer: a vertical line at the reading, with a dot on each curve and derivative. */
export function drawGalleryCursor(state: GalleryState): string {
  if (!state.curves) return '';
  const x = galleryX(state.box);
  const y = galleryY(state);
  const r = innerRect(state.box);
  const i = Math.min(state.x.length - 1, Math.max(0, state.cursor));
  const cx = x(state.x[i]);
  let dots = '';
  for (const id of state.shown) {
    const { color } = activationById(id);
    const c = state.curves[id];
    if (finite(c.f[i])) dots += el('circle', { cx, cy: y(c.f[i]), r: 4.5, style: `fill:${color};stroke:var(--surface)`, 'stroke-width': 1.5 });
    if (finite(c.autodiff[i])) dots += el('circle', { cx, cy: y(c.autodiff[i]), r: 3.5, style: `fill:var(--surface);stroke:${color}`, 'stroke-width': 2 });
  }
  return el(
    'g',
    { class: 'cursor', 'data-x': num(state.x[i], 2) },
    el('line', { x1: cx, x2: cx, y1: r.top, y2: r.bottom, style: 'stroke:var(--text)', 'stroke-opacity': 0.55, 'stroke-dasharray': '2 3' }) + dots,
  );
}

export function drawGallery(state: GalleryState): string {
  return drawGalleryBase(state) + drawGalleryCursor(state);
}
