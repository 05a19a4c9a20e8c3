/**
 * Keeps an element at the top of the viewport while the page above it
 * settles — other widgets load and take their real heights, fonts arrive —
 * until the reader scrolls, clicks or types, or `ms` pass. A link to a
 * widget then lands on the widget, not on whatever slid into its place.
 * Returns a function that stops early.
 */
export function holdInView(el: HTMLElement, ms = 5000): () => void {
  const reader = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
  const align = () => el.scrollIntoView({ block: 'start', behavior: 'instant' });
  const observer = new ResizeObserver(align);
  const stop = () => {
    observer.disconnect();
    window.clearTimeout(timer);
    for (const type of reader) window.removeEventListener(type, stop);
  };
  for (const type of reader) window.addEventListener(type, stop, { passive: true });
  const timer = window.setTimeout(stop, ms);
  // The document's height changes whenever anything above (or below) resizes.
  observer.observe(document.documentElement);
  align();
  return stop;
}
