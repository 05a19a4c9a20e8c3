import type { ReactNode } from 'react';
import styles from './callouts.module.css';

/** A concrete thing for the reader to do in the widget beside it. */
export function TryThis({ children }: { children: ReactNode }) {
  return (
    <div className={styles.tryThis} role="note" aria-label="Try this">
      <p className={styles.tryThisLabel} aria-hidden="true">
        Try this
      </p>
      {children}
    </div>
  );
}
