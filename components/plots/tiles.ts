// Small pixel pictures for canvases: grids of tiles (filters, feature
// maps, attention maps), each value coloured through a table built once per
// theme. Pure; a canvas shows one with putPicture (dom.ts).
import { interpolateLab } from 'd3';
import { BACKGROUND, fieldColors, rgbBytes, type Theme } from './colour';

/** A picture for a canvas: width × height RGBA pixels. */
export interface Picture {
  width: number;
  height: number;
  pixels: Uint8ClampedArray<ArrayBuffer>;
}

export type Rgb = readonly [number, number, number];

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

