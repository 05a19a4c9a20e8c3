'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { CLASS_COLORS, paintHeatmap, renderSvg, watchTheme } from '@/components/plots';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { RunController, type TrainingSetup } from '@/components/widgets/kit/run-controller';
import { useWidgetStore } from '@/components/widgets/kit/useWidgetStore';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import type { Snapshot } from '@/workers/api';
import type { WidgetProps } from '@/components/widgets/registry';
import { confusionAt, type Confusion } from './calibration';
import type { ClassifierConfig } from './model';
import {
  drawBoundary,
  drawFieldFrame,
  drawLossChart,
  drawPoints,
  drawReliabilityBars,
  drawReliabilityFrame,
  drawReliabilityGrid,
  drawRings,
  FIELD_BOX,
  fieldPixels,
  LOSS_BOX,
  predictedClasses,
  RELIABILITY_BOX,
} from './draw';
import { classifierSchema, DATASETS, FIELD_GRID, MAX_STEPS, TEST_POINTS, type ClassifierParams } from './schema';
import styles from './styles.module.css';

type Schema = typeof classifierSchema;

const LIVE_KEYS = new Set(['lr', 'speed']);
/** Parameters that only change the picture (the run goes on untouched). */
const DRAW_KEYS = new Set(['tau']);

function configOf(p: ClassifierParams): ClassifierConfig {
  return { dataset: p.dataset, n: p.n, noise: p.noise, loss: p.loss, init: p.init, lr: p.lr, speed: p.speed, maxSteps: MAX_STEPS, grid: FIELD_GRID };
}

interface Readout {
  classes: number;
  confusion: Confusion | null;
  trainAccuracy: number | null;
  testAccuracy: number | null;
  ece: number | null;
}

const EMPTY_READOUT: Readout = { classes: 2, confusion: null, trainAccuracy: null, testAccuracy: null, ece: null };
const READOUT_INTERVAL_MS = 100;

type LayerName = 'frame' | 'boundary' | 'points' | 'rings' | 'relGrid' | 'relBars' | 'relFrame' | 'loss';

/**
 * Keeps the latest snapshot and repaints at most once per animation frame.
 * Each picture is a stack of SVG layers; a layer whose markup did not
 * change is left alone, so the axes and the training points are not
 * rebuilt by the browser on every frame.
 */
class Painter {
  canvas: HTMLCanvasElement | null = null;
  layers: Partial<Record<LayerName, SVGGElement | null>> = {};
  snapshot: Snapshot | null = null;
  params: ClassifierParams;
  onReadout: (r: Readout) => void = () => undefined;
  private shown = new Map<LayerName, string>();
  private frame = 0;
  private lastReadout = 0;
  private trailing = 0;

  constructor(params: ClassifierParams) {
    this.params = params;
  }

  request(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    window.clearTimeout(this.trailing);
  }

  /** Forget what is on screen (after a theme change, or new elements). */
  invalidate(): void {
    this.shown.clear();
  }

  private layer(name: LayerName, markup: () => string, key?: string): void {
    const target = this.layers[name];
    if (!target) return;
    const next = key ?? markup();
    if (this.shown.get(name) === next) return;
    this.shown.set(name, next);
    renderSvg(target, key === undefined ? next : markup());
  }

  paint(): void {
    const data = this.snapshot?.data;
    if (!data) return;
    const classes = data.classes as number;
    if (this.canvas) {
      const ctx = this.canvas.getContext('2d');
      if (ctx) {
        const dpr = window.devicePixelRatio || 1;
        const w = Math.round(FIELD_BOX.width * dpr);
        if (this.canvas.width !== w) {
          this.canvas.width = w;
          this.canvas.height = Math.round(FIELD_BOX.height * dpr);
        }
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        paintHeatmap(ctx, fieldPixels(data.field as Float32Array, classes), FIELD_GRID.nx, FIELD_GRID.ny, FIELD_BOX);
      }
    }
    const state = {
      classes,
      points: data.points as Float32Array,
      labels: data.labels as Float32Array,
      trainProbs: data.trainProbs as Float32Array,
      weights: data.weights as Float32Array,
      tau: this.params.tau,
    };
    const binary = classes === 2;
    // The points are fixed for a run: their coordinates are the key.
    const pointsKey = `${state.labels.join(',')}|${state.points.join(',')}`;
    this.layer('frame', drawFieldFrame, 'frame');
    this.layer('boundary', () => drawBoundary(state));
    this.layer('points', () => drawPoints(state.points, state.labels), pointsKey);
    this.layer('rings', () => drawRings(state));
    this.layer('relGrid', drawReliabilityGrid, 'grid');
    this.layer('relBars', () =>
      drawReliabilityBars({
        confidence: data.relConfidence as Float32Array,
        frequency: data.relFrequency as Float32Array,
        count: data.relCount as Float32Array,
        binary,
      }),
    );
    this.layer('relFrame', () => drawReliabilityFrame(binary), `frame|${binary}`);
    this.layer('loss', () => drawLossChart(data.losses as Float32Array, this.params.loss === 'ce' ? 'cross-entropy' : 'squared error'));
    this.readout(() => {
      const predicted = predictedClasses(state);
      let right = 0;
      predicted.forEach((k, i) => (right += k === state.labels[i] ? 1 : 0));
      return {
        classes,
        confusion: binary ? confusionAt(state.trainProbs, state.labels, state.tau) : null,
        trainAccuracy: state.labels.length ? right / state.labels.length : null,
        testAccuracy: data.testAccuracy as number,
        ece: data.ece as number,
      };
    });
  }

  /** React hears about the numbers at most ten times a second, and always about the last. */
  private readout(make: () => Readout): void {
    const now = performance.now();
    window.clearTimeout(this.trailing);
    if (now - this.lastReadout >= READOUT_INTERVAL_MS) {
      this.lastReadout = now;
      this.onReadout(make());
    } else {
      this.trailing = window.setTimeout(() => this.readout(make), READOUT_INTERVAL_MS);
    }
  }
}

export default function Classifier2d({ id, embedded }: WidgetProps) {
  const instanceId = id ?? classifierSchema.name;
  const instance = useWidgetStore(classifierSchema, instanceId, true);
  const { store } = instance;
  const params = useStore(store, (s) => s.params) as ClassifierParams;
  const setParams = useStore(store, (s) => s.setParams);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const layerRefs = useRef<Partial<Record<LayerName, SVGGElement | null>>>({});
  const layerRef = (name: LayerName) => (el: SVGGElement | null) => {
    layerRefs.current[name] = el;
  };
  const [readout, setReadout] = useState<Readout>(EMPTY_READOUT);

  const painter = useMemo(() => new Painter(store.getState().params as ClassifierParams), [store]);
  const controller = useMemo(() => {
    const setup: TrainingSetup<Schema> = {
      specs: (p) => [{ kind: 'classifier', seed: (p as ClassifierParams).seed, config: configOf(p as ClassifierParams) }],
      livePatch(changed, p) {
        const keys = changed as string[];
        if (!keys.every((k) => LIVE_KEYS.has(k) || DRAW_KEYS.has(k))) return null;
        const q = p as ClassifierParams;
        return [keys.some((k) => LIVE_KEYS.has(k)) ? { lr: q.lr, speed: q.speed } : {}];
      },
      draw(snapshots) {
        painter.snapshot = snapshots[0];
        painter.request();
      },
    };
    return new RunController(store, setup);
  }, [store, painter]);

  useEffect(() => {
    painter.canvas = canvasRef.current;
    painter.layers = layerRefs.current;
    painter.onReadout = setReadout;
    painter.invalidate();
    painter.paint();
    const unwatch = watchTheme(() => painter.paint());
    return () => {
      unwatch();
      painter.dispose();
    };
  }, [painter]);

  useEffect(() => {
    painter.params = params;
    painter.request();
  }, [painter, params]);

  const classes = DATASETS[params.dataset].classes;
  const binary = classes === 2;
  const c = readout.confusion;

  const controls = (
    <>
      <ParamControl schema={classifierSchema} store={store} name="dataset" />
      <ParamControl schema={classifierSchema} store={store} name="loss" />
      <ParamControl schema={classifierSchema} store={store} name="init" />
      <ParamControl schema={classifierSchema} store={store} name="tau" disabled={!binary} />
      <ParamControl schema={classifierSchema} store={store} name="lr" />
      <ParamControl schema={classifierSchema} store={store} name="n" />
      <ParamControl schema={classifierSchema} store={store} name="noise" />
      <ParamControl schema={classifierSchema} store={store} name="speed" />
      <div className={styles.sample}>
        <span className="ui-label">Sample {params.seed}</span>
        <button type="button" className="ui-button" data-action="resample" onClick={() => setParams({ seed: (params.seed + 1) % 10000 })}>
          New sample
        </button>
      </div>
    </>
  );

  const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);

  return (
    <WidgetFrame
      instance={instance}
      title="A linear classifier, trained live"
      description="Points of two or three classes in the plane with the probability field of a logistic or softmax regression coloured behind them and its decision boundary drawn as a line; beside it the confusion counts at the threshold, a reliability diagram on held-out points and the training loss."
      controller={controller}
      embedded={embedded}
      embedHeight={900}
      lossLabel={params.loss === 'ce' ? 'cross-entropy' : 'squared error'}
      controls={controls}
    >
      <div className={styles.layout}>
        <div className={styles.main}>
          <div className={styles.field}>
            <canvas ref={canvasRef} className={styles.canvas} aria-hidden="true" />
            <svg
              className={styles.overlay}
              viewBox={`0 0 ${FIELD_BOX.width} ${FIELD_BOX.height}`}
              role="img"
              aria-label={`${DATASETS[params.dataset].label}: ${params.n} training points, coloured by class, over the model's probability field; the black line is the decision boundary${binary ? ` at τ = ${params.tau}` : ''}; ringed points are misclassified.`}
            >
              <g ref={layerRef('frame')} />
              <g ref={layerRef('boundary')} />
              <g ref={layerRef('points')} />
              <g ref={layerRef('rings')} />
            </svg>
          </div>
          <svg viewBox={`0 0 ${LOSS_BOX.width} ${LOSS_BOX.height}`} role="img" aria-label="Training loss against the step">
            <g ref={layerRef('loss')} />
          </svg>
        </div>
        <div className={styles.side}>
          <ul className={styles.legend} aria-label="Classes">
            {Array.from({ length: classes }, (_, k) => (
              <li key={k}>
                <span className={styles.dot} style={{ background: CLASS_COLORS[k] }} aria-hidden="true" />
                class {k}
              </li>
            ))}
          </ul>
          {binary ? (
            <table className={styles.confusion} data-testid="confusion">
              <caption>Training points at τ = {params.tau.toFixed(2)}</caption>
              <thead>
                <tr>
                  <td />
                  <th scope="col">predicted 0</th>
                  <th scope="col">predicted 1</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">class 0</th>
                  <td data-cell="tn">{c ? c.tn : '—'}</td>
                  <td data-cell="fp">{c ? c.fp : '—'}</td>
                </tr>
                <tr>
                  <th scope="row">class 1</th>
                  <td data-cell="fn">{c ? c.fn : '—'}</td>
                  <td data-cell="tp">{c ? c.tp : '—'}</td>
                </tr>
              </tbody>
            </table>
          ) : null}
          <dl className={styles.metrics}>
            <div>
              <dt>training accuracy{binary ? ' at τ' : ''}</dt>
              <dd data-metric="train-accuracy">{pct(readout.trainAccuracy)}</dd>
            </div>
            <div>
              <dt>held-out accuracy</dt>
              <dd data-metric="test-accuracy">{pct(readout.testAccuracy)}</dd>
            </div>
            <div>
              <dt>calibration error (ECE)</dt>
              <dd data-metric="ece">{readout.ece === null ? '—' : readout.ece.toFixed(3)}</dd>
            </div>
          </dl>
          <svg
            viewBox={`0 0 ${RELIABILITY_BOX.width} ${RELIABILITY_BOX.height}`}
            role="img"
            aria-label={`Reliability diagram on ${TEST_POINTS} held-out points: bars show how often the predicted event happened in each bin of predicted probability; the dashed diagonal is perfect calibration; grey bars above the plot count the points per bin.`}
          >
            <g ref={layerRef('relGrid')} />
            <g ref={layerRef('relBars')} />
            <g ref={layerRef('relFrame')} />
          </svg>
        </div>
      </div>
    </WidgetFrame>
  );
}

