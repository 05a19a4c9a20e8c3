/**
 * Pure drawing for the softmax-temperature widget: the editable logits as
 * bars around zero, and the probabilities as bars in [0, 1] with the
 * uniform level marked. State in, SVG markup out. A value that is not a
 * finite number is never drawn as a bar; it is named in words.
 */
import { axisLeft, classColor, plotBox, innerRect, yScale, type PlotBox } from '@/components/plots';
import { el, esc, num } from '@/components/plots/svg';
import { withMinus } from '@/components/ui/format';
import { LOGIT_LIMIT } from './schema';

export const LOGITS_BOX: PlotBox = plotBox(420, 190, { top: 16, right: 10, bottom: 26, left: 40 });
export const PROBS_BOX: PlotBox = plotBox(420, 200, { top: 34, right: 10, bottom: 26, left: 40 });

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
/** z₁, p₃ …: the book numbers entries from 1. */
export function indexed(symbol: string, i: number): string {
  return symbol + String(i + 1).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)]);
}

/** Horizontal band of entry i of K in a box: [left, right] in pixels. */
export function band(box: PlotBox, K: number, i: number): [number, number] {
  const r = innerRect(box);
  const w = (r.right - r.left) / K;
  return [r.left + i * w, r.left + (i + 1) * w];
}

/** Which entry a pixel x falls in (clamped to 0 … K − 1). */
export function bandAt(box: PlotBox, K: number, px: number): number {
  const r = innerRect(box);
  const i = Math.floor(((px - r.left) / (r.right - r.left)) * K);
  return Math.min(K - 1, Math.max(0, i));
}

export const logitScale = () => yScale(LOGITS_BOX, [-LOGIT_LIMIT, LOGIT_LIMIT]);

function xLabels(box: PlotBox, K: number, symbol: string): string {
  const r = innerRect(box);
  let out = el('line', { x1: r.left, x2: r.right, y1: r.bottom, y2: r.bottom, style: 'stroke:var(--muted)' });
  for (let i = 0; i < K; i++) {
    const [a, b] = band(box, K, i);
    out += el('text', { x: (a + b) / 2, y: r.bottom + 16, 'text-anchor': 'middle', style: 'fill:var(--text)' }, esc(indexed(symbol, i)));
  }
  return el('g', { class: 'x-labels', style: 'font-family:var(--sans);font-size:12px' }, out);
}

export interface LogitsState {
  logits: readonly number[];
  /** The entry the keyboard moves, outlined. */
  selected: number;
}

export function drawLogits(state: LogitsState): string {
  const K = state.logits.length;
  const y = logitScale();
  const r = innerRect(LOGITS_BOX);
  let out = axisLeft(LOGITS_BOX, y, { ticks: 5 });
  out += el('line', { x1: r.left, x2: r.right, y1: y(0), y2: y(0), style: 'stroke:var(--border)' });
  for (let i = 0; i < K; i++) {
    const z = state.logits[i];
    if (!Number.isFinite(z)) continue;
    const [a, b] = band(LOGITS_BOX, K, i);
    const pad = (b - a) * 0.2;
    const top = Math.min(y(z), y(0));
    const height = Math.max(1, Math.abs(y(z) - y(0)));
    out += el('rect', {
      x: a + pad,
      y: top,
      width: b - a - 2 * pad,
      height,
      rx: 2,
      'data-index': i,
      class: i === state.selected ? 'logit selected' : 'logit',
      style: `fill:${classColor(i)};fill-opacity:0.85;${i === state.selected ? 'stroke:var(--text);stroke-width:2' : ''}`,
    });
    const labelY = z >= 0 ? y(z) - 4 : y(z) + 13;
    out += el('text', { x: (a + b) / 2, y: labelY, 'text-anchor': 'middle', style: 'fill:var(--text);font-family:var(--sans);font-size:11px' }, esc(withMinus(z.toFixed(2))));
  }
  out += el('text', { x: r.left + 4, y: r.top - 4, style: 'fill:var(--muted);font-family:var(--sans);font-size:11px' }, 'logits z (drag a bar)');
  return out + xLabels(LOGITS_BOX, K, 'z');
}

export interface ProbabilitiesState {
  probs: Float32Array;
  /** The naive normalize(exp(z/T)) beside the stable one, or null to leave it out. */
  naive: Float32Array | null;
}

/** A probability for a label: three decimals, or words when it is not a number. */
export function probabilityText(p: number): string {
  return Number.isFinite(p) ? p.toFixed(3) : '∞/∞';
}

export function drawProbabilities(state: ProbabilitiesState): string {
  const K = state.probs.length;
  const y = yScale(PROBS_BOX, [0, 1]);
  const r = innerRect(PROBS_BOX);
  let out = axisLeft(PROBS_BOX, y, { ticks: 5 });
  const font = 'font-family:var(--sans);font-size:11px';
  for (let i = 0; i < K; i++) {
    const [a, b] = band(PROBS_BOX, K, i);
    const pad = (b - a) * 0.15;
    const slots: { p: number; naive: boolean }[] = [{ p: state.probs[i], naive: false }];
    if (state.naive) slots.push({ p: state.naive[i], naive: true });
    const w = (b - a - 2 * pad) / slots.length;
    slots.forEach((slot, s) => {
      const left = a + pad + s * w;
      const cx = left + w / 2;
      if (!Number.isFinite(slot.p)) {
        out += el('text', { x: cx, y: y(0) - 6, 'text-anchor': 'middle', class: 'undefined', style: `fill:var(--note);${font};font-weight:600` }, esc('∞/∞'));
        return;
      }
      const p = Math.min(1, Math.max(0, slot.p));
      out += el('rect', {
        x: left + 1,
        y: y(p),
        width: Math.max(1, w - 2),
        height: Math.max(0.5, y(0) - y(p)),
        class: slot.naive ? 'prob naive' : 'prob',
        style: slot.naive
          ? `fill:none;stroke:${classColor(i)};stroke-width:1.5;stroke-dasharray:3 2`
          : `fill:${classColor(i)};fill-opacity:0.85`,
      });
      // The naive bars carry no numbers (the table has them); only the stable ones do.
      if (!slot.naive) out += el('text', { x: cx, y: y(p) - 4, 'text-anchor': 'middle', style: `fill:var(--text);${font}` }, esc(probabilityText(slot.p)));
    });
  }
  const u = y(1 / K);
  out += el('line', { x1: r.left, x2: r.right, y1: u, y2: u, class: 'uniform', style: 'stroke:var(--text);stroke-dasharray:5 4;stroke-opacity:0.7' });
  out += el('text', { x: r.right, y: u - 4, 'text-anchor': 'end', style: `fill:var(--muted);${font}` }, esc(`uniform 1/K = ${num(1 / K, 3)}`));
  const title = state.naive ? 'softmax(z/T): logsumexp form (filled), naive form (dashed)' : 'probabilities softmax(z/T)';
  out += el('text', { x: r.left + 4, y: 12, style: `fill:var(--muted);${font}` }, esc(title));
  return out + xLabels(PROBS_BOX, K, 'p');
}
