'use client';

import { useEffect } from 'react';

/**
 * Display math wider than a phone scrolls sideways inside its own box. A
 * scrolling box must be reachable by keyboard, so the ones that actually
 * overflow get a tab stop and a label; the rest stay out of the tab order.
 */
export function MathOverflow() {
  useEffect(() => {
    function mark() {
      document.querySelectorAll<HTMLElement>('.katex-display').forEach((el) => {
        if (el.scrollWidth > el.clientWidth + 1) {
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
    mark();
    window.addEventListener('resize', mark);
    return () => window.removeEventListener('resize', mark);
  }, []);
  return null;
}
