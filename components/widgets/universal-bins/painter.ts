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
import { drawFit, drawMseChart, fitBox, mseBox, type TrainedPicture } from './draw';
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

  request(): void {
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

  paint(): void {
    const p = this.params;
    const current = this.hand?.key === handKey(p) ? this.hand.value : null;
    // While a new B or w is computed, the last network for the same target stays up; another target's does not.
    const hand = this.hand?.target === targetKey(p) ? this.hand.value : null;
    const trainedMse = typeof this.snapshot?.data.mse === 'number' ? this.snapshot.data.mse : null;
    const { fit, chart, handMse, trainedMse: trainedText } = this.targets;
    if (fit) {
      const drawing = p.target === 'drawn' ? { values: this.draft ?? p.drawn, selected: this.selected } : null;
      fit.setAttribute('viewBox', `0 0 ${this.fitBox.width} ${this.fitBox.height}`);
      renderSvg(fit, drawFit({ box: this.fitBox, clipId: this.clipId, bins: p.bins, hand, target: this.targetValues(hand), trained: this.trainedPicture(), drawing }));
      fit.dataset.ready = current ? 'true' : 'false';
    }
    if (chart) {
      const byBins = this.byBins?.key === curveKey(p) ? this.byBins.value : null;
      chart.setAttribute('viewBox', `0 0 ${this.mseBox.width} ${this.mseBox.height}`);
      renderSvg(chart, drawMseChart({ box: this.mseBox, byBins, bins: p.bins, trainedMse }));
    }
    if (handMse) handMse.textContent = formatValue(current?.mse);
    if (trainedText) trainedText.textContent = formatValue(trainedMse);
  }
}
