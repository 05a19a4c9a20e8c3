import type { ReactNode } from 'react';

/** The chapter's closing summary. */
export function Recap({ children }: { children: ReactNode }) {
  return (
    <section className="recap" aria-label="Recap">
      <p className="recap-title">Recap</p>
      {children}
    </section>
  );
}
