/**
 * Pure drawing for the tape viewer: the memory a step holds between its
 * forward and backward passes, as bars (what this engine keeps alive, and
 * what the backward pass actually reads), for the chosen checkpointing and
 * for none. State in, SVG markup out.
 */
import { el, esc, num } from '@/components/plots/svg';
import type { StepCost } from './model';

export const BARS_BOX = { width: 520, height: 132 } as const;

/** Bytes as people read them: 2,168 B, 79.2 kB. */
export function bytesText(bytes: number): string {
  if (bytes < 10_000) return `${bytes.toLocaleString('en-US')} B`;
  return `${Number((bytes / 1000).toPrecision(3)).toLocaleString('en-US')} kB`;
}

export interface BarsState {
  /** The step as configured; null while the worker computes it. */
  cost: StepCost | null;
  /** The same step without checkpointing. */
  plain: StepCost | null;
  checkpointed: boolean;
}

export function drawMemoryBars(state: BarsState, width: number = BARS_BOX.width): string {
  const { cost, plain } = state;
  if (!cost || !plain) return '';
  const rows = state.checkpointed
    ? [
        { label: 'no checkpoints: kept', value: plain.allocatedBytes, kind: 'kept' },
        { label: 'no checkpoints: read back', value: plain.heldBytes, kind: 'read' },
        { label: 'checkpointed: kept', value: cost.allocatedBytes, kind: 'kept' },
        { label: 'checkpointed: read back', value: cost.heldBytes, kind: 'read' },
      ]
    : [
        { label: 'kept until the step ends', value: cost.allocatedBytes, kind: 'kept' },
        { label: 'read by the backward pass', value: cost.heldBytes, kind: 'read' },
      ];
  // Labels beside the bars where there is room, above them on a phone.
  const stacked = width < NARROW;
  const labelWidth = stacked ? 0 : 190;
  const valueWidth = 72;
  const barWidth = Math.max(40, width - labelWidth - valueWidth - 12);
  const max = Math.max(...rows.map((r) => r.value), 1);
  let out = '';
  rows.forEach((r, i) => {
    const y = 6 + i * rowHeightOf(stacked);
    const barY = stacked ? y + 18 : y + 2;
    const w = (barWidth * r.value) / max;
    out += el('text', { x: 0, y: y + 13, style: 'fill:var(--muted)' }, esc(r.label));
    out += el('rect', { x: labelWidth, y: barY, width: num(Math.max(1, w)), height: 15, rx: 2, class: `bar bar-${r.kind}`, style: r.kind === 'kept' ? 'fill:var(--muted);fill-opacity:0.55' : 'fill:var(--accent)' });
    out += el('text', { x: labelWidth + barWidth + 8, y: barY + 11, style: 'fill:var(--text)', 'data-bytes': r.value }, esc(bytesText(r.value)));
  });
  return el('g', { style: 'font-family:var(--sans);font-size:12px' }, out);
}

/** Narrower than this, each bar's label goes above it. */
const NARROW = 480;
const rowHeightOf = (stacked: boolean) => (stacked ? 40 : 26);

export function barsHeight(checkpointed: boolean, width: number = BARS_BOX.width): number {
  return 12 + (checkpointed ? 4 : 2) * rowHeightOf(width < NARROW);
}
