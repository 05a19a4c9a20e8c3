/**
 * The page side of universal-bins between React renders: it asks the worker
 * for the hand-built network (only when the target, B or w changed, latest
 * request wins), keeps the trained run's latest snapshot, and repaints at
 * most once per animation frame. React does not re-render per snapshot.
 */
import { renderSvg, type PlotBox } from '@/components/plots';
import { formatValue } from '@/components/ui/format';
import type { Snapshot } from '@/workers/api';
import type { RunHandle } from '@/workers/client';
import { drawFitBase, drawFitTrained, drawMseBase, drawMseTrained, fitBox, mseBox, mseDomain, type TrainedPicture } from './draw';
import type { BinsQuery, HandBuilt } from './model';
import { targetSpecOf, type BinsParams } from './schema';
import { GRID_X, polyline } from './targets';

export interface PainterTargets {
  fit: SVGSVGElement | null;
  chart: SVGSVGElement | null;
  handMse: HTMLElement | null;
  trainedMse: HTMLElement | null;
}

const targetKey = (p: BinsParams) => JSON.stringify(targetSpecOf(p));
const handKey = (p: BinsParams) => JSON.stringify([targetSpecOf(p), p.bins, p.steepness]);
const curveKey = (p: BinsParams) => JSON.stringify([targetSpecOf(p), p.steepness]);

export class BinsPainter {
  targets: PainterTargets = { fit: null, chart: null, handMse: null, trainedMse: null };
  params: BinsParams;
  /** The drawing in progress (not yet in the store), and the point the keyboard edits. */
  draft: number[] | null = null;
  selected: number | null = null;
  snapshot: Snapshot | null = null;
  /** Each plot's layout for the width it is shown at. */
  fitBox: PlotBox = fitBox();
  mseBox: PlotBox = mseBox();
  private hand: { key: string; target: string; value: HandBuilt } | null = null;
  private byBins: { key: string; value: Float32Array } | null = null;
  private fetching = false;
  private frame = 0;
  private baseDirty = true;
  /** The MSE chart's y domain when its base layer was drawn. */
  private domain = '';

  constructor(
    readonly clipId: string,
    params: BinsParams,
    private readonly run: () => Promise<RunHandle | undefined>,
  ) {
    this.params = params;
  }

  setParams(params: BinsParams): void {
    this.params = params;
    this.request();
    void this.fetch();
  }

  /**
   * Asks the worker for whatever of the hand-built network is out of date,
   * until nothing is (parameters may change meanwhile: the latest wins). A
   * run closed under a request (new parameters reopen the runs) is retried
   * on the current one.
   */
  async fetch(handle?: RunHandle): Promise<void> {
    if (this.fetching) return;
    this.fetching = true;
    let failures = 0;
    try {
      for (;;) {
        const p = this.params;
        const wantHand = this.hand?.key !== handKey(p);
        const wantCurve = this.byBins?.key !== curveKey(p);
        if (!wantHand && !wantCurve) break;
        try {
          const run = handle?.alive ? handle : await this.run();
          if (!run) break;
          const target = targetSpecOf(p);
          if (wantHand) {
            const query: BinsQuery = { type: 'hand', target, bins: p.bins, steepness: p.steepness };
            this.hand = { key: handKey(p), target: targetKey(p), value: await run.evaluate<HandBuilt>(query) };
            this.request();
          }
          if (wantCurve && curveKey(this.params) === curveKey(p)) {
            const query: BinsQuery = { type: 'mse-by-bins', target, steepness: p.steepness };
            this.byBins = { key: curveKey(p), value: await run.evaluate<Float32Array>(query) };
            this.request();
          }
        } catch {
          handle = undefined;
          if (++failures > 3) break;
        }
      }
    } finally {
      this.fetching = false;
    }
  }

  /**
   * Repaint on the next animation frame. A snapshot repaints only the live
   * layers (the trained network); anything else (`base`) also the layers
   * drawn from the parameters and the hand-built network.
   */
  request(base = true): void {
    if (base) this.baseDirty = true;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  /** g at GRID_X: drawn and typed targets are joined here; named ones come from the worker. */
  private targetValues(hand: HandBuilt | null): Float32Array {
    const p = this.params;
    if (this.draft) return Float32Array.from(GRID_X, polyline(this.draft));
    if (p.target === 'drawn' || p.target === 'typed') return Float32Array.from(GRID_X, polyline(p.target === 'drawn' ? p.drawn : p.typed));
    return hand ? hand.g : new Float32Array(0);
  }

  trainedPicture(): TrainedPicture | null {
    const d = this.snapshot?.data;
    if (!d || !(d.pred instanceof Float32Array) || !(d.centres instanceof Float32Array) || !(d.outWeights instanceof Float32Array)) return null;
    return { pred: d.pred, centres: d.centres, outWeights: d.outWeights };
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

  paint(): void {
    const p = this.params;
    const current = this.hand?.key === handKey(p) ? this.hand.value : null;
    // While a new B or w is computed, the last network for the same target stays up; another target's does not.
    const hand = this.hand?.target === targetKey(p) ? this.hand.value : null;
    const trainedMse = typeof this.snapshot?.data.mse === 'number' ? this.snapshot.data.mse : null;
    const byBins = this.byBins?.key === curveKey(p) ? this.byBins.value : null;
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
      if (handMse) handMse.textContent = formatValue(current?.mse);
    }
    if (fitLayers) renderSvg(fitLayers.live, drawFitTrained(this.fitBox, this.clipId, this.trainedPicture()));
    if (chartLayers) renderSvg(chartLayers.live, drawMseTrained(chartState));
    if (trainedText) trainedText.textContent = formatValue(trainedMse);
  }
}
