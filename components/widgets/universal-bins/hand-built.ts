/**
 * The hand-built network the page shows beside the trained one: asked of
 * the worker (any run of the widget can answer) only when the target, B or
 * w changed, the latest parameters winning while requests are in flight.
 */
import type { RunHandle } from '@/workers/client';
import type { Models } from '@/workers/models.generated';
import type { HandBuilt } from './model';
import { targetSpecOf, type BinsParams } from './schema';

export const targetKey = (p: BinsParams) => JSON.stringify(targetSpecOf(p));
export const handKey = (p: BinsParams) => JSON.stringify([targetSpecOf(p), p.bins, p.steepness]);
export const curveKey = (p: BinsParams) => JSON.stringify([targetSpecOf(p), p.steepness]);

type Run = RunHandle<Models['universal-bins']>;

export class HandBuiltSource {
  /** The latest hand-built network, with what it was built for. */
  hand: { key: string; target: string; value: HandBuilt } | null = null;
  /** Its MSE for every B at one w. */
  byBins: { key: string; value: Float32Array } | null = null;
  private fetching = false;

  constructor(
    private readonly params: () => BinsParams,
    /** A live run to ask (the current one: parameters may have reopened the runs). */
    private readonly run: () => Promise<Run | undefined>,
    /** Called when something new arrived. */
    private readonly changed: () => void,
  ) {}

  /**
   * Asks for whatever is out of date, until nothing is. A run closed under
   * a request (new parameters reopen the runs) is retried on the current one.
   */
  async fetch(handle?: Run): Promise<void> {
    if (this.fetching) return;
    this.fetching = true;
    let failures = 0;
    try {
      for (;;) {
        const p = this.params();
        const wantHand = this.hand?.key !== handKey(p);
        const wantCurve = this.byBins?.key !== curveKey(p);
        if (!wantHand && !wantCurve) break;
        try {
          const run = handle?.alive ? handle : await this.run();
          if (!run) break;
          const target = targetSpecOf(p);
          if (wantHand) {
            this.hand = { key: handKey(p), target: targetKey(p), value: await run.evaluate('hand', { target, bins: p.bins, steepness: p.steepness }) };
            this.changed();
          }
          if (wantCurve && curveKey(this.params()) === curveKey(p)) {
            this.byBins = { key: curveKey(p), value: await run.evaluate('mseByBins', { target, steepness: p.steepness }) };
            this.changed();
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
}
