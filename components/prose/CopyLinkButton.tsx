'use client';

import { useState } from 'react';
import { copyText } from '@/components/site/clipboard';
import styles from './SectionHeading.module.css';

/** Copies the absolute URL of the section `id` and says so. */
export function CopyLinkButton({ id }: { id: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    const url = `${window.location.origin}${window.location.pathname}#${id}`;
    await copyText(url);
    history.replaceState(null, '', `#${id}`);
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  }
  return (
    <button type="button" className={styles.copyLink} onClick={copy} data-pagefind-ignore="all" data-copied={copied ? 'true' : undefined}>
      <span aria-hidden="true">{copied ? '✓' : '#'}</span>
      <span className="visually-hidden">Copy link to this section</span>
      <span className={styles.status} role="status">
        {copied ? 'Link copied' : ''}
      </span>
    </button>
  );
}
