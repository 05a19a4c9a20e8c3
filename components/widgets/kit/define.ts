/**
 * A widget, declared once as data in its folder's `widget.ts`: where it
 * lives in the book, its placeholder heights, its parameters, the models it
 * opens in the worker and what it sends them, and its benchmark scenarios.
 * `components/widgets/index.ts` lists the widgets; the MDX names, the lazy
 * views, the embed pages, the content check and `npm run bench:ui` all read
 * that list. The views (`<name>/View.tsx`) and the worker's models map are
 * derived from the folders (scripts/derive-models.mjs), not named here: a
 * loader in widget.ts would put every view in every page's first-load
 * scripts, because the server reads widget.ts.
 */
import type { ComponentType } from 'react';
import type { DataSetName } from '@/workers/api';
import type { ModelKind, Models } from '@/workers/models.generated';
import type { ConfigOf, LiveKeyOf } from '@/workers/model';
import type { StateOf, WidgetSchema } from './schema';

export interface WidgetProps {
  /** Instance id: the URL key and anchor. Defaults to the widget's name. */
  id?: string;
  embedded?: boolean;
  /**
   * The state this instance starts in, written as in a link
   * (`fn.rosenbrock~lr.0.0005`): a chapter can place a widget ready to show
   * its point. A link's own state for the instance wins over it.
   */
  preset?: string;
}

/** A `npm run bench:ui` scenario: a page to open, press play on this widget, and measure. */
export interface BenchScenario {
  name: string;
  /** Relative to the site's root, e.g. `chapters/mlp/?playground=v.1~sp.10000#playground`. */
  path: string;
  /** Extra figures read at the end: [selector inside the widget (':scope' for its root), attribute]. */
  readouts?: Readonly<Record<string, readonly [selector: string, attribute: string]>>;
}

/** How a training widget's parameters become runs in the worker. */
export interface WidgetRun<S extends WidgetSchema, K extends ModelKind, Input> {
  /**
   * What the worker receives: one config per run (a widget may train
   * several side by side; the first is the readout's). `input` is data the
   * view supplies from outside its parameters (points another widget shares).
   */
  config(params: StateOf<S>, input: Input): ConfigOf<Models[K]> | readonly ConfigOf<Models[K]>[];
  /** The runs' seed (0 when absent). */
  seed?(params: StateOf<S>): number;
  /**
   * Config keys that apply mid-run. A parameter change that alters only
   * these reaches the runs live; one that alters any other key starts fresh
   * runs; one that alters no key (a view toggle) reaches only the painter.
   */
  live: readonly LiveKeyOf<Models[K]>[];
  /**
   * A data set the runs need that the worker must download first. The
   * download starts only when the reader presses play (or step); until then
   * the frame says what it will cost. Once the browser has it cached, runs
   * open at once, as for any other widget.
   */
  data?: DataNeed;
}

/** A data set a widget downloads on demand, and what to tell the reader about it. */
export interface DataNeed {
  name: DataSetName;
  /** How the reader knows it, e.g. "Fashion-MNIST". */
  label: string;
  /** Bytes on the wire (a unit test checks it against the data's index). */
  bytes: number;
}

export interface WidgetDefinition<S extends WidgetSchema = WidgetSchema, K extends ModelKind = ModelKind, Input = undefined> {
  /** Also the URL key, the default anchor and the embed path (`/embed/<name>/`). */
  name: string;
  /** The MDX component a chapter writes, e.g. `<DescentPlayground />`. */
  component: string;
  title: string;
  /** One sentence that says what the widget shows, for screen readers. */
  description: string;
  /** The chapter's slug and the section the embed page links back to. */
  chapter: string;
  section: string;
  /**
   * Placeholder heights in CSS pixels, so the page does not jump when the
   * widget loads: its rendered height in the chapter column at desktop width
   * (1280 px) and on a phone (375 px), measured.
   */
  height: number;
  phoneHeight: number;
  /** Suggested iframe height for the embed snippet. */
  embedHeight: number;
  schema: S;
  /** The model kinds this widget opens (the first is the one `run` trains). */
  models: readonly K[];
  /** For widgets that train; absent for widgets that only evaluate. */
  run?: WidgetRun<S, K, Input>;
  bench?: readonly BenchScenario[];
  /**
   * For a widget that trains, how it diverges (tests/e2e/recovery.spec.ts
   * plays it and expects the "Diverged" notice, a Reset and no NaN drawn):
   * a link state, as `preset` writes it, whose run diverges within seconds.
   * A widget whose schema keeps the rate too low to diverge says why and
   * gives its state at the highest rate instead, which must train without
   * drawing a non-finite number. The test fails for a training widget
   * that has neither.
   */
  diverging?: string | DivergenceCapped;
}

/** A widget that cannot diverge: why, and its state at the highest rate the schema allows. */
export interface DivergenceCapped {
  cannot: string;
  atMaxRate: string;
}

/** Declares a widget; the types of `run` follow from its schema and its first model. */
export function defineWidget<S extends WidgetSchema, const K extends ModelKind, Input = undefined>(
  definition: WidgetDefinition<S, K, Input>,
): WidgetDefinition<S, K, Input> {
  if (definition.name !== definition.schema.name) {
    throw new Error(`widget "${definition.name}": its schema is named "${definition.schema.name}"`);
  }
  return definition;
}

// Any widget, whatever its schema and model (for lists of them).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyWidget = WidgetDefinition<any, any, any>;
