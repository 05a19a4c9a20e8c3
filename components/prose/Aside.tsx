import type { ReactNode } from 'react';

/** A side note: a digression, a caveat, or the longer proof of a claim. */
export function Aside({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <aside className="aside" aria-label={title ?? 'Side note'}>
      {title ? <p className="aside-title">{title}</p> : null}
      {children}
    </aside>
  );
}
