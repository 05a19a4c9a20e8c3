import type { ReactNode } from 'react';
import styles from './callouts.module.css';

/** The chapter's closing summary. */
export function Recap({ children }: { children: ReactNode }) {
  return (
    <section className={styles.recap} aria-label="Recap">
      <p className={styles.recapTitle}>Recap</p>
      {children}
    </section>
  );
}
