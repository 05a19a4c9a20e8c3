// Dense fields as RGBA pixels for a canvas: one pixel per grid cell, top
// row first (canvas order), so the caller scales the image to the plot and
// lets the browser interpolate. Pure except for paintHeatmap.
import { fieldColors, rgbBytes, type Interpolator, type Theme } from './colour';
import { assertFieldSize, fieldNormalizer, fieldStats, type FieldScaleMode, type Grid } from './grid';
import { innerRect, type PlotBox, type Rect } from './scales';

export type Pixels = Uint8ClampedArray<ArrayBuffer>;
type GridSize = Pick<Grid, 'nx' | 'ny'>;

export interface FieldPixelOptions {
  /** Values mapped to the ends of the colour scale; default the finite extent. Outside values clamp. */
  domain?: readonly [number, number];
  mode?: FieldScaleMode;
  decades?: number;
  theme?: Theme;
  colors?: Interpolator;
}

/** Canvas row r (top first) holds grid row ny − 1 − r (grid rows run bottom-up). */
function pixelIndex(grid: GridSize, cell: number): number {
  const i = cell % grid.nx;
  const j = (cell - i) / grid.nx;
  return 4 * ((grid.ny - 1 - j) * grid.nx + i);
}

/**
 * A sequential colour per cell through a 256-entry lookup table.
 * NaN cells are transparent (no data); ±Infinity take the end colours.
 */
export function fieldPixels(field: ArrayLike<number>, grid: GridSize, options: FieldPixelOptions = {}): Pixels {
  assertFieldSize(field, grid);
  const pixels = new Uint8ClampedArray(field.length * 4);
  const extent = options.domain ?? fieldStats(field).extent;
  if (!extent) return pixels;
  const { toUnit } = fieldNormalizer(extent, options.mode ?? 'linear', options.decades);
  const colors = options.colors ?? fieldColors(options.theme ?? 'light');
  const table = new Uint8Array(256 * 3);
  for (let k = 0; k < 256; k++) table.set(rgbBytes(colors(k / 255)), 3 * k);
  for (let cell = 0; cell < field.length; cell++) {
    const v = field[cell];
    if (Number.isNaN(v)) continue;
    const t = v === Infinity ? 1 : v === -Infinity ? 0 : toUnit(v);
    const k = 3 * Math.round(t * 255);
    const p = pixelIndex(grid, cell);
    pixels[p] = table[k];
    pixels[p + 1] = table[k + 1];
    pixels[p + 2] = table[k + 2];
    pixels[p + 3] = 255;
  }
  return pixels;
}

export interface DecisionPixelOptions {
  /** Opacity of a fully certain cell, in [0, 1]. Default 0.75, so points drawn on top stay legible. */
  strength?: number;
}

/**
 * A classifier's decision field. Each cell's colour is the probability-
 * weighted mix of the class colours, and its opacity is the certainty
 *   c = (max_k p_k − 1/K) / (1 − 1/K),
 * so a cell on the boundary (all classes equally likely) is transparent and
 * the page background shows through in either theme.
 *
 * `probs` is either K values per cell (cell-major: probs[cell·K + k]) for
 * K = classColors.length, or, with two colours, one value per cell: p(class 1).
 * Cells with a non-finite or all-zero probability are transparent.
 */
export function decisionPixels(
  probs: ArrayLike<number>,
  grid: GridSize,
  classColors: readonly string[],
  options: DecisionPixelOptions = {},
): Pixels {
  const cells = grid.nx * grid.ny;
  const binary = classColors.length === 2 && probs.length === cells;
  const K = classColors.length;
  if (K < 2) throw new Error('a decision field needs at least two class colours');
  if (!binary) assertFieldSize(probs, grid, K);
  const colors = classColors.map(rgbBytes);
  const strength = Math.min(1, Math.max(0, options.strength ?? 0.75));
  const pixels = new Uint8ClampedArray(cells * 4);
  const p = new Float64Array(K);
  for (let cell = 0; cell < cells; cell++) {
    if (binary) {
      p[1] = probs[cell];
      p[0] = 1 - p[1];
    } else {
      for (let k = 0; k < K; k++) p[k] = probs[cell * K + k];
    }
    let sum = 0;
    let max = 0;
    let finite = true;
    for (let k = 0; k < K; k++) {
      if (!Number.isFinite(p[k])) finite = false;
      p[k] = Math.max(0, p[k]);
      sum += p[k];
      max = Math.max(max, p[k]);
    }
    if (!finite || !(sum > 0)) continue;
    let r = 0;
    let g = 0;
    let b = 0;
    for (let k = 0; k < K; k++) {
      const w = p[k] / sum;
      r += w * colors[k][0];
      g += w * colors[k][1];
      b += w * colors[k][2];
    }
    const certainty = (max / sum - 1 / K) / (1 - 1 / K);
    const o = pixelIndex(grid, cell);
    pixels[o] = r;
    pixels[o + 1] = g;
    pixels[o + 2] = b;
    pixels[o + 3] = Math.round(255 * strength * certainty);
  }
  return pixels;
}

const scratch = new WeakMap<CanvasRenderingContext2D, OffscreenCanvas | HTMLCanvasElement>();

/**
 * Draw w×h pixels stretched over `rect` (default: the box's inner rect,
 * i.e. the grid extent equals the scales' domain). The caller owns the
 * canvas size and device-pixel-ratio transform. The only DOM-touching
 * function here; not unit-tested.
 */
export function paintHeatmap(
  ctx: CanvasRenderingContext2D,
  pixels: Pixels,
  w: number,
  h: number,
  box: PlotBox,
  options: { rect?: Rect; smooth?: boolean; clear?: boolean } = {},
): void {
  const rect = options.rect ?? innerRect(box);
  let source = scratch.get(ctx);
  if (!source || source.width !== w || source.height !== h) {
    source = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(w, h) : document.createElement('canvas');
    source.width = w;
    source.height = h;
    scratch.set(ctx, source);
  }
  const sourceCtx = source.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
  if (!sourceCtx) return;
  sourceCtx.putImageData(new ImageData(pixels, w, h), 0, 0);
  ctx.save();
  if (options.clear ?? true) ctx.clearRect(0, 0, box.width, box.height);
  ctx.imageSmoothingEnabled = options.smooth ?? true;
  ctx.drawImage(source, rect.left, rect.top, rect.right - rect.left, rect.bottom - rect.top);
  ctx.restore();
}
