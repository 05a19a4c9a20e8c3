import type { ReactNode } from 'react';

/** A concrete thing for the reader to do in the widget beside it. */
export function TryThis({ children }: { children: ReactNode }) {
  return (
    <div className="try-this" role="note" aria-label="Try this">
      <p className="try-this-label" aria-hidden="true">
        Try this
      </p>
      {children}
    </div>
  );
}
