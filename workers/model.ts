/**
 * What a model kind gives the worker, typed end to end: a model is
 * `Model<Kind, Config, Frame, Queries, Live>`, and the widget that opens it,
 * the trainer that runs it and the view that draws it all read these types
 * (the page imports them with `import type`, so no engine code reaches it).
 *
 *   Config   what a run is built from (plain, serializable)
 *   Frame    what each snapshot carries for the view to draw
 *   Queries  on-demand evaluations by name: argument in, result out
 *   Live     the Config keys a run takes mid-run, one setter each
 */

/** A named evaluation: one argument (or none) in, a serializable result out. */
export type Query = (arg: never) => unknown;
export type QueryMap = Record<string, Query>;

/** One setter per Config key that a run accepts while it trains. */
export type LiveSetters<Config> = { [K in keyof Config]?: (value: Config[K]) => void };

export interface TrainableRun<Frame, Queries extends QueryMap, Live> {
  /** One optimisation step; returns the training loss it measured. */
  step(): number;
  /**
   * What the view draws each frame. Typed arrays in it are transferred.
   * `playing` is true for the frames streamed while training, which a model
   * may thin out (a costly field every few frames); false answers a pause,
   * a step or a change, and should carry everything fresh.
   */
  snapshot(options?: { playing: boolean }): Frame;
  /** Settings that apply without a reset (learning rate, pace …). */
  live: Live;
  /** On-demand results (a field at full resolution, one unit's picture …). */
  queries: Queries;
  /** Passes through the data so far, for models that have epochs. */
  epoch?(): number;
  /**
   * At most this many steps per second while playing (a path drawn step by
   * step wants a walking pace); read every turn, so a live setter may change it.
   */
  stepsPerSecond?(): number | null;
  /** The run pauses by itself after this many steps. */
  maxSteps?: number;
  /**
   * Whether this loss means the run has diverged. Defaults to: not finite,
   * or more than 1e6 times the first loss (and above 1e3).
   */
  diverged?(loss: number, firstLoss: number): boolean;
  dispose(): void;
}

export interface Model<Kind extends string, Config, Frame, Queries extends QueryMap, Live extends LiveSetters<Config>> {
  /** The name specs use for it; unique in the worker's models map. */
  readonly kind: Kind;
  /**
   * A run from a config and a seed. A model whose data must be fetched
   * first (a data set the worker downloads) may return a promise.
   */
  build(config: Config, seed: number): TrainableRun<Frame, Queries, Live> | Promise<TrainableRun<Frame, Queries, Live>>;
}

// eslint-style escape hatch for "any model": variance makes `unknown` unusable here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = Model<string, any, any, any, any>;

export type KindOf<M extends AnyModel> = M['kind'];
export type ConfigOf<M extends AnyModel> = Parameters<M['build']>[0];
export type RunOf<M extends AnyModel> = Awaited<ReturnType<M['build']>>;
export type FrameOf<M extends AnyModel> = ReturnType<RunOf<M>['snapshot']>;
export type QueriesOf<M extends AnyModel> = RunOf<M>['queries'];
/** The Config keys a model's runs take mid-run. */
export type LiveKeyOf<M extends AnyModel> = keyof RunOf<M>['live'] & keyof ConfigOf<M>;
/** A mid-run change: some of the live settings, with the Config's types. */
export type LivePatch<M extends AnyModel> = Partial<Pick<ConfigOf<M>, LiveKeyOf<M>>>;
/** The argument list of a query (empty for a query that takes none). */
export type QueryArgs<Q extends Query> = Parameters<Q> extends [] ? [] : [arg: Parameters<Q>[0]];
export type QueryResult<Q extends Query> = Awaited<ReturnType<Q>>;

/**
 * Declares a model with every type inferred from `build`: its Config from
 * the parameter, its Frame, Queries and Live setters from what it returns.
 */
export function defineModel<const Kind extends string, Config, Frame, Queries extends QueryMap = Record<never, never>, Live extends LiveSetters<Config> = Record<never, never>>(
  model: Model<Kind, Config, Frame, Queries, Live>,
): Model<Kind, Config, Frame, Queries, Live> {
  return model;
}

/**
 * A model that trains nothing and only answers queries (a widget that
 * computes with the engine but has no training run: the softmax of some
 * logits, a recorded graph, one step's tape). Its runs refuse to step.
 */
export function defineQueryModel<const Kind extends string, Queries extends QueryMap>(kind: Kind, queries: Queries) {
  return defineModel({
    kind,
    build: (_config: Record<string, never>) => ({
      maxSteps: 0,
      step(): number {
        throw new Error(`${kind} does not train: it has nothing to train, only questions to answer`);
      },
      snapshot: () => ({}),
      live: {},
      queries,
      dispose() {},
    }),
  });
}

/**
 * A mid-run change to a run, as the trainer applies it: every key must have
 * a live setter (checked before any applies, so a refused patch changes
 * nothing).
 */
export function applyLive(kind: string, run: RunOf<AnyModel>, patch: Record<string, unknown>): void {
  const live = run.live as Record<string, ((value: unknown) => void) | undefined>;
  for (const key of Object.keys(patch)) {
    if (!Object.hasOwn(live, key) || typeof live[key] !== 'function') throw new Error(`${kind}: cannot change "${key}" mid-run`);
  }
  for (const [key, value] of Object.entries(patch)) live[key]!(value);
}

/** One of a run's named queries, as the trainer answers it. */
export function answerQuery(kind: string, run: RunOf<AnyModel>, query: string, arg: unknown): unknown {
  const queries = run.queries as Record<string, ((arg: unknown) => unknown) | undefined>;
  const answer = Object.hasOwn(queries, query) ? queries[query] : undefined;
  if (typeof answer !== 'function') throw new Error(`${kind}: no query "${query}"`);
  return answer(arg);
}

export function defaultDiverged(loss: number, firstLoss: number): boolean {
  if (!Number.isFinite(loss)) return true;
  return Math.abs(loss) > 1e3 && Math.abs(loss) > 1e6 * Math.max(Math.abs(firstLoss), 1e-12);
}
