/**
 * What the CNN trainer shows between React renders: both models' curves,
 * the CNN's first-layer filters, the chosen image's feature maps and class
 * probabilities, the confusion matrix and the readouts; and the
 * probabilities for the reader's drawing when the view asks the run.
 */
import { TrainingPainter } from '@/components/widgets/kit/painter';
import { FASHION_CLASSES, FASHION_CLASSES_SHORT } from '@/components/widgets/shared/fashion/classes';
import { heatColors, putPicture, signedColors, tilesPicture } from '@/components/plots';
import { drawAccuracyChart, drawConfusion, drawLossChart, drawProbabilityBars, imagePicture, topClass } from './draw';
import type { CnnTrainerFrame, Prediction } from './model';
import { MAX_STEPS, type CnnTrainerParams } from './schema';

type Svgs = 'accuracy' | 'loss' | 'confusion' | 'probeBars' | 'drawnBars';
type Canvases = 'filters' | 'probe' | 'maps1' | 'maps2';
type Targets = Record<Svgs, SVGGElement> & Record<Canvases, HTMLCanvasElement> & { readout: HTMLElement; verdict: HTMLElement };

/** The loss curve's points are averages over this many steps (model.ts LOSS_EVERY). */
const LOSS_EVERY = 20;

const percent = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : `${(100 * v).toFixed(1)}%`);

export class CnnTrainerPainter extends TrainingPainter<Targets, CnnTrainerParams, CnnTrainerFrame> {
  /** What the models make of the reader's drawing (null: nothing drawn, or no run yet). */
  drawn: Prediction | null = null;
  private pictured: CnnTrainerFrame | null = null;

  setDrawn(prediction: Prediction | null): void {
    this.drawn = prediction;
    this.request();
  }

  protected forget(): void {
    this.pictured = null;
  }

  protected paint(): void {
    const t = this.targets;
    const theme = this.theme();
    this.svg(t.drawnBars, drawProbabilityBars(FASHION_CLASSES_SHORT, this.drawn?.cnn ?? null, this.drawn?.mlp ?? null));
    const data = this.primary?.data;
    if (!data) return;
    const lastStep = data.evalSteps.length ? data.evalSteps[data.evalSteps.length - 1] : 0;
    const steps = Math.max(this.primary?.step ?? 0, lastStep);
    const xMax = Math.min(MAX_STEPS, Math.max(1000, steps));
    // The curves grow by a point every EVAL_EVERY (accuracy) or LOSS_EVERY (loss) steps: redrawn only then.
    this.svgFor(t.accuracy, `${data.evalSteps.length}|${data.cnn.accuracy.at(-1)}|${xMax}`, () =>
      drawAccuracyChart({ steps: data.evalSteps, cnn: data.cnn.accuracy, mlp: data.mlp.accuracy }, xMax),
    );
    this.svgFor(t.loss, `${data.cnn.loss.length}|${data.cnn.loss.at(-1)}|${xMax}`, () =>
      drawLossChart({ steps: Float32Array.from(data.cnn.loss, (_, i) => (i + 1) * LOSS_EVERY), cnn: data.cnn.loss, mlp: data.mlp.loss }, xMax),
    );
    const confusion = this.params.confusion === 'cnn' ? data.cnn.confusion : data.mlp.confusion;
    this.svgFor(t.confusion, `${this.params.confusion}|${theme}|${confusion.join(',')}`, () => drawConfusion(confusion, FASHION_CLASSES_SHORT, theme));
    // Bars move by sub-pixel amounts most frames: redrawn when a bar moves by 0.2% of its length.
    const barsKey = [...data.cnn.probeProbs, ...data.mlp.probeProbs].map((p) => Math.round(p * 500)).join(',');
    this.svgFor(t.probeBars, barsKey, () => drawProbabilityBars(FASHION_CLASSES_SHORT, data.cnn.probeProbs, data.mlp.probeProbs));
    if (this.pictured !== data) {
      this.pictured = data;
      putPicture(t.filters, tilesPicture(data.filters, 3, 3, 8, { columns: 8, color: signedColors(theme), gapColor: [128, 128, 128] }));
      putPicture(t.probe, imagePicture(data.probeImage, theme));
      const heat = heatColors(theme);
      putPicture(t.maps1, tilesPicture(data.maps1, 14, 14, 8, { columns: 4, color: heat, gapColor: [128, 128, 128] }));
      putPicture(t.maps2, tilesPicture(data.maps2, 7, 7, 16, { columns: 8, color: heat, gapColor: [128, 128, 128] }));
    }
    this.readouts(data);
  }

  private readouts(data: CnnTrainerFrame): void {
    const readout = this.targets.readout;
    if (!readout) return;
    const cell = (name: string, text: string, value?: number) => {
      const target = readout.querySelector<HTMLElement>(`[data-metric="${name}"]`);
      this.text(target, text);
      // The number itself, for tests and `npm run bench:ui`.
      if (value !== undefined) this.dataAttr(target, 'value', Number.isFinite(value) ? String(value) : null);
    };
    cell('cnn-accuracy', percent(data.cnn.accuracy.at(-1)), data.cnn.accuracy.at(-1));
    cell('mlp-accuracy', percent(data.mlp.accuracy.at(-1)), data.mlp.accuracy.at(-1));
    // With no shift chosen there is nothing more to report than the row above.
    const shifted = (v: number) => (data.shift === 0 ? undefined : v);
    cell('cnn-shifted', percent(shifted(data.cnn.shiftedAccuracy)), shifted(data.cnn.shiftedAccuracy) ?? NaN);
    cell('mlp-shifted', percent(shifted(data.mlp.shiftedAccuracy)), shifted(data.mlp.shiftedAccuracy) ?? NaN);
    cell('cnn-parameters', data.parameters.cnn.toLocaleString('en'));
    cell('mlp-parameters', data.parameters.mlp.toLocaleString('en'));
    const cnnTop = topClass(data.cnn.probeProbs);
    const mlpTop = topClass(data.mlp.probeProbs);
    this.text(this.targets.verdict, `CNN: ${FASHION_CLASSES[cnnTop.k]} (${percent(cnnTop.p)}); MLP: ${FASHION_CLASSES[mlpTop.k]} (${percent(mlpTop.p)})`);
  }
}
