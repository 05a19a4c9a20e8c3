/**
 * What fd-error shows between React renders: the four error curves (redrawn
 * when the worker answers) and the reading at the chosen h (moved with the
 * pointer), with the estimates and errors at that h written into the table.
 */
import type { PlotBox } from '@/components/plots';
import { Painter } from '@/components/widgets/kit/painter';
import { drawCursor, drawErrorCurves, ERROR_BOX } from './draw';
import { H_VALUES, METHODS } from './functions';
import type { ErrorCurves } from './model';
import type { FdErrorParams } from './schema';

type Targets = { chart: SVGSVGElement; curves: SVGGElement; cursor: SVGGElement; readout: HTMLElement };

/** An estimate with enough digits to see where it stops agreeing. */
export const estimateText = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(10))).replace('-', '−') : 'not a number');
/** An error on a log scale's terms. */
export const errorText = (e: number) => (e === 0 ? '0 (exact)' : Number.isFinite(e) ? e.toExponential(2).replace('e-', 'e−').replace('e+', 'e') : '∞');

export class FdPainter extends Painter<Targets, FdErrorParams> {
  /** The worker's answer: the curves over H_VALUES, then the reading's h as one more entry. */
  curves: ErrorCurves | null = null;
  /** What the curves were computed for (function and point): the curves layer is redrawn when it changes. */
  curvesFor = '';
  box: PlotBox = ERROR_BOX;

  protected paint(): void {
    const c = this.curves;
    const n = H_VALUES.length;
    const errors = c && Object.fromEntries(METHODS.map((m) => [m.key, c.errors[m.key].subarray(0, n)]));
    this.svgFor(this.targets.curves, `${this.curvesFor}|${this.box.width}`, () =>
      drawErrorCurves({ hs: H_VALUES, errors: errors as never }, this.box),
    );
    this.svg(this.targets.cursor, drawCursor(this.params.h, this.box));
    const readout = this.targets.readout;
    if (!readout) return;
    this.text(readout.querySelector('[data-reading="exact"]'), c ? estimateText(c.exact) : '—');
    for (const m of METHODS) {
      const estimate = c?.estimates[m.key][n];
      const error = c?.errors[m.key][n];
      this.text(readout.querySelector(`[data-reading="${m.key}-estimate"]`), estimate === undefined ? '—' : estimateText(estimate));
      this.text(readout.querySelector(`[data-reading="${m.key}-error"]`), error === undefined ? '—' : errorText(error));
    }
  }
}
