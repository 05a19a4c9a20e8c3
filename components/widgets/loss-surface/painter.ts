/**
 * What the loss surface shows between React renders: the contours with the
 * walk and the minimum, the data with the current line, the loss chart,
 * and where the walk and the minimum are.
 */
import { lossChartSvg } from '@/components/plots';
import { withMinus } from '@/components/ui/format';
import { TrainingPainter } from '@/components/widgets/kit/painter';
import { drawFit, FIT_COLOR, lineOf } from '@/components/widgets/shared/line-fit/draw';
import type { LinearFitFrame } from '@/components/widgets/shared/line-fit/model';
import type { Point } from '@/components/widgets/shared/line-fit/presets';
import { drawSurface, drawSurfaceContours, INSET_BOX, onMap } from './draw';
import { startOf, type SurfaceParams } from './schema';

type Targets = { surface: SVGSVGElement; inset: SVGSVGElement; chart: SVGSVGElement; nowReadout: HTMLElement; minimumReadout: HTMLElement };

/** (w, b) to two decimals: enough to compare with the axes, short enough for a phone. */
const fixed2 = (v: number) => (Math.abs(v) < 0.005 ? '0.00' : withMinus(v.toFixed(2)));
export const pair = (w: number, b: number) => `(${fixed2(w)}, ${fixed2(b)})`;

export class SurfacePainter extends TrainingPainter<Targets, SurfaceParams, LinearFitFrame> {
  /** The data the runs were made from. */
  points: readonly Point[] = [];
  /** The objective over the map, and what it was computed for. */
  field: { key: string; values: Float32Array } | null = null;
  private contours = { key: '', markup: '' };

  /** Contours change only with the field or the theme. */
  private contoursNow(): string {
    const theme = this.theme();
    const key = this.field ? `${this.field.key}|${theme}` : '';
    if (key !== this.contours.key) this.contours = { key, markup: this.field ? drawSurfaceContours(this.field.values, theme) : '' };
    return this.contours.markup;
  }

  protected paint(): void {
    const snapshot = this.primary;
    const path = snapshot?.data.path ?? null;
    const losses = snapshot?.data.losses ?? null;
    const now = lineOf(snapshot, 'fit');
    const minimum = lineOf(snapshot, 'closed');
    const { surface, inset, chart, nowReadout, minimumReadout } = this.targets;
    this.svg(surface, drawSurface({ contours: this.contoursNow(), start: startOf(this.params), path, minimum }));
    this.svg(inset, drawFit({ points: this.points, fit: now, closed: minimum }, INSET_BOX));
    this.svg(chart, lossChartSvg([{ label: 'gradient descent', color: FIT_COLOR, losses }], 'log'));
    this.text(nowReadout, now ? pair(now.w, now.b) : '—');
    this.text(minimumReadout, minimum ? `${pair(minimum.w, minimum.b)}${onMap(minimum) ? '' : ', off this map'}` : '—');
  }
}
