/**
 * What universal-bins shows between React renders: the target, the
 * hand-built network (from HandBuiltSource) and the trained run's latest
 * snapshot, each plot in a base layer (redrawn when the parameters or the
 * hand-built network change) and a live layer (redrawn per frame).
 */
import { renderSvg, type PlotBox } from '@/components/plots';
import { formatValue } from '@/components/ui/format';
import { TrainingPainter } from '@/components/widgets/kit/painter';
import type { Snapshot } from '@/workers/api';
import { drawFitBase, drawFitTrained, drawMseBase, drawMseTrained, fitBox, mseBox, mseDomain, type TrainedPicture } from './draw';
import { curveKey, handKey, targetKey, type HandBuiltSource } from './hand-built';
import type { BinsFrame, HandBuilt } from './model';
import type { BinsParams } from './schema';
import { GRID_X, polyline } from './targets';

type Targets = { fit: SVGSVGElement; chart: SVGSVGElement; handMse: HTMLElement; trainedMse: HTMLElement };

export class BinsPainter extends TrainingPainter<Targets, BinsParams, BinsFrame> {
  /** The drawing in progress (not yet in the store), and the point the keyboard edits. */
  draft: number[] | null = null;
  selected: number | null = null;
  /** Each plot's layout for the width it is shown at. */
  fitBox: PlotBox = fitBox();
  mseBox: PlotBox = mseBox();
  source: HandBuiltSource | null = null;
  private baseDirty = true;
  /** The MSE chart's y domain when its base layer was drawn. */
  private domain = '';

  constructor(
    readonly clipId: string,
    params: BinsParams,
  ) {
    super(params);
  }

  /** A snapshot repaints only the live layers (the trained network). */
  override frames(snapshots: readonly (Snapshot<BinsFrame> | null)[]): void {
    this.snapshots = snapshots;
    super.request();
  }

  /** Anything else repaints the base layers too. */
  override request(): void {
    this.baseDirty = true;
    super.request();
  }

  protected override forget(): void {
    this.baseDirty = true;
  }

  /** g at GRID_X: drawn and typed targets are joined here; named ones come from the worker. */
  private targetValues(hand: HandBuilt | null): Float32Array {
    const p = this.params;
    if (this.draft) return Float32Array.from(GRID_X, polyline(this.draft));
    if (p.target === 'drawn' || p.target === 'typed') return Float32Array.from(GRID_X, polyline(p.target === 'drawn' ? p.drawn : p.typed));
    return hand ? hand.g : new Float32Array(0);
  }

  trainedPicture(): TrainedPicture | null {
    const d = this.primary?.data;
    return d ? { pred: d.pred, centres: d.centres, outWeights: d.outWeights } : null;
  }

  /** Each plot holds a base layer and a live layer, made once. */
  private layersOf(svg: SVGSVGElement, box: PlotBox): { base: SVGGElement; live: SVGGElement } {
    const viewBox = `0 0 ${box.width} ${box.height}`;
    if (svg.getAttribute('viewBox') !== viewBox) svg.setAttribute('viewBox', viewBox);
    if (svg.childElementCount !== 2) {
      renderSvg(svg, '<g class="base"></g><g class="live"></g>');
      this.baseDirty = true;
    }
    return { base: svg.children[0] as SVGGElement, live: svg.children[1] as SVGGElement };
  }

  protected paint(): void {
    const p = this.params;
    const source = this.source;
    const current = source?.hand?.key === handKey(p) ? source.hand.value : null;
    // While a new B or w is computed, the last network for the same target stays up; another target's does not.
    const hand = source?.hand?.target === targetKey(p) ? source.hand.value : null;
    const trainedMse = this.primary ? this.primary.data.mse : null;
    const byBins = source?.byBins?.key === curveKey(p) ? source.byBins.value : null;
    const { fit, chart, handMse, trainedMse: trainedText } = this.targets;
    const fitLayers = fit && this.layersOf(fit, this.fitBox);
    const chartLayers = chart && this.layersOf(chart, this.mseBox);
    const chartState = { box: this.mseBox, byBins, bins: p.bins, trainedMse };
    const domain = mseDomain(chartState).join();
    if (this.baseDirty || domain !== this.domain) {
      this.baseDirty = false;
      this.domain = domain;
      if (fit && fitLayers) {
        const drawing = p.target === 'drawn' ? { values: this.draft ?? p.drawn, selected: this.selected } : null;
        renderSvg(fitLayers.base, drawFitBase({ box: this.fitBox, clipId: this.clipId, bins: p.bins, hand, target: this.targetValues(hand), drawing }));
        fit.dataset.ready = current ? 'true' : 'false';
      }
      if (chartLayers) renderSvg(chartLayers.base, drawMseBase(chartState));
      this.text(handMse, formatValue(current?.mse));
    }
    if (fitLayers) this.svg(fitLayers.live, drawFitTrained(this.fitBox, this.clipId, this.trainedPicture()));
    if (chartLayers) this.svg(chartLayers.live, drawMseTrained(chartState));
    this.text(trainedText, formatValue(trainedMse));
  }
}
