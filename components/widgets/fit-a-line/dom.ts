/**
 * The chapter-2 widgets' writes to the page, skipped when nothing changed:
 * a converged line redraws to the same markup, and leaving the DOM alone
 * then saves a layout and a paint per frame.
 */
import { renderSvg } from '@/components/plots';

const drawn = new WeakMap<SVGElement, string>();

/** renderSvg, skipped when the markup is what the element already shows. */
export function renderChanged(target: SVGElement, markup: string): void {
  if (drawn.get(target) === markup) return;
  drawn.set(target, markup);
  renderSvg(target, markup);
}

/** Sets a readout's text only when it differs (an unchanged text costs no layout). */
export function textChanged(target: HTMLElement, text: string): void {
  if (target.textContent !== text) target.textContent = text;
}
