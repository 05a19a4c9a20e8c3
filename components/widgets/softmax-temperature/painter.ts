/**
 * What the softmax widget shows between React renders: the logits as bars
 * (the selected one marked) and the engine's probabilities for them.
 */
import { Painter } from '@/components/widgets/kit/painter';
import { drawLogits, drawProbabilities } from './draw';
import type { SoftmaxReport } from './model';
import type { SoftmaxParams } from './schema';

type Targets = { logits: SVGSVGElement; probs: SVGSVGElement };

export class SoftmaxPainter extends Painter<Targets, SoftmaxParams> {
  /** The engine's answer for the current logits and temperature (null until it comes). */
  report: SoftmaxReport | null = null;
  selected = 0;

  protected paint(): void {
    const { logits, naive } = this.params;
    const K = logits.length;
    this.svg(this.targets.logits, drawLogits({ logits, selected: Math.min(this.selected, K - 1) }));
    const report = this.report;
    // A report for another number of logits is stale: draw nothing rather than the wrong bars.
    const matches = report && report.probs.length === K;
    this.svg(this.targets.probs, matches ? drawProbabilities({ probs: report.probs, naive: naive ? report.naiveProbs : null }) : '');
  }
}
