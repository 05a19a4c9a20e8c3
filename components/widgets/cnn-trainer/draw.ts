/**
 * Pure drawing for the CNN trainer: the accuracy and loss charts (SVG
 * markup), and pixel pictures for canvases (images, filters, feature maps,
 * the confusion matrix), each a grid of small tiles.
 */
import {
  el,
  esc,
  heatColors,
  inkColors,
  num,
  plotBox,
  stepChartSvg,
  tilesPicture,
  yScale,
  type Picture,
  type PlotBox,
  type Theme,
} from '@/components/plots';

/** The two models' colours, and dashes so they differ by more than colour. */
export const MODEL_STYLE = {
  cnn: { label: 'CNN', color: 'var(--accent)', dash: undefined },
  mlp: { label: 'MLP', color: 'var(--muted)', dash: '5 4' },
} as const;

export const ACCURACY_BOX: PlotBox = plotBox(420, 210, { top: 12, right: 14, bottom: 36, left: 48 });
export const LOSS_BOX: PlotBox = plotBox(420, 170, { top: 12, right: 14, bottom: 36, left: 48 });

export interface Curves {
  /** x of each point of `cnn` and `mlp`. */
  steps: ArrayLike<number>;
  cnn: ArrayLike<number>;
  mlp: ArrayLike<number>;
}

function chart(box: PlotBox, curves: Curves, maxStep: number, y: ReturnType<typeof yScale>, yLabel: string, yFormat?: (v: number) => string): string {
  const series = (['cnn', 'mlp'] as const).map((m) => ({ name: MODEL_STYLE[m].label, ys: curves[m], xs: curves.steps, color: MODEL_STYLE[m].color, dash: MODEL_STYLE[m].dash }));
  return stepChartSvg(box, series, y, { maxStep, yLabel, yFormat });
}

/** Test accuracy of both models against the step; the axis runs from 0.5 (or lower, if needed) to 1. */
export function drawAccuracyChart(curves: Curves, maxStep: number): string {
  let lo = 0.5;
  for (const m of ['cnn', 'mlp'] as const) for (let i = 0; i < curves[m].length; i++) if (Number.isFinite(curves[m][i])) lo = Math.min(lo, Math.floor(curves[m][i] * 10) / 10);
  const y = yScale(ACCURACY_BOX, [lo, 1]);
  return chart(ACCURACY_BOX, curves, maxStep, y, 'test accuracy', (v) => `${Math.round(v * 100)}%`);
}

/** Training cross-entropy of both models (averaged over stretches of steps). */
export function drawLossChart(curves: Curves, maxStep: number): string {
  let hi = 0.5;
  for (const m of ['cnn', 'mlp'] as const) for (let i = 0; i < curves[m].length; i++) if (Number.isFinite(curves[m][i])) hi = Math.max(hi, curves[m][i]);
  const y = yScale(LOSS_BOX, [0, Math.min(hi, 2.5)], { nice: true });
  return chart(LOSS_BOX, curves, maxStep, y, 'training loss');
}

/** One 28×28 image of unit floats as ink on paper. */
export function imagePicture(image: ArrayLike<number>, theme: Theme, side = 28): Picture {
  return tilesPicture(image, side, side, 1, { columns: 1, color: inkColors(theme), scale: () => 1 });
}

/** Class probabilities of both models as paired horizontal bars, with the class names. */
export function drawProbabilityBars(names: readonly string[], cnn: ArrayLike<number> | null, mlp: ArrayLike<number> | null): string {
  const row = 18;
  const left = 78;
  const width = 150;
  const body = names
    .map((name, k) => {
      const y = k * row;
      const bar = (p: number | undefined, dy: number, model: 'cnn' | 'mlp') =>
        p === undefined || !Number.isFinite(p)
          ? ''
          : el('rect', { x: left, y: y + dy, width: num(Math.max(0, Math.min(1, p)) * width), height: 6, style: `fill:${MODEL_STYLE[model].color}`, 'data-model': model, 'data-class': k });
      return (
        el('text', { x: left - 6, y: y + 8, 'text-anchor': 'end', dy: '0.32em', style: 'fill:var(--text)' }, esc(name)) +
        bar(cnn?.[k], 1, 'cnn') +
        bar(mlp?.[k], 8, 'mlp')
      );
    })
    .join('');
  return el('g', { style: 'font-family:var(--sans);font-size:11px' }, body);
}

/** The largest entry's index and value (the predicted class). */
export function topClass(probs: ArrayLike<number>): { k: number; p: number } {
  let k = 0;
  for (let i = 1; i < probs.length; i++) if (probs[i] > probs[k]) k = i;
  return { k, p: probs[k] };
}

export const CONFUSION_BOX = { width: 300, height: 262, left: 64, top: 8, cell: 22 } as const;

/**
 * The confusion matrix: rows true classes, columns predicted, each cell
 * shaded by the fraction of its row (so rare and common classes read
 * alike) and labelled with its count; the diagonal is what was right.
 */
export function drawConfusion(counts: ArrayLike<number>, names: readonly string[], theme: Theme): string {
  const K = names.length;
  const { left, top, cell } = CONFUSION_BOX;
  const color = heatColors(theme);
  let body = '';
  for (let r = 0; r < K; r++) {
    let total = 0;
    for (let c = 0; c < K; c++) total += counts[r * K + c];
    body += el('text', { x: left - 5, y: top + r * cell + cell / 2, dy: '0.32em', 'text-anchor': 'end', style: 'fill:var(--text)' }, esc(names[r]));
    for (let c = 0; c < K; c++) {
      const n = counts[r * K + c];
      const f = total ? n / total : 0;
      const [R, G, B] = color(f);
      body += el('rect', { x: left + c * cell, y: top + r * cell, width: cell - 1, height: cell - 1, fill: `rgb(${R},${G},${B})`, 'data-cell': `${r},${c}` });
      if (n > 0) {
        // Light text on the dark end of the scale, dark on the light end.
        const light = R * 0.299 + G * 0.587 + B * 0.114 < 140;
        body += el('text', { x: left + c * cell + (cell - 1) / 2, y: top + r * cell + (cell - 1) / 2, dy: '0.32em', 'text-anchor': 'middle', style: `fill:${light ? '#fff' : '#111'};font-size:8.5px` }, String(n));
      }
    }
  }
  const axisY = top + K * cell + 12;
  body += el('text', { x: left + (K * cell) / 2, y: axisY, 'text-anchor': 'middle', style: 'fill:var(--muted)' }, 'predicted class (same order as the rows) →');
  return el('g', { style: 'font-family:var(--sans);font-size:10px' }, body);
}
