/**
 * What fit-a-line shows between React renders: the scatter with gradient
 * descent's line and the least-squares line, and the two lines as readouts.
 */
import { formatValue } from '@/components/ui/format';
import { TrainingPainter } from '@/components/widgets/kit/painter';
import { drawFitLines, drawFitPoints, lineOf } from '@/components/widgets/shared/line-fit/draw';
import type { Line, LinearFitFrame } from '@/components/widgets/shared/line-fit/model';
import type { FitParams } from './schema';

type Targets = { lines: SVGGElement; points: SVGGElement; fitReadout: HTMLElement; closedReadout: HTMLElement };

/** ŷ = w·x + b as a readout. */
export function lineText(line: Line | null): string {
  if (!line) return '—';
  const sign = line.b < 0 ? '−' : '+';
  return `ŷ = ${formatValue(line.w)}·x ${sign} ${formatValue(Math.abs(line.b))}`;
}

export class FitPainter extends TrainingPainter<Targets, FitParams, LinearFitFrame> {
  /** The point the reader has selected (ringed), if any. */
  selected: number | null = null;

  select(index: number | null): void {
    this.selected = index;
    this.request();
  }

  protected paint(): void {
    const fit = lineOf(this.primary, 'fit');
    const closed = lineOf(this.primary, 'closed');
    const { points } = this.params;
    const selected = this.selected !== null && this.selected < points.length ? this.selected : null;
    // Two layers, so that a frame of training rewrites the lines and leaves the points (and the drag targets under the pointer) alone.
    this.svg(this.targets.lines, drawFitLines({ points, fit, closed }));
    this.svg(this.targets.points, drawFitPoints({ points, selected, editable: true }));
    this.text(this.targets.fitReadout, lineText(fit));
    this.text(this.targets.closedReadout, lineText(closed));
  }
}
