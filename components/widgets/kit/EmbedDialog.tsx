'use client';

import { useEffect, useRef, useState } from 'react';
import { copyText } from '@/components/site/clipboard';
import { Button } from '@/components/ui/Button';
import styles from './EmbedDialog.module.css';

export type EmbedTheme = 'light' | 'dark' | 'system';

const THEMES: { value: EmbedTheme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'Follow the reader’s system' },
];

/** The iframe snippet that puts this widget, in this state, on a course page.
 * Without a theme in its URL the embed follows the reader's system setting. */
export function embedSnippet(origin: string, basePath: string, widget: string, encoded: string, title: string, height: number, theme: EmbedTheme = 'light'): string {
  const src = `${origin}${basePath}/embed/${widget}/?${widget}=${encoded}${theme === 'system' ? '' : `&theme=${theme}`}`;
  return `<iframe src="${src}" title="${title.replace(/"/g, '&quot;')}" width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

export function EmbedDialog({ title, widget, encoded, height, onClose }: { title: string; widget: string; encoded: string; height: number; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState(false);
  const [theme, setTheme] = useState<EmbedTheme>('light');
  const snippet = embedSnippet(window.location.origin, process.env.NEXT_PUBLIC_BASE_PATH ?? '', widget, encoded, title, height, theme);

  useEffect(() => {
    const d = dialog.current;
    d?.showModal();
    return () => d?.close();
  }, []);

  return (
    <dialog ref={dialog} className={styles.dialog} aria-labelledby={`${widget}-embed-title`} onClose={onClose}>
      <p id={`${widget}-embed-title`} className={styles.title}>
        Embed “{title}”
      </p>
      <p>Paste this code into a course page. The widget will open there in the state it is in now.</p>
      <fieldset className={styles.theme}>
        <legend>Theme</legend>
        {THEMES.map((t) => (
          <label key={t.value}>
            <input
              type="radio"
              name={`${widget}-embed-theme`}
              value={t.value}
              checked={theme === t.value}
              onChange={() => {
                setTheme(t.value);
                setCopied(false);
              }}
            />
            {t.label}
          </label>
        ))}
      </fieldset>
      <textarea readOnly value={snippet} rows={5} aria-label="Embed code" onFocus={(e) => e.currentTarget.select()} />
      <div className={styles.actions}>
        <Button
          primary
          onClick={async () => {
            await copyText(snippet);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy code'}
        </Button>
        <Button onClick={() => dialog.current?.close()}>Close</Button>
      </div>
    </dialog>
  );
}
