/**
 * What the descent playground shows between React renders: the landscape
 * with its three paths, the loss chart and the legend's readings, from the
 * latest snapshots of the three runs.
 */
import { formatValue } from '@/components/ui/format';
import { TrainingPainter } from '@/components/widgets/kit/painter';
import type { DescentFrame } from './model';
import { drawContours, drawLandscape, drawLossChart, type RunPicture } from './draw';
import { OPTIMIZERS, startOf, type DescentParams } from './schema';
import { SURFACES, type SurfaceName } from './surfaces';

type Targets = { landscape: SVGSVGElement; chart: SVGSVGElement; legend: HTMLElement };

export class DescentPainter extends TrainingPainter<Targets, DescentParams, DescentFrame> {
  /** Each landscape's field as the engine evaluated it (fetched once per landscape). */
  fields = new Map<SurfaceName, Float32Array>();
  private contours = { key: '', markup: '' };

  runs(): RunPicture[] {
    return OPTIMIZERS.map((o, k) => {
      const s = this.snapshots[k];
      return { label: o.label, color: o.color, path: s?.data.path ?? null, losses: s?.data.losses ?? null, diverged: s?.state === 'diverged' };
    });
  }

  /** Contours change only with the landscape or the theme. */
  private contoursOf(surface: SurfaceName): string {
    const field = this.fields.get(surface);
    const theme = this.theme();
    const key = field ? `${surface}|${theme}` : '';
    if (key !== this.contours.key) this.contours = { key, markup: field ? drawContours(surface, field, theme) : '' };
    return this.contours.markup;
  }

  protected paint(): void {
    const runs = this.runs();
    const { surface } = this.params;
    this.svg(this.targets.landscape, drawLandscape({ surface, contours: this.contoursOf(surface), start: startOf(this.params), runs }));
    this.svg(this.targets.chart, drawLossChart({ runs, axis: SURFACES[surface].lossAxis }));
    const legend = this.targets.legend;
    runs.forEach((r, k) => {
      const s = this.snapshots[k];
      const last = r.losses && r.losses.length ? r.losses[r.losses.length - 1] : null;
      const status = s?.state === 'diverged' ? `diverged at step ${s.divergedAt}` : `loss ${formatValue(last)}`;
      this.text(legend?.querySelector(`[data-status="${OPTIMIZERS[k].name}"]`), status);
    });
  }
}
