'use client';

/**
 * The start-up every widget view shares, in one call: its store (from the
 * link or the chapter's preset), its painter (fed every parameter change and
 * theme flip, disposed on unmount) and, for a widget that trains, the run
 * controller that turns parameters into runs in the worker as its
 * `widget.ts` declares: configs from `run.config`, live changes for the keys
 * in `run.live`, fresh runs for the rest, snapshots to the painter.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { watchTheme } from '@/components/plots';
import type { Snapshot } from '@/workers/api';
import type { RunHandle } from '@/workers/client';
import type { ConfigOf, FrameOf, LivePatch } from '@/workers/model';
import type { ModelKind, Models } from '@/workers/models.generated';
import type { WidgetDefinition, WidgetProps, WidgetRun } from './define';
import type { Painter } from './painter';
import { RunController, type TrainingSetup } from './run-controller';
import type { StateOf, WidgetSchema } from './schema';
import { countRender } from './test-hooks';
import { useWidgetStore, type WidgetInstance } from './useWidgetStore';

/** A painter that also draws what the runs report (index = run; null before a run reports). */
export interface FramePainter<Frame> {
  frames(snapshots: readonly (Snapshot<Frame> | null)[]): void;
}

// Painters differ in their targets; the hook only needs the base's methods.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPainter<Params> = Painter<any, Params>;

export interface WidgetHandles<S extends WidgetSchema, P> {
  definition: WidgetDefinition<S, ModelKind, unknown>;
  instance: WidgetInstance<S>;
  params: StateOf<S>;
  setParams(patch: Partial<StateOf<S>>): void;
  painter: P;
  embedded: boolean;
}

export interface TrainingWidget<S extends WidgetSchema, K extends ModelKind, P> extends WidgetHandles<S, P> {
  controller: RunController<S, Models[K]>;
}

/** Store, painter and their wiring: what every widget view starts with. */
function useWidgetCore<S extends WidgetSchema, P extends AnyPainter<StateOf<S>>>(
  definition: WidgetDefinition<S, ModelKind, unknown>,
  props: WidgetProps,
  trains: boolean,
  makePainter: (params: StateOf<S>) => P,
): WidgetHandles<S, P> {
  const instanceId = props.id ?? definition.name;
  countRender(instanceId);
  const instance = useWidgetStore(definition.schema, instanceId, trains, props.preset);
  const { store } = instance;
  const params = useStore(store, (s) => s.params);
  const setParams = useStore(store, (s) => s.setParams);
  const [painter] = useState(() => makePainter(store.getState().params));

  useEffect(() => {
    // Parameters may have changed between the first render and now.
    if (painter.params !== store.getState().params) painter.setParams(store.getState().params);
    painter.start();
    const unwatch = watchTheme(() => painter.themeChanged());
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.params !== previous.params) painter.setParams(state.params);
    });
    return () => {
      unwatch();
      unsubscribe();
      painter.dispose();
    };
  }, [painter, store]);

  return { definition, instance, params, setParams, painter, embedded: props.embedded ?? false };
}

export interface TrainingOptions<S extends WidgetSchema, K extends ModelKind, Input, P> {
  painter(params: StateOf<S>): P;
  /** After runs are (re)opened: fetch what the picture needs besides snapshots (a field, the data). */
  prepared?(runs: readonly RunHandle<Models[K]>[], painter: P): void | Promise<void>;
  /** Data from outside the parameters that `run.config` needs (see WidgetRun). */
  input?(): Input;
}

/** A view that trains: store, painter and the run controller, all from its widget.ts. */
export function useTrainingWidget<S extends WidgetSchema, K extends ModelKind, Input, P extends AnyPainter<StateOf<S>> & FramePainter<FrameOf<Models[K]>>>(
  definition: WidgetDefinition<S, K, Input>,
  props: WidgetProps,
  options: TrainingOptions<S, K, Input, P>,
): TrainingWidget<S, K, P> {
  const core = useWidgetCore(definition as WidgetDefinition<S, ModelKind, unknown>, props, true, options.painter);
  const { store } = core.instance;
  const [controller] = useState(() => {
    const run = definition.run;
    if (!run) throw new Error(`widget "${definition.name}" declares no run`);
    return new RunController<S, Models[K]>(store, trainingSetup(definition.models[0], run, core.painter, options));
  });
  return { ...core, controller };
}

/** A view that trains nothing (it may still evaluate in the worker): store and painter. */
export function useStaticWidget<S extends WidgetSchema, P extends AnyPainter<StateOf<S>>>(
  definition: WidgetDefinition<S, ModelKind, unknown>,
  props: WidgetProps,
  makePainter: (params: StateOf<S>) => P,
): WidgetHandles<S, P> {
  return useWidgetCore(definition, props, false, makePainter);
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The controller's setup for a widget's declared run. Live or fresh is
 * decided on the configs, not on parameter names: the keys whose values
 * changed since the runs were made (or last patched) are sent when all are
 * live; any other change, or a new seed, makes fresh runs; none at all sends
 * nothing (the painter already has the new parameters).
 */
export function trainingSetup<S extends WidgetSchema, K extends ModelKind, Input, P extends FramePainter<FrameOf<Models[K]>>>(
  kind: K,
  run: WidgetRun<S, K, Input>,
  painter: P,
  options: Pick<TrainingOptions<S, K, Input, P>, 'prepared' | 'input'>,
): TrainingSetup<S, Models[K]> {
  type Config = ConfigOf<Models[K]>;
  const live = new Set<PropertyKey>(run.live);
  const configsOf = (params: StateOf<S>): Config[] => {
    const c = run.config(params, options.input?.() as Input);
    return Array.isArray(c) ? [...c] : [c as Config];
  };
  // What the open runs were built from (or last patched to), and their seed.
  let sent: { configs: Config[]; seed: number } | null = null;
  return {
    specs(params) {
      const configs = configsOf(params);
      const seed = run.seed?.(params) ?? 0;
      sent = { configs, seed };
      return configs.map((config) => ({ kind, seed, config }));
    },
    livePatch(_changed, params) {
      const configs = configsOf(params);
      const seed = run.seed?.(params) ?? 0;
      if (!sent || sent.seed !== seed || sent.configs.length !== configs.length) return null;
      const patches = configs.map((config, i) => {
        const before = sent!.configs[i] as Record<string, unknown>;
        const after = config as Record<string, unknown>;
        const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
        return Object.fromEntries([...keys].filter((k) => !sameValue(before[k], after[k])).map((k) => [k, after[k]]));
      });
      if (patches.some((patch) => Object.keys(patch).some((k) => !live.has(k)))) return null;
      sent = { configs, seed };
      // Every key was just checked against run.live, which the types tie to the model's live setters.
      return patches as LivePatch<Models[K]>[];
    },
    draw: (snapshots) => painter.frames(snapshots),
    prepared: options.prepared && ((runs) => options.prepared!(runs, painter)),
    data: run.data,
  };
}

export type { WidgetProps };
