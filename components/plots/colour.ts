// Colour for continuous fields (loss surfaces, heatmaps). One picture must
// read in both themes, and canvas cannot resolve CSS variables, so field
// colours are concrete hex strings computed for the theme at hand.
import { color, interpolateLab, interpolateViridis, rgb } from 'd3';

export type Theme = 'light' | 'dark';

/** The page backgrounds of app/globals.css (`--bg`), for colours that canvas must bake in. */
export const BACKGROUND: Readonly<Record<Theme, string>> = {
  light: '#fbfaf6',
  dark: '#15171c',
};

export type Interpolator = (t: number) => string;

export interface FieldColorOptions {
  /** Sequential scheme, t in [0, 1] (low → high). Default: viridis, perceptually uniform and colour-blind safe. */
  interpolator?: Interpolator;
  /**
   * How far each colour is pulled toward the page background, in [0, 1].
   * A washed surface lets coloured paths and points drawn on top stand out,
   * and keeps a full-bleed field from glaring in the dark theme.
   */
  wash?: number;
}

const DEFAULT_WASH: Readonly<Record<Theme, number>> = { light: 0.4, dark: 0.3 };
/** On the dark page the scale stops short of viridis' last yellows, which wash to olive. */
const TOP: Readonly<Record<Theme, number>> = { light: 1, dark: 0.82 };

/** A sequential interpolator for `theme`, returning hex colours. */
export function fieldColors(theme: Theme, options: FieldColorOptions = {}): Interpolator {
  const base = options.interpolator ?? interpolateViridis;
  const wash = options.wash ?? DEFAULT_WASH[theme];
  const background = BACKGROUND[theme];
  const top = options.interpolator ? 1 : TOP[theme];
  return (t) => {
    const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
    return hex(interpolateLab(base(clamped * top), background)(wash));
  };
}

/** Any CSS colour d3 can parse, as #rrggbb. */
export function hex(css: string): string {
  const parsed = color(css);
  if (!parsed) throw new Error(`not a colour: ${css}`);
  return parsed.formatHex();
}

/** Any CSS colour d3 can parse, as [r, g, b] bytes. */
export function rgbBytes(css: string): [number, number, number] {
  const c = rgb(css);
  if (Number.isNaN(c.r)) throw new Error(`not a colour: ${css}`);
  return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
}
