'use client';

import { usePathname } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Display math wider than a phone scrolls sideways inside its own box. A
 * scrolling box must be reachable by keyboard, so the ones that actually
 * overflow get a tab stop and a label; the rest stay out of the tab order.
 * Whether a formula overflows changes with the viewport and also when the
 * math fonts arrive (the fallback's metrics differ), so each box and its
 * formula are watched for size changes, not just the window; and again on
 * every page, since the layout holding this outlives a navigation.
 */
export function MathOverflow() {
  const pathname = usePathname();
  useEffect(() => {
    // Reads every box's widths first, then writes: alternating a read with
    // an attribute write would lay the whole page out again for each box.
    function markAll(els: HTMLElement[]) {
      const overflows = els.map((el) => el.scrollWidth > el.clientWidth + 1);
      els.forEach((el, i) => {
        if (overflows[i]) {
          if (el.tabIndex === 0 && el.getAttribute('role') === 'group') return;
          el.tabIndex = 0;
          el.setAttribute('role', 'group');
          el.setAttribute('aria-label', 'Equation (scrolls sideways)');
        } else if (el.hasAttribute('tabindex')) {
          el.removeAttribute('tabindex');
          el.removeAttribute('role');
          el.removeAttribute('aria-label');
        }
      });
    }
    const boxes = Array.from(document.querySelectorAll<HTMLElement>('.katex-display'));
    const observer = new ResizeObserver((entries) => {
      const changed = new Set<HTMLElement>();
      for (const entry of entries) {
        const box = (entry.target as HTMLElement).closest<HTMLElement>('.katex-display');
        if (box) changed.add(box);
      }
      markAll([...changed]);
    });
    // No synchronous pass here (it would force a layout while the page is
    // still loading): a ResizeObserver reports every box once when it starts.
    for (const box of boxes) {
      observer.observe(box);
      if (box.firstElementChild) observer.observe(box.firstElementChild);
    }
    // Marks the page as checked once the math fonts are in (tests wait for it).
    void document.fonts?.ready.then(() => {
      markAll(boxes);
      document.documentElement.dataset.mathChecked = pathname;
    });
    return () => observer.disconnect();
  }, [pathname]);
  return null;
}
