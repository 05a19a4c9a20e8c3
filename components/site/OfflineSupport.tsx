'use client';

import { useEffect, useState } from 'react';
import { reloadIntoNewVersion, startServiceWorker } from './service-worker';

const BASE_PATH = process.env.NEXT_PUBLIC_BASE_PATH ?? '';

/**
 * Registers the service worker (production builds only: `next dev` serves
 * no sw.js manifest and must not be cached) and shows a notice when a new
 * version of the book is waiting. The status region is always there, empty
 * until needed, so screen readers announce the notice when it appears.
 */
export function OfflineSupport() {
  const [update, setUpdate] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (process.env.NODE_ENV !== 'production') return;
    startServiceWorker(BASE_PATH, { onUpdate: () => setUpdate(true) });
  }, []);

  const open = update && !dismissed;
  return (
    <div className="update-notice" role="status" data-open={open ? 'true' : undefined}>
      {open && (
        <>
          <p>A new version of the book is available.</p>
          <button
            type="button"
            className="update-notice-reload"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void reloadIntoNewVersion(BASE_PATH);
            }}
          >
            {busy ? 'Reloading…' : 'Reload'}
          </button>
          <button type="button" className="update-notice-dismiss" aria-label="Dismiss: keep reading this version" onClick={() => setDismissed(true)}>
            ×
          </button>
        </>
      )}
    </div>
  );
}
