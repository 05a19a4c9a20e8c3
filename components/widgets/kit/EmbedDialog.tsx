'use client';

import { useEffect, useRef, useState } from 'react';
import { copyText } from '@/components/site/clipboard';

/** The iframe snippet that puts this widget, in this state, on a course page. */
export function embedSnippet(origin: string, basePath: string, widget: string, encoded: string, title: string, height: number): string {
  const src = `${origin}${basePath}/embed/${widget}/?${widget}=${encoded}&theme=light`;
  return `<iframe src="${src}" title="${title.replace(/"/g, '&quot;')}" width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

export function EmbedDialog({ title, widget, encoded, height, onClose }: { title: string; widget: string; encoded: string; height: number; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState(false);
  const snippet = embedSnippet(window.location.origin, process.env.NEXT_PUBLIC_BASE_PATH ?? '', widget, encoded, title, height);

  useEffect(() => {
    const d = dialog.current;
    d?.showModal();
    return () => d?.close();
  }, []);

  return (
    <dialog ref={dialog} className="embed-dialog" aria-labelledby={`${widget}-embed-title`} onClose={onClose}>
      <p id={`${widget}-embed-title`} className="embed-title">
        Embed “{title}”
      </p>
      <p>Paste this into a course page. The widget opens in the state it has now; add <code>dark</code> instead of <code>light</code> for the dark theme.</p>
      <textarea readOnly value={snippet} rows={5} aria-label="Embed code" onFocus={(e) => e.currentTarget.select()} />
      <div className="embed-actions">
        <button
          type="button"
          className="ui-button ui-primary"
          onClick={async () => {
            await copyText(snippet);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy code'}
        </button>
        <button type="button" className="ui-button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
