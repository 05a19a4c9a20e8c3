'use client';

import { lazy, Suspense, useCallback, useRef, useState } from 'react';

// The panel's code, like the index, loads on first use: the header only pays for this button.
const SearchPanel = lazy(() => import('./SearchPanel'));

const PANEL_ID = 'site-search-panel';

/**
 * The header's search: a button (an icon alone on a phone) that opens a
 * panel with the search field and its results. Nothing of the search is
 * downloaded before the button is pressed.
 */
export function SiteSearch() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }, []);

  return (
    <div className="site-search" data-search="">
      <button
        ref={button}
        type="button"
        className="site-search-button"
        aria-expanded={open}
        aria-controls={open ? PANEL_ID : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="m13 13 4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <span className="site-search-label">Search</span>
      </button>
      {open ? (
        <Suspense fallback={null}>
          <SearchPanel id={PANEL_ID} onClose={close} />
        </Suspense>
      ) : null}
    </div>
  );
}
