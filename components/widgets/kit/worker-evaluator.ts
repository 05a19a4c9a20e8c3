/**
 * For widgets that do not train but still compute with the engine: they
 * open one run in the worker pool and ask it for evaluations, so the
 * engine stays off the page's main thread. Requests made while one is in
 * flight collapse into the latest (a dragged bar asks many times a frame),
 * and a lost worker is replaced on the next request.
 */
import type { RunSpec } from '@/workers/api';
import { RunLostError, trainerPool, type RunHandle, type TrainerPool } from '@/workers/client';

export class WorkerEvaluator<Query, Result> {
  private handle: Promise<RunHandle> | null = null;
  private next: { query: Query; done: (r: Result) => void } | null = null;
  private busy = false;
  private disposed = false;

  constructor(
    private readonly spec: RunSpec,
    private readonly onError: (message: string) => void = () => undefined,
    private readonly pool: () => TrainerPool = trainerPool,
  ) {}

  /** Evaluates `query` (or a later one, if more arrive first) and hands the result to `done`. */
  request(query: Query, done: (result: Result) => void): void {
    this.next = { query, done };
    if (!this.busy) void this.drain();
  }

  private open(): Promise<RunHandle> {
    if (!this.handle) {
      this.handle = this.pool().open(this.spec, {
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
      const { query, done } = this.next;
      this.next = null;
      try {
        done(await this.evaluate(query));
      } catch (err) {
        this.onError(err instanceof Error ? err.message : String(err));
      }
    }
    this.busy = false;
  }

  /** One evaluation; a worker that died meanwhile is replaced once. */
  private async evaluate(query: Query): Promise<Result> {
    try {
      return await (await this.open()).evaluate<Result>(query);
    } catch (err) {
      if (!(err instanceof RunLostError)) throw err;
      this.handle = null;
      return (await this.open()).evaluate<Result>(query);
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const handle = this.handle;
    this.handle = null;
    if (handle) await (await handle.catch(() => null))?.close();
  }
}
