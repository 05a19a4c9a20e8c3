/** What the tape viewer draws between React renders: its memory bars, at the width they are shown. */
import { Painter } from '@/components/widgets/kit/painter';
import { barsHeight, drawMemoryBars } from './draw';
import type { TapeReport } from './model';
import type { TapeParams } from './schema';

type Targets = { bars: SVGSVGElement };

export class TapePainter extends Painter<Targets, TapeParams> {
  report: TapeReport | null = null;
  width = 520;

  protected paint(): void {
    const svg = this.targets.bars;
    if (!svg) return;
    const checkpointed = this.params.checkpoint !== 'none';
    const viewBox = `0 0 ${this.width} ${barsHeight(checkpointed, this.width)}`;
    if (svg.getAttribute('viewBox') !== viewBox) svg.setAttribute('viewBox', viewBox);
    const r = this.report;
    this.svg(svg, drawMemoryBars({ cost: r?.cost ?? null, plain: r?.plain ?? null, checkpointed }, this.width));
  }
}
