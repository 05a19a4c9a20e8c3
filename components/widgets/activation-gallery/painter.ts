/**
 * What the activation gallery shows between React renders: the curves in
 * one layer (they change with the choice, the slope or the plot's size) and
 * the reading cursor in another (it moves with the pointer).
 */
import type { PlotBox } from '@/components/plots';
import { Painter } from '@/components/widgets/kit/painter';
import type { ActivationId } from './activations';
import { drawGalleryBase, drawGalleryCursor, galleryBox } from './draw';
import type { CurvesResult } from './model';
import { gridIndex, shownIds, type GalleryParams } from './schema';

type Targets = { plot: SVGSVGElement; base: SVGGElement; cursor: SVGGElement };

export class GalleryPainter extends Painter<Targets, GalleryParams> {
  /** The engine's curves for the current slope (null until they come). */
  curves: CurvesResult | null = null;
  box: PlotBox = galleryBox(undefined);

  constructor(
    /** The x values the worker evaluated at. */
    readonly x: Float32Array,
    params: GalleryParams,
  ) {
    super(params);
  }

  protected paint(): void {
    const shown: ActivationId[] = shownIds(this.params);
    const { box, x, curves } = this;
    this.svg(this.targets.base, drawGalleryBase({ box, x, curves, shown }));
    this.svg(this.targets.cursor, drawGalleryCursor({ box, x, curves, shown, cursor: gridIndex(this.params.at) }));
  }
}
