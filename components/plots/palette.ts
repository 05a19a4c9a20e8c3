// Class and series colours. One palette for both themes: each colour has at
// least 3:1 contrast (WCAG 2 for graphics) against the light page #fbfaf6
// and the dark page #15171c, which confines relative luminance to about
// 0.13–0.30. Hues follow Okabe & Ito's colour-blind-safe set; its light
// orange and pink are darkened into that band.
import { rgbBytes } from './colour';

export const PALETTE = [
  { name: 'blue', color: '#0072B2' },
  { name: 'vermillion', color: '#D55E00' },
  { name: 'bluish green', color: '#009E73' },
  { name: 'reddish purple', color: '#C0679B' },
  { name: 'ochre', color: '#A87900' },
  { name: 'grey', color: '#7E7E7E' },
] as const;

export const CLASS_COLORS: readonly string[] = PALETTE.map((p) => p.color);

/** Colour of class (or series) k; wraps around after the palette's six colours. */
export function classColor(k: number): string {
  const n = CLASS_COLORS.length;
  return CLASS_COLORS[((Math.trunc(k) % n) + n) % n];
}

/** WCAG 2 relative luminance of an sRGB colour, in [0, 1]. */
export function relativeLuminance(css: string): number {
  const [r, g, b] = rgbBytes(css).map((byte) => {
    const c = byte / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio (L_lighter + 0.05) / (L_darker + 0.05), in [1, 21]. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
