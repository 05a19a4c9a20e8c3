/**
 * A model's run built directly (no worker), with `set` and `evaluate`
 * dispatched exactly as the trainer does: for unit tests of one model.
 */
import { answerQuery, applyLive, type AnyModel, type ConfigOf, type LivePatch, type QueriesOf, type QueryArgs, type QueryResult, type RunOf } from '@/workers/model';

export type OpenRun<M extends AnyModel> = RunOf<M> & {
  set(patch: LivePatch<M> | Record<string, unknown>): void;
  evaluate<N extends keyof QueriesOf<M> & string>(query: N, ...arg: QueryArgs<QueriesOf<M>[N]>): QueryResult<QueriesOf<M>[N]>;
};

export function openRun<M extends AnyModel>(model: M, config: ConfigOf<M>, seed = 0): OpenRun<M> {
  const run = model.build(config, seed) as RunOf<M>;
  return Object.assign(run, {
    set: (patch: Record<string, unknown>) => applyLive(model.kind, run, patch),
    evaluate: (query: string, arg?: unknown) => answerQuery(model.kind, run, query, arg),
  }) as OpenRun<M>;
}
