'use client';

import { useCallback, useEffect, useRef } from 'react';
import type { AnyModel, ConfigOf, KindOf, QueriesOf } from '@/workers/model';
import { WorkerEvaluator, type Arg, type Result } from './worker-evaluator';

/**
 * One of a model's queries, asked of a run in the worker pool for as long as
 * the view is mounted (a remount gets a fresh run). `request(arg, done)`
 * collapses requests made while one is in flight into the latest, so a
 * dragged control asks as often as it likes; failures go to `onError`.
 *
 *   const request = useEvaluator<Models['fd-error'], 'curves'>('fd-error', 'curves', setError);
 */
export function useEvaluator<M extends AnyModel, N extends keyof QueriesOf<M> & string>(
  kind: KindOf<M>,
  query: N,
  onError: (message: string) => void,
  config: ConfigOf<M> = {} as ConfigOf<M>,
): (arg: Arg<M, N>, done: (result: Result<M, N>) => void) => void {
  const evaluator = useRef<WorkerEvaluator<M, N> | null>(null);
  const errors = useRef(onError);
  errors.current = onError;
  // The model, query and config are the run's identity: fixed for the view's life.
  const identity = useRef({ kind, query, config });
  useEffect(() => {
    const { kind: k, query: q, config: c } = identity.current;
    const e = new WorkerEvaluator<M, N>({ kind: k, seed: 0, config: c }, q, (m) => errors.current(m));
    evaluator.current = e;
    return () => {
      evaluator.current = null;
      void e.dispose();
    };
  }, []);
  return useCallback((arg: Arg<M, N>, done: (result: Result<M, N>) => void) => evaluator.current?.request(arg, done), []);
}
