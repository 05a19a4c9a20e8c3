/**
 * For widgets that do not train but still compute with the engine: they
 * open one run in the worker pool and ask it for evaluations, so the
 * engine stays off the page's main thread. Requests made while one is in
 * flight collapse into the latest (a dragged bar asks many times a frame),
 * and a lost worker is replaced on the next request.
 */
import { RunLostError, trainerPool, type RunHandle, type SpecOf, type TrainerPool } from '@/workers/client';
import type { AnyModel, QueriesOf, QueryArgs, QueryResult } from '@/workers/model';

/** One of model M's queries, by name, answered with the model's own types. */
export class WorkerEvaluator<M extends AnyModel, N extends keyof QueriesOf<M> & string> {
  private handle: Promise<RunHandle<M>> | null = null;
  private next: { arg: Arg<M, N>; done: (r: Result<M, N>) => void } | null = null;
  private busy = false;
  private disposed = false;

  constructor(
    private readonly spec: SpecOf<M>,
    private readonly query: N,
    private readonly onError: (message: string) => void = () => undefined,
    private readonly pool: () => TrainerPool = trainerPool,
  ) {}

  /** Evaluates the query for `arg` (or a later one, if more arrive first) and hands the result to `done`. */
  request(arg: Arg<M, N>, done: (result: Result<M, N>) => void): void {
    this.next = { arg, done };
    if (!this.busy) void this.drain();
  }

  private open(): Promise<RunHandle<M>> {
    if (!this.handle) {
      this.handle = this.pool().open<M>(this.spec, {
        onSnapshot: () => undefined,
        onLost: () => (this.handle = null),
      });
      this.handle.catch(() => (this.handle = null));
    }
    return this.handle;
  }

  private async drain(): Promise<void> {
    this.busy = true;
    while (this.next && !this.disposed) {
      const { arg, done } = this.next;
      this.next = null;
      try {
        done(await this.evaluate(arg));
      } catch (err) {
        this.onError(err instanceof Error ? err.message : String(err));
      }
    }
    this.busy = false;
  }

  /** One evaluation; a worker that died meanwhile is replaced once. */
  private async evaluate(arg: Arg<M, N>): Promise<Result<M, N>> {
    const ask = async (): Promise<Result<M, N>> => (await this.open()).evaluate(this.query, ...([arg] as QueryArgs<QueriesOf<M>[N]>));
    try {
      return await ask();
    } catch (err) {
      if (!(err instanceof RunLostError)) throw err;
      this.handle = null;
      return ask();
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const handle = this.handle;
    this.handle = null;
    if (handle) await (await handle.catch(() => null))?.close();
  }
}

/** The argument and the result of model M's query N. */
export type Arg<M extends AnyModel, N extends keyof QueriesOf<M>> = Parameters<QueriesOf<M>[N]>[0];
export type Result<M extends AnyModel, N extends keyof QueriesOf<M>> = QueryResult<QueriesOf<M>[N]>;
