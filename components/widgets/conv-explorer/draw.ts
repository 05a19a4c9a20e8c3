/**
 * Pure drawing for conv-explorer: the image (with its ring of zero padding),
 * the feature maps as pixel grids, the window an output pixel reads, and the
 * sentences the readouts say. State in, SVG markup or text out.
 *
 * Every panel is a BOX × BOX square in input pixels with its grid centred
 * in it. A map of 28 or more pixels a side is drawn at the input's pixel
 * size; a smaller one (stride shrinks it) is stretched to the input's
 * width, so its pixels look as coarse as they are. Colours are theme variables:
 * ink is `--text` over `--bg`, a map's negative values `--conv-neg` and its
 * positive ones `--conv-pos` (styles.module.css sets both per theme), each
 * faded toward the page by |v| / scale, so a zero is the page itself.
 */
import { formatValue, withMinus } from '@/components/ui/format';
import { el, num } from '@/components/plots/svg';
import { IMAGE_SIZE, receptiveSizes, span, type ConvSettings } from './geometry';

/** Pixels across a panel: the largest grid (layer 2 at padding 3 is 36 × 36). */
export const BOX = 36;

export interface GridPlace {
  /** Side of one pixel of the grid, in input pixels. */
  cell: number;
  /** Where the grid starts in its panel (rows and columns alike). */
  origin: number;
}

/** Where a grid of `size` pixels a side sits in its panel, and how big its pixels are. */
export function gridOf(size: number): GridPlace {
  const cell = size >= IMAGE_SIZE ? 1 : IMAGE_SIZE / size;
  return { cell, origin: (BOX - size * cell) / 2 };
}

export const VIEW_BOX = `0 0 ${BOX} ${BOX}`;

/** Below this share of the scale a pixel is not drawn: it would be the page colour anyway. */
const FAINT = 1 / 255;

/** Pixel (row, col) of a grid placed at g. */
function pixel(g: GridPlace, row: number, col: number, style: string, extra: Record<string, string | number> = {}): string {
  return el('rect', { x: g.origin + col * g.cell, y: g.origin + row * g.cell, width: g.cell, height: g.cell, style, ...extra });
}

/**
 * The image with the zeros padding adds around it: a dashed ring of
 * `padding` pixels on each side, then the 28 × 28 image, ink in the text
 * colour with opacity = value.
 */
export function drawImage(image: ArrayLike<number>, padding: number, n = IMAGE_SIZE): string {
  const g = gridOf(n);
  const o = g.origin;
  let out = '';
  if (padding > 0) {
    out += el('rect', { x: o - padding, y: o - padding, width: n + 2 * padding, height: n + 2 * padding, class: 'padding', style: 'fill:var(--surface-2);stroke:var(--muted);stroke-dasharray:0.5 0.5', 'stroke-width': 0.12 });
  }
  out += el('rect', { x: o, y: o, width: n, height: n, style: 'fill:var(--bg)' });
  let ink = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = Math.min(1, Math.max(0, image[r * n + c]));
      if (v >= FAINT) ink += pixel(g, r, c, `fill-opacity:${num(v, 3)}`);
    }
  }
  out += el('g', { style: 'fill:var(--text)', 'shape-rendering': 'crispEdges' }, ink);
  return out + el('rect', { x: o, y: o, width: n, height: n, style: 'fill:none;stroke:var(--border)', 'stroke-width': 0.1 });
}

/** The largest |v| of some maps, at least a small positive number (a blank map keeps a scale). */
export function mapScale(...maps: ArrayLike<number>[]): number {
  let scale = 1e-6;
  for (const m of maps) for (let k = 0; k < m.length; k++) if (Number.isFinite(m[k])) scale = Math.max(scale, Math.abs(m[k]));
  return scale;
}

/** A feature map on the diverging scale: negative in --conv-neg, positive in --conv-pos, opacity |v| / scale. */
export function drawMap(values: ArrayLike<number>, size: number, scale: number): string {
  const g = gridOf(size);
  const [o, extent] = [g.origin, size * g.cell];
  let neg = '';
  let pos = '';
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const v = values[r * size + c];
      if (!Number.isFinite(v)) continue;
      const t = Math.min(1, Math.abs(v) / scale);
      if (t < FAINT) continue;
      const cell = pixel(g, r, c, `fill-opacity:${num(t, 3)}`);
      if (v < 0) neg += cell;
      else pos += cell;
    }
  }
  return (
    el('rect', { x: o, y: o, width: extent, height: extent, style: 'fill:var(--bg)' }) +
    el('g', { style: 'fill:var(--conv-neg)', 'shape-rendering': 'crispEdges' }, neg) +
    el('g', { style: 'fill:var(--conv-pos)', 'shape-rendering': 'crispEdges' }, pos) +
    el('rect', { x: o, y: o, width: extent, height: extent, style: 'fill:none;stroke:var(--border)', 'stroke-width': 0.1 })
  );
}

/** Dots on the map's pixels that differ from the original map moved (the shift readout's pixels). */
export function drawDiffers(differs: ArrayLike<number>, size: number): string {
  const { origin: o, cell } = gridOf(size);
  let out = '';
  for (let k = 0; k < differs.length; k++) {
    if (!differs[k]) continue;
    out += el('circle', { cx: o + ((k % size) + 0.5) * cell, cy: o + (Math.floor(k / size) + 0.5) * cell, r: 0.05 + 0.15 * cell, class: 'differs' });
  }
  return el('g', { style: 'fill:var(--text)' }, out);
}

export interface FieldCell {
  row: number;
  col: number;
  /** How many paths reach this pixel (1 for a single layer). */
  paths?: number;
}

/**
 * The pixels a selected output pixel reads, on a grid of `gridSize`: each
 * tinted in the accent colour (deeper where more paths reach it) and
 * outlined, with the box they span around them.
 */
export function drawField(cells: readonly FieldCell[], gridSize: number): string {
  if (cells.length === 0) return '';
  const g = gridOf(gridSize);
  const most = Math.max(...cells.map((c) => c.paths ?? 1));
  let out = '';
  let [top, left, bottom, right] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const cell of cells) {
    const opacity = 0.25 + 0.45 * ((cell.paths ?? 1) / most);
    out += pixel(g, cell.row, cell.col, `fill-opacity:${num(opacity, 3)}`, { class: 'field', 'data-paths': cell.paths ?? 1 });
    top = Math.min(top, cell.row);
    left = Math.min(left, cell.col);
    bottom = Math.max(bottom, cell.row + 1);
    right = Math.max(right, cell.col + 1);
  }
  return (
    el('g', { style: 'fill:var(--accent);stroke:var(--accent);stroke-opacity:0.9', 'stroke-width': 0.08 }, out) +
    el('rect', { x: g.origin + left * g.cell, y: g.origin + top * g.cell, width: (right - left) * g.cell, height: (bottom - top) * g.cell, class: 'field-box', style: 'fill:none;stroke:var(--accent)', 'stroke-width': 0.25 })
  );
}

/** One pixel ringed: the selected output pixel, or the drawing cursor. */
export function drawRing(row: number, col: number, gridSize: number, kind: 'selected' | 'cursor'): string {
  const { origin: o, cell } = gridOf(gridSize);
  const style = kind === 'selected' ? 'fill:none;stroke:var(--accent)' : 'fill:none;stroke:var(--text);stroke-dasharray:0.3 0.2';
  return el('rect', { x: o + col * cell - 0.15, y: o + row * cell - 0.15, width: cell + 0.3, height: cell + 0.3, class: kind, style, 'stroke-width': 0.3 });
}

/** The shift readout: an equal shift at stride 1, no whole-pixel shift at a larger stride. */
export function shiftSentence(check: { offset: number; maxDifference: number; compared: number }, stride: number): string {
  const diff = check.maxDifference.toFixed(3);
  if (check.compared === 0) return 'No pixel of the map is far enough from the border to compare.';
  if (check.maxDifference <= 1e-5) {
    return check.offset === 1
      ? `Map shifted by 1 pixel: equal to the original map shifted (max difference ${diff} away from the border).`
      : `The map did not change (max difference ${diff}): there is nothing here for the shift to move.`;
  }
  return stride === 1
    ? `Not a shift of the original map (max difference ${diff}).`
    : `Not a shift of the original map: moved by 0 or by 1 pixel, it still differs by up to ${diff}. At stride ${stride} one input pixel is 1/${stride} of a map pixel.`;
}

/** What a selected layer-1 pixel reads. */
export function layer1Sentence(i: number, j: number, value: number, settings: ConvSettings): string {
  const [r1] = receptiveSizes(settings);
  const spread = settings.dilation > 1 ? `, spread over ${r1} × ${r1} by dilation ${settings.dilation}` : '';
  return withMinus(`Layer 1, row ${i}, column ${j} = ${formatValue(value)}: it reads 3 × 3 input pixels${spread}. Receptive field ${r1} × ${r1}.`);
}

/** What a selected layer-2 pixel reads, through layer 1. */
export function layer2Sentence(i: number, j: number, value: number, settings: ConvSettings, most: number): string {
  const [r1, r2] = receptiveSizes(settings);
  const s = settings.stride;
  const growth = `r₂ = ${r1} + (${r1} − 1)·${s} = ${r2}`;
  const reach = most > 1 ? ` Darker pixels are reached by more paths (up to ${most}): the field’s centre counts most.` : '';
  return withMinus(`Layer 2, row ${i}, column ${j} = ${formatValue(value)}: it reads 3 × 3 pixels of layer 1, which together read ${r2} × ${r2} input pixels (${growth}).${reach}`);
}

/** The receptive field sizes in one line, for the caption under the panels. */
export function fieldSizesText(settings: ConvSettings): string {
  const [r1, r2] = receptiveSizes(settings);
  const atStride1 = settings.stride === 1 ? `; at stride 1 that is 1 + 2·d·(k − 1) = ${1 + 2 * settings.dilation * 2}` : '';
  return withMinus(`Receptive field: ${r1} × ${r1} after one layer (k_eff = d·(k − 1) + 1 = ${span(settings.dilation)}), ${r2} × ${r2} after two${atStride1}.`);
}
