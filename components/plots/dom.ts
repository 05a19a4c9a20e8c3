// The thin browser side of the plot pieces: everything else in this folder
// is pure and runs in Node. Not unit-tested.
import type { Theme } from './colour';

/** Replace an SVG element's children with markup built by this folder (text in it is escaped). */
export function renderSvg(target: SVGElement, markup: string): void {
  target.innerHTML = markup;
}

/** The page theme as set by the theme boot script on <html data-theme>. */
export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/**
 * Call `onChange` when the page theme flips. SVG drawn with CSS variables
 * follows by itself; baked colours (contour fills, canvas pixels) must be
 * redrawn. Returns the unsubscribe function.
 */
export function watchTheme(onChange: (theme: Theme) => void): () => void {
  const observer = new MutationObserver(() => onChange(currentTheme()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/** A pointer's client position in the SVG's viewBox units (the units every plot piece uses), for click-to-place. */
export function pointerInViewBox(svg: SVGSVGElement, clientX: number, clientY: number): [number, number] | null {
  const matrix = svg.getScreenCTM();
  if (!matrix) return null;
  const p = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
  return [p.x, p.y];
}

/**
 * Calls `onWidth` with the element's CSS width in whole pixels, now and
 * whenever it changes, so a plot can lay out its viewBox at the size it is
 * shown (text stays 11px on a phone and on a wide screen). Returns the
 * unsubscribe function.
 */
export function watchWidth(element: Element, onWidth: (width: number) => void): () => void {
  let last = -1;
  const observer = new ResizeObserver((entries) => {
    const width = Math.round(entries[entries.length - 1].contentRect.width);
    if (width > 0 && width !== last) {
      last = width;
      onWidth(width);
    }
  });
  observer.observe(element);
  return () => observer.disconnect();
}

/** Draws a pixel picture onto a canvas at one canvas pixel per picture pixel (CSS scales it up). */
export function putPicture(canvas: HTMLCanvasElement | null | undefined, picture: { width: number; height: number; pixels: Uint8ClampedArray<ArrayBuffer> }): void {
  if (!canvas) return;
  if (canvas.width !== picture.width) canvas.width = picture.width;
  if (canvas.height !== picture.height) canvas.height = picture.height;
  canvas.getContext('2d')?.putImageData(new ImageData(picture.pixels, picture.width, picture.height), 0, 0);
}
