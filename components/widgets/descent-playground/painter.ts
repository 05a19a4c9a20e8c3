/**
 * What the descent playground shows between React renders: the landscape
 * with its three paths, the loss chart and the legend's readings, from the
 * latest snapshots of the three runs.
 */
import { withMinus } from '@/components/ui/format';
import { TrainingPainter } from '@/components/widgets/kit/painter';
import type { DescentFrame } from './model';
import { drawContours, drawLandscape, drawLossChart, type RunPicture } from './draw';
import { OPTIMIZERS, startOf, type DescentParams } from './schema';
import { SURFACES, type SurfaceName } from './surfaces';

/** A landscape as the engine evaluated it: the ravine's field depends on κ. */
/** Three significant digits: the table must fit beside the chart on a phone. */
const figure = (x: number | null) => (x === null || !Number.isFinite(x) ? '—' : withMinus(x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5) ? x.toExponential(2).replace('e+', 'e') : String(Number(x.toPrecision(3)))));

export const fieldKey = (p: Pick<DescentParams, 'surface' | 'kappa'>) => (p.surface === 'ravine' ? `ravine|${p.kappa}` : p.surface);

type Targets = { landscape: SVGSVGElement; chart: SVGSVGElement; legend: HTMLElement };

export class DescentPainter extends TrainingPainter<Targets, DescentParams, DescentFrame> {
  /** Each landscape's field as the engine evaluated it (fetched once per landscape, keyed by fieldKey). */
  fields = new Map<string, Float32Array>();
  private contours = { key: '', markup: '' };

  runs(): RunPicture[] {
    return OPTIMIZERS.map((o, k) => {
      const s = this.snapshots[k];
      return { label: o.label, color: o.color, path: s?.data.path ?? null, losses: s?.data.losses ?? null, diverged: s?.state === 'diverged' };
    });
  }

  /** Contours change only with the landscape or the theme. */
  private contoursOf(surface: SurfaceName): string {
    const field = this.fields.get(fieldKey(this.params));
    const theme = this.theme();
    const key = field ? `${fieldKey(this.params)}|${theme}` : '';
    if (key !== this.contours.key) this.contours = { key, markup: field ? drawContours(surface, field, theme) : '' };
    return this.contours.markup;
  }

  protected paint(): void {
    const runs = this.runs();
    const { surface } = this.params;
    this.svg(this.targets.landscape, drawLandscape({ surface, contours: this.contoursOf(surface), start: startOf(this.params), runs }));
    this.svg(this.targets.chart, drawLossChart({ runs, axis: SURFACES[surface].lossAxis }));
    // The table beside the chart: where each walk stands now, so a number in
    // the text ("15% of the way remains after 100 steps") can be read off.
    const legend = this.targets.legend;
    const steps = runs.map((r) => (r.losses ? r.losses.length - 1 : 0));
    this.text(legend?.querySelector('[data-part="steps"]'), `after step ${Math.max(0, ...steps)}`);
    runs.forEach((r, k) => {
      const s = this.snapshots[k];
      const name = OPTIMIZERS[k].name;
      const diverged = s?.state === 'diverged';
      const path = r.path;
      const n = path ? path.length : 0;
      const at = (i: number) => (diverged || !path || n < 2 ? '—' : figure(path[n - 2 + i]));
      const last = r.losses && r.losses.length ? r.losses[r.losses.length - 1] : null;
      this.text(legend?.querySelector(`[data-theta1="${name}"]`), at(0));
      this.text(legend?.querySelector(`[data-theta2="${name}"]`), at(1));
      this.text(legend?.querySelector(`[data-status="${name}"]`), diverged ? `diverged at step ${s.divergedAt}` : figure(last));
    });
  }
}
