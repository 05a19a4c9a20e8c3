'use client';

import { useEffect } from 'react';

/** Marks the table-of-contents entry of the section being read. */
export function TocSpy() {
  useEffect(() => {
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('.chapter-toc-side a[data-toc-target]'));
    const targets = links
      .map((a) => document.getElementById(a.dataset.tocTarget ?? ''))
      .filter((el): el is HTMLElement => el !== null);
    if (targets.length === 0) return;
    function update() {
      const line = window.innerHeight * 0.25;
      let current = targets[0].id;
      for (const t of targets) if (t.getBoundingClientRect().top <= line) current = t.id;
      for (const a of links) {
        if (a.dataset.tocTarget === current) a.setAttribute('aria-current', 'location');
        else a.removeAttribute('aria-current');
      }
    }
    update();
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, []);
  return null;
}
