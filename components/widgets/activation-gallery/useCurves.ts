'use client';

import { useEffect, useState } from 'react';
import { trainerPool, type RunHandle } from '@/workers/client';
import type { Models } from '@/workers/models.generated';
import type { CurvesResult } from './model';

type Run = RunHandle<Models['activation-curves']>;

export type CurvesStatus = { state: 'loading' } | { state: 'ready'; curves: CurvesResult; slope: number } | { state: 'error'; message: string };

/**
 * The curves for this slope, evaluated in the worker (the engine never runs
 * on the page's thread). One run of kind 'activation-curves' is held while
 * the widget is mounted; a lost worker becomes an error with a retry.
 */
export function useCurves(x: Float32Array, slope: number): { status: CurvesStatus; retry(): void } {
  const [handle, setHandle] = useState<Run | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<CurvesStatus>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    let opened: Run | null = null;
    const fail = (message: string) => !cancelled && setStatus({ state: 'error', message });
    trainerPool()
      .open<Models['activation-curves']>(
        { kind: 'activation-curves', seed: 0, config: {} },
        { onSnapshot: () => undefined, onLost: () => fail('The worker that evaluates the curves stopped unexpectedly.') },
      )
      .then((h) => {
        if (cancelled) void h.close();
        else {
          opened = h;
          setHandle(h);
        }
      })
      .catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
    return () => {
      cancelled = true;
      setHandle(null);
      void opened?.close();
    };
  }, [attempt]);

  useEffect(() => {
    if (!handle) return;
    let current = true;
    handle
      .evaluate('curves', { x, slope })
      .then((curves) => current && setStatus({ state: 'ready', curves, slope }))
      .catch((err: unknown) => current && setStatus({ state: 'error', message: err instanceof Error ? err.message : String(err) }));
    return () => {
      current = false;
    };
  }, [handle, x, slope]);

  return {
    status,
    retry: () => {
      setStatus({ state: 'loading' });
      setAttempt((a) => a + 1);
    },
  };
}
