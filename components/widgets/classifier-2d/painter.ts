/**
 * What the classifier shows between React renders: the probability field
 * on a canvas, the boundary, points and misclassified rings over it, the
 * reliability diagram, the loss curve, and the counts and rates beside them.
 * Layers that depend only on the run (axes, points) are built once per run.
 */
import { paintHeatmap } from '@/components/plots';
import { TrainingPainter } from '@/components/widgets/kit/painter';
import { confusionAt } from './calibration';
import {
  drawBoundary,
  drawFieldFrame,
  drawLossChart,
  drawPoints,
  drawReliabilityBars,
  drawReliabilityFrame,
  drawReliabilityGrid,
  drawRings,
  FIELD_BOX,
  fieldPixels,
  predictedClasses,
} from './draw';
import type { ClassifierFrame } from './model';
import { FIELD_GRID, type ClassifierParams } from './schema';

type Layer = 'frame' | 'boundary' | 'points' | 'rings' | 'relGrid' | 'relBars' | 'relFrame' | 'loss';
type Targets = Record<Layer, SVGGElement> & { canvas: HTMLCanvasElement; readout: HTMLElement };

const percent = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);

export class ClassifierPainter extends TrainingPainter<Targets, ClassifierParams, ClassifierFrame> {
  protected paint(): void {
    const data = this.primary?.data;
    if (!data) return;
    const { classes } = data;
    const t = this.targets;
    const canvas = t.canvas;
    const ctx = canvas?.getContext('2d');
    if (canvas && ctx) {
      const dpr = window.devicePixelRatio || 1;
      const w = Math.round(FIELD_BOX.width * dpr);
      if (canvas.width !== w) {
        canvas.width = w;
        canvas.height = Math.round(FIELD_BOX.height * dpr);
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      paintHeatmap(ctx, fieldPixels(data.field, classes), FIELD_GRID.nx, FIELD_GRID.ny, FIELD_BOX);
    }
    const state = { classes, points: data.points, labels: data.labels, trainProbs: data.trainProbs, weights: data.weights, tau: this.params.tau };
    const binary = classes === 2;
    this.svgFor(t.frame, 'frame', drawFieldFrame);
    this.svg(t.boundary, drawBoundary(state));
    // The points are fixed for a run: their coordinates are the key.
    this.svgFor(t.points, `${state.labels.join(',')}|${state.points.join(',')}`, () => drawPoints(state.points, state.labels));
    this.svg(t.rings, drawRings(state));
    this.svgFor(t.relGrid, 'grid', drawReliabilityGrid);
    this.svg(t.relBars, drawReliabilityBars({ confidence: data.relConfidence, frequency: data.relFrequency, count: data.relCount, binary }));
    this.svgFor(t.relFrame, `frame|${binary}`, () => drawReliabilityFrame(binary));
    this.svg(t.loss, drawLossChart(data.losses, this.params.loss === 'ce' ? 'cross-entropy' : 'squared error'));
    this.readouts(data, state);
  }

  /** The confusion counts at τ and the three rates, written into the readout's cells. */
  private readouts(data: ClassifierFrame, state: Parameters<typeof predictedClasses>[0]): void {
    const readout = this.targets.readout;
    if (!readout) return;
    const predicted = predictedClasses(state);
    let right = 0;
    predicted.forEach((k, i) => (right += k === state.labels[i] ? 1 : 0));
    const cell = (selector: string, text: string) => this.text(readout.querySelector(selector), text);
    if (data.classes === 2) {
      const c = confusionAt(state.trainProbs, state.labels, state.tau);
      for (const name of ['tn', 'fp', 'fn', 'tp'] as const) cell(`[data-cell="${name}"]`, String(c[name]));
    }
    cell('[data-metric="train-accuracy"]', percent(state.labels.length ? right / state.labels.length : null));
    cell('[data-metric="test-accuracy"]', percent(data.testAccuracy));
    cell('[data-metric="ece"]', data.ece.toFixed(3));
  }
}
