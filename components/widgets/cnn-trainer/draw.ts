/**
 * Pure drawing for the CNN trainer: the accuracy and loss charts (SVG
 * markup), and pixel pictures for canvases (images, filters, feature maps,
 * the confusion matrix), each a grid of small tiles.
 */
import { interpolateLab } from 'd3';
import {
  axes,
  BACKGROUND,
  el,
  esc,
  fieldColors,
  gridLines,
  linePaths,
  linesSvg,
  num,
  plotBox,
  rgbBytes,
  xScale,
  yScale,
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
  const x = xScale(box, [0, Math.max(maxStep, 1)], { nice: true });
  const series = (['cnn', 'mlp'] as const).map((m) => ({ name: MODEL_STYLE[m].label, ys: curves[m], xs: curves.steps, color: MODEL_STYLE[m].color, dash: MODEL_STYLE[m].dash }));
  return (
    gridLines(box, null, y) +
    linesSvg(linePaths(series, x, y)) +
    axes(box, x, y, { x: { label: 'step' }, y: { label: yLabel, format: yFormat } })
  );
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

/** A picture for a canvas: width × height RGBA pixels. */
export interface Picture {
  width: number;
  height: number;
  pixels: Uint8ClampedArray<ArrayBuffer>;
}

type Rgb = readonly [number, number, number];

/** One colour function per theme and scheme, built once (a table of 256 colours is not free). */
function perTheme(make: (theme: Theme) => (t: number) => Rgb): (theme: Theme) => (t: number) => Rgb {
  const made = new Map<Theme, (t: number) => Rgb>();
  return (theme) => {
    let f = made.get(theme);
    if (!f) made.set(theme, (f = make(theme)));
    return f;
  };
}

/** Ink on paper: 0 is the page's background, 1 the text colour (dark ink in the light theme, light in the dark). */
export const inkColors = perTheme((theme) => {
  const paper = rgbBytes(BACKGROUND[theme]);
  const ink: Rgb = theme === 'light' ? [28, 28, 32] : [236, 236, 230];
  return (t) => {
    const u = Math.min(1, Math.max(0, t));
    return [0, 1, 2].map((c) => Math.round(paper[c] + (ink[c] - paper[c]) * u)) as unknown as Rgb;
  };
});

/** Sequential (viridis, washed for the theme) for values ≥ 0, through a 256-entry table. */
export const heatColors = perTheme((theme) => {
  const f = fieldColors(theme);
  const table = Array.from({ length: 256 }, (_, k) => rgbBytes(f(k / 255)));
  return (t) => table[Math.round(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * 255)];
});

/** Diverging for signed weights: negative blue, zero the background, positive orange. */
export const signedColors = perTheme((theme) => {
  const bg = BACKGROUND[theme];
  const neg = interpolateLab(bg, theme === 'light' ? '#2166ac' : '#6aaee8');
  const pos = interpolateLab(bg, theme === 'light' ? '#c4541b' : '#f39a52');
  const table = Array.from({ length: 257 }, (_, k) => {
    const t = (k - 128) / 128;
    return rgbBytes(t < 0 ? neg(-t) : pos(t));
  });
  return (t) => table[128 + Math.round(Math.min(1, Math.max(-1, Number.isFinite(t) ? t : 0)) * 128)];
});

export interface TileOptions {
  /** Tiles per row. */
  columns: number;
  /** Background pixels between tiles. */
  gap?: number;
  /** Value → colour; values are first divided by `scale`. */
  color: (t: number) => Rgb;
  /** Per tile: what maps to the end of the colour scale. Default: each tile's largest |value|. */
  scale?: (tile: number) => number;
  gapColor?: Rgb;
}

/**
 * `count` tiles of h × w values laid out in a grid. Values are read
 * channels-last: value (r, c) of tile k is data[(r·w + c)·count + k], as
 * the engine's NHWC maps and HWIO filters store them.
 */
export function tilesPicture(data: ArrayLike<number>, h: number, w: number, count: number, options: TileOptions): Picture {
  const { columns, gap = 1 } = options;
  const rows = Math.ceil(count / columns);
  const width = columns * w + (columns - 1) * gap;
  const height = rows * h + (rows - 1) * gap;
  const pixels = new Uint8ClampedArray(width * height * 4);
  const gapColor = options.gapColor;
  if (gapColor) for (let p = 0; p < width * height; p++) pixels.set([...gapColor, 255], 4 * p);
  for (let k = 0; k < count; k++) {
    let scale = options.scale?.(k) ?? 0;
    if (!options.scale) for (let i = 0; i < h * w; i++) scale = Math.max(scale, Math.abs(data[i * count + k]));
    const x0 = (k % columns) * (w + gap);
    const y0 = Math.floor(k / columns) * (h + gap);
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const v = data[(r * w + c) * count + k];
        const [R, G, B] = options.color(scale > 0 ? v / scale : 0);
        const p = 4 * ((y0 + r) * width + x0 + c);
        pixels[p] = R;
        pixels[p + 1] = G;
        pixels[p + 2] = B;
        pixels[p + 3] = 255;
      }
    }
  }
  return { width, height, pixels };
}

/** One 28×28 image of unit floats as ink on paper. */
export function imagePicture(image: ArrayLike<number>, theme: Theme, side = 28): Picture {
  return tilesPicture(image, side, side, 1, { columns: 1, color: inkColors(theme), scale: () => 1 });
}

/**
 * The confusion matrix as a picture, one pixel per cell: each row
 * (true class) scaled by its count, so a cell's shade is the fraction of
 * that class predicted as the column's class.
 */
export function confusionPicture(counts: ArrayLike<number>, classes: number, theme: Theme): Picture {
  const fractions = new Float32Array(classes * classes);
  for (let r = 0; r < classes; r++) {
    let total = 0;
    for (let c = 0; c < classes; c++) total += counts[r * classes + c];
    for (let c = 0; c < classes; c++) fractions[r * classes + c] = total ? counts[r * classes + c] / total : 0;
  }
  return tilesPicture(fractions, classes, classes, 1, { columns: 1, color: heatColors(theme), scale: () => 1 });
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
