import type { ReactNode } from 'react';
import styles from './callouts.module.css';

/** A side note: a digression, a caveat, or the longer proof of a claim. */
export function Aside({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <aside className={styles.aside} aria-label={title ?? 'Side note'}>
      {title ? <p className={styles.asideTitle}>{title}</p> : null}
      {children}
    </aside>
  );
}
