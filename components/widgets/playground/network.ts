/**
 * The network drawn as layers: a column per layer, each unit a thumbnail of
 * its own field over the input plane, and an edge per weight whose colour
 * is its sign and whose width is its size. Layout and edges are pure
 * (tested in Node); `paintNetwork` is the canvas adapter.
 */
import { BACKGROUND, type Pixels, type Theme } from '@/components/plots';
import { DIVERGING, unitPixelsInto } from './draw';

/** Logical width of the diagram; its height follows the widest column. */
export const NETWORK_WIDTH = 560;
const PAD_X = 22;
const PAD_Y = 12;

export interface UnitPlace {
  /** 0 = the inputs, 1 … L = hidden layers, L + 1 = the outputs. */
  column: number;
  unit: number;
  /** Centre and side of the unit's square, in logical pixels. */
  x: number;
  y: number;
  size: number;
}

export interface NetworkLayout {
  width: number;
  height: number;
  /** Layer sizes from the inputs (2) to the outputs (classes). */
  sizes: number[];
  columns: UnitPlace[][];
}

/** Unit side and gap for a column of `units` (small thumbnails for wide layers). */
function unitSide(units: number): { size: number; gap: number } {
  if (units <= 4) return { size: 38, gap: 14 };
  if (units <= 8) return { size: 32, gap: 10 };
  if (units <= 16) return { size: 22, gap: 5 };
  return { size: 14, gap: 3 };
}

export function networkLayout(sizes: readonly number[]): NetworkLayout {
  const widest = Math.max(...sizes);
  const { size, gap } = unitSide(widest);
  const height = Math.max(150, 2 * PAD_Y + widest * size + (widest - 1) * gap);
  const spacing = (NETWORK_WIDTH - 2 * PAD_X - size) / Math.max(1, sizes.length - 1);
  const columns = sizes.map((count, column) => {
    const x = PAD_X + size / 2 + column * spacing;
    const span = count * size + (count - 1) * gap;
    const top = (height - span) / 2;
    return Array.from({ length: count }, (_, unit) => ({ column, unit, x, y: top + unit * (size + gap) + size / 2, size }));
  });
  return { width: NETWORK_WIDTH, height, sizes: [...sizes], columns };
}

/** The unit under a point (logical pixels), or the nearest one in that column within reach. */
export function unitAt(layout: NetworkLayout, px: number, py: number): UnitPlace | null {
  let best: UnitPlace | null = null;
  let bestDistance = Infinity;
  for (const column of layout.columns) {
    for (const u of column) {
      const dx = Math.abs(px - u.x);
      const dy = Math.abs(py - u.y);
      if (dx > u.size / 2 + 6 || dy > u.size / 2 + 6) continue;
      const d = dx + dy;
      if (d < bestDistance) {
        best = u;
        bestDistance = d;
      }
    }
  }
  return best;
}

/** An output unit is a dot of radius size / OUTPUT_DOT in its class colour. */
export const OUTPUT_DOT = 2.6;

/** How many width levels edges are drawn in; each level × sign is one canvas path. */
export const EDGE_LEVELS = 6;

export interface EdgeBucket {
  sign: 0 | 1;
  level: number;
  /** Line width in logical pixels. */
  width: number;
  opacity: number;
  /** x1, y1, x2, y2 per edge. */
  lines: number[];
}

/** Between two layers with more weights than this, only those above the mean size are drawn. */
export const DENSE_EDGES = 256;

/**
 * Every weight as an edge from the right side of its source unit to the left
 * side of its target, grouped by sign and by |w| into EDGE_LEVELS widths
 * (|w| ≥ 2 is the widest). Weights come layer after layer, each out × in.
 * Between wide layers (more than DENSE_EDGES weights) only the weights at
 * least as large as their mean |w| are drawn: a thousand hairlines hide the
 * few that matter. Non-finite weights are not drawn.
 */
export function edgeBuckets(layout: NetworkLayout, weights: Float32Array): EdgeBucket[] {
  const buckets: EdgeBucket[] = [];
  for (let sign = 0; sign < 2; sign++) {
    for (let level = 0; level < EDGE_LEVELS; level++) {
      const t = (level + 1) / EDGE_LEVELS;
      buckets.push({ sign: sign as 0 | 1, level, width: 0.4 + 3.2 * t * t, opacity: 0.25 + 0.65 * t, lines: [] });
    }
  }
  const many = layout.sizes.some((s) => s > 16);
  const last = layout.columns.length - 1;
  let offset = 0;
  for (let l = 0; l + 1 < layout.columns.length; l++) {
    const from = layout.columns[l];
    const to = layout.columns[l + 1];
    // Output units are dots of radius size/OUTPUT_DOT, hidden ones squares.
    const inset = (u: UnitPlace) => (l + 1 === last ? u.size / OUTPUT_DOT : u.size / 2);
    const count = from.length * to.length;
    const floor = count > DENSE_EDGES ? meanAbs(weights, offset, count) : 0;
    for (let o = 0; o < to.length; o++) {
      for (let i = 0; i < from.length; i++) {
        const w = weights[offset + o * from.length + i];
        if (!Number.isFinite(w) || Math.abs(w) < floor) continue;
        const level = Math.min(EDGE_LEVELS - 1, Math.floor((Math.abs(w) / 2) * EDGE_LEVELS));
        const bucket = buckets[(w < 0 ? 0 : 1) * EDGE_LEVELS + level];
        bucket.lines.push(from[i].x + from[i].size / 2, from[i].y, to[o].x - inset(to[o]), to[o].y);
      }
    }
    offset += from.length * to.length;
  }
  if (many) for (const b of buckets) b.opacity *= 0.6;
  return buckets.filter((b) => b.lines.length > 0);
}

function meanAbs(values: Float32Array, offset: number, count: number): number {
  let sum = 0;
  let n = 0;
  for (let k = offset; k < offset + count; k++) {
    if (Number.isFinite(values[k])) {
      sum += Math.abs(values[k]);
      n++;
    }
  }
  return n ? sum / n : 0;
}

/**
 * Thumbnails side by side in one strip (t × t each), so the canvas takes one
 * putImageData per frame: the two inputs' fields, then every hidden unit's.
 */
export function thumbnailStrip(inputs: Float32Array, units: Float32Array, t: number, theme: Theme): { pixels: Pixels; count: number } {
  const count = inputs.length / (t * t) + units.length / (t * t);
  const pixels = new Uint8ClampedArray(count * t * t * 4);
  for (let k = 0; k < count; k++) {
    const fromInputs = k < 2;
    unitPixelsInto(fromInputs ? inputs : units, (fromInputs ? k : k - 2) * t * t, t, theme, pixels, count * t, k * t);
  }
  return { pixels, count };
}

/** x₁ and x₂ themselves on a t × t grid over the plane: the input units' fields. */
export function inputFields(t: number, extent: number): Float32Array {
  const out = new Float32Array(2 * t * t);
  for (let j = 0; j < t; j++) {
    for (let i = 0; i < t; i++) {
      out[j * t + i] = extent * (((i + 0.5) / t) * 2 - 1);
      out[t * t + j * t + i] = extent * (((j + 0.5) / t) * 2 - 1);
    }
  }
  return out;
}

export interface NetworkPicture {
  layout: NetworkLayout;
  theme: Theme;
  weights: Float32Array | null;
  /** The strip of thumbnails (inputs, then hidden units), t × t each. */
  strip: { pixels: Pixels; count: number; t: number } | null;
  /** Class colours of the output units. */
  classColors: readonly string[];
  /** The unit shown enlarged, and the one the keyboard cursor is on. */
  selected: { column: number; unit: number } | null;
  focused: { column: number; unit: number } | null;
}

const scratch = new WeakMap<CanvasRenderingContext2D, OffscreenCanvas | HTMLCanvasElement>();

/** Draws the diagram; the canvas is scaled so that one logical pixel is `scale` device pixels. */
export function paintNetwork(ctx: CanvasRenderingContext2D, picture: NetworkPicture, scale: number): void {
  const { layout, theme } = picture;
  ctx.save();
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  ctx.lineCap = 'round';
  if (picture.weights) {
    for (const b of edgeBuckets(layout, picture.weights)) {
      ctx.strokeStyle = DIVERGING[theme][b.sign];
      ctx.globalAlpha = b.opacity;
      ctx.lineWidth = b.width;
      ctx.beginPath();
      for (let k = 0; k < b.lines.length; k += 4) {
        ctx.moveTo(b.lines[k], b.lines[k + 1]);
        ctx.lineTo(b.lines[k + 2], b.lines[k + 3]);
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
  const source = stripCanvas(ctx, picture.strip);
  const last = layout.columns.length - 1;
  let k = 0;
  for (const column of layout.columns) {
    for (const u of column) {
      const left = u.x - u.size / 2;
      const top = u.y - u.size / 2;
      if (u.column === last) {
        ctx.fillStyle = picture.classColors[u.unit] ?? '#7E7E7E';
        ctx.beginPath();
        ctx.arc(u.x, u.y, u.size / OUTPUT_DOT, 0, 2 * Math.PI);
        ctx.fill();
      } else if (source && picture.strip) {
        ctx.imageSmoothingEnabled = true;
        ctx.drawImage(source, k * picture.strip.t, 0, picture.strip.t, picture.strip.t, left, top, u.size, u.size);
        k++;
      } else {
        ctx.fillStyle = BACKGROUND[theme];
        ctx.fillRect(left, top, u.size, u.size);
      }
      if (u.column !== last) {
        ctx.strokeStyle = theme === 'dark' ? '#5a5f6b' : '#b9b4a6';
        ctx.lineWidth = 1;
        ctx.strokeRect(left, top, u.size, u.size);
      }
    }
  }
  for (const [mark, color, width] of [
    [picture.selected, theme === 'dark' ? '#e7e7ea' : '#1c1c22', 2.5],
    [picture.focused, theme === 'dark' ? '#93b2ff' : '#2450b8', 2],
  ] as const) {
    const u = mark ? layout.columns[mark.column]?.[mark.unit] : undefined;
    if (!u) continue;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.strokeRect(u.x - u.size / 2 - 2.5, u.y - u.size / 2 - 2.5, u.size + 5, u.size + 5);
  }
  ctx.restore();
}

function stripCanvas(ctx: CanvasRenderingContext2D, strip: NetworkPicture['strip']): OffscreenCanvas | HTMLCanvasElement | null {
  if (!strip) return null;
  const w = strip.count * strip.t;
  let source = scratch.get(ctx);
  if (!source || source.width !== w || source.height !== strip.t) {
    source = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(w, strip.t) : document.createElement('canvas');
    source.width = w;
    source.height = strip.t;
    scratch.set(ctx, source);
  }
  const sourceCtx = source.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
  sourceCtx?.putImageData(new ImageData(strip.pixels, w, strip.t), 0, 0);
  return source;
}
