'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useStore } from 'zustand';
import { withMinus } from '@/components/ui/format';
import { currentTheme, dataAt, pointerInViewBox, watchTheme } from '@/components/plots';
import { CHART_BOX, drawLossChart } from '@/components/widgets/descent-playground/draw';
import { renderChanged, textChanged } from '@/components/widgets/fit-a-line/dom';
import { drawFit, FIT_COLOR, lineOf } from '@/components/widgets/fit-a-line/draw';
import { FitControls } from '@/components/widgets/fit-a-line/FitControls';
import { LOSSES, OBJECTIVE_TEXT } from '@/components/widgets/fit-a-line/losses';
import type { Line, LinearFitConfig } from '@/components/widgets/fit-a-line/model';
import { PRESETS, type Point } from '@/components/widgets/fit-a-line/presets';
import { pointsOnPage, sharedPoints } from '@/components/widgets/fit-a-line/shared';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { RunController, type TrainingSetup } from '@/components/widgets/kit/run-controller';
import { useWidgetStore } from '@/components/widgets/kit/useWidgetStore';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import type { WidgetProps } from '@/components/widgets/registry';
import type { Snapshot } from '@/workers/api';
import { drawSurface, drawSurfaceContours, INSET_BOX, onMap, SURFACE_BOX, surfaceGrid, surfaceScales } from './draw';
import { lossSurfaceSchema, MAX_STEPS, startOf, WINDOW, type SurfaceParams } from './schema';
import styles from './styles.module.css';

type Schema = typeof lossSurfaceSchema;

const LIVE_KEYS = new Set(['lr', 'speed']);
/** Shared points arrive at most this often while the reader drags them in fit-a-line. */
const SHARED_INTERVAL_MS = 150;

function configOf(p: SurfaceParams, points: readonly Point[]): LinearFitConfig {
  return { points, loss: p.loss, delta: p.delta, ridge: p.ridge, lr: p.lr, speed: p.speed, start: startOf(p), track: true, maxSteps: MAX_STEPS };
}

/** What the field depends on: the data and the objective, not the start or the rate. */
function fieldKeyOf(p: SurfaceParams, points: readonly Point[]): string {
  return JSON.stringify([points, p.loss, p.loss === 'huber' ? p.delta : null, p.ridge]);
}

/** (w, b) to two decimals: enough to compare with the axes, short enough for a phone. */
const fixed2 = (v: number) => (Math.abs(v) < 0.005 ? '0.00' : withMinus(v.toFixed(2)));
const pair = (w: number, b: number) => `(${fixed2(w)}, ${fixed2(b)})`;

/** Keeps what the pictures need and repaints at most once per animation frame. */
class Painter {
  surface: SVGSVGElement | null = null;
  inset: SVGSVGElement | null = null;
  chart: SVGSVGElement | null = null;
  nowReadout: HTMLElement | null = null;
  minimumReadout: HTMLElement | null = null;
  snapshot: Snapshot | null = null;
  points: readonly Point[] = [];
  start: Point = [0, 0];
  field: { key: string; values: Float32Array } | null = null;
  private contours = { key: '', markup: '' };
  private frame = 0;

  request(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  /** Contours change only with the field or the theme. */
  private contoursNow(): string {
    const theme = currentTheme();
    const key = this.field ? `${this.field.key}|${theme}` : '';
    if (key !== this.contours.key) this.contours = { key, markup: this.field ? drawSurfaceContours(this.field.values, theme) : '' };
    return this.contours.markup;
  }

  paint(): void {
    const data = this.snapshot?.data;
    const path = (data?.path as Float32Array | null | undefined) ?? null;
    const losses = (data?.losses as Float32Array | null | undefined) ?? null;
    const now = lineOf(this.snapshot, 'fit');
    const minimum = lineOf(this.snapshot, 'closed');
    if (this.surface) renderChanged(this.surface, drawSurface({ contours: this.contoursNow(), start: this.start, path, minimum }));
    if (this.inset) renderChanged(this.inset, drawFit({ points: this.points, fit: now, closed: minimum }, INSET_BOX));
    if (this.chart) {
      const run = { label: 'gradient descent', color: FIT_COLOR, path, losses, diverged: this.snapshot?.state === 'diverged' };
      renderChanged(this.chart, drawLossChart({ runs: [run], axis: 'log' }));
    }
    if (this.nowReadout) textChanged(this.nowReadout, now ? pair(now.w, now.b) : '—');
    if (this.minimumReadout) {
      textChanged(this.minimumReadout, minimum ? `${pair(minimum.w, minimum.b)}${onMap(minimum) ? '' : ', off this map'}` : '—');
    }
  }
}

export default function LossSurface({ id, embedded }: WidgetProps) {
  const instanceId = id ?? lossSurfaceSchema.name;
  const instance = useWidgetStore(lossSurfaceSchema, instanceId, true);
  const { store } = instance;
  const params = useStore(store, (s) => s.params) as SurfaceParams;
  const setParams = useStore(store, (s) => s.setParams);
  // Points shared by a fit-a-line figure on the page; null when alone (then the preset is the data).
  const [shared, setShared] = useState<readonly Point[] | null>(() => pointsOnPage());
  const sharedRef = useRef(shared);
  const surfaceRef = useRef<SVGSVGElement>(null);
  const insetRef = useRef<SVGSVGElement>(null);
  const chartRef = useRef<SVGSVGElement>(null);
  const nowRef = useRef<HTMLOutputElement>(null);
  const minimumRef = useRef<HTMLOutputElement>(null);

  const dataOf = (p: SurfaceParams) => sharedRef.current ?? PRESETS[p.preset].points;

  const painter = useMemo(() => new Painter(), []);
  const controller = useMemo(() => {
    const setup: TrainingSetup<Schema> = {
      specs: (p) => [{ kind: 'linear-fit', seed: 0, config: configOf(p as SurfaceParams, dataOf(p as SurfaceParams)) }],
      livePatch(changed, p) {
        if (!changed.every((k) => LIVE_KEYS.has(k as string))) return null;
        return [{ lr: p.lr, speed: p.speed }];
      },
      draw(snapshots) {
        painter.snapshot = snapshots[0];
        painter.request();
      },
      async prepared(runs) {
        const p = store.getState().params as SurfaceParams;
        const points = dataOf(p);
        painter.points = points;
        const key = fieldKeyOf(p, points);
        if (painter.field?.key === key) return;
        const values = await runs[0].evaluate<Float32Array>({ type: 'field', grid: surfaceGrid() });
        painter.field = { key, values };
        painter.request();
      },
    };
    return new RunController(store, setup);
  }, [store, painter]);

  useEffect(() => {
    painter.surface = surfaceRef.current;
    painter.inset = insetRef.current;
    painter.chart = chartRef.current;
    painter.nowReadout = nowRef.current;
    painter.minimumReadout = minimumRef.current;
    painter.paint();
    return watchTheme(() => painter.paint());
  }, [painter]);

  useEffect(() => {
    painter.start = startOf(params);
    painter.request();
  }, [painter, params]);

  // New shared points: fresh runs on the new surface (playing on if they were). Throttled while the reader drags.
  useEffect(() => {
    let timer = 0;
    let last = 0;
    const apply = () => {
      timer = 0;
      last = performance.now();
      const next = sharedPoints.get() ?? null;
      if (JSON.stringify(next) === JSON.stringify(sharedRef.current)) return;
      sharedRef.current = next;
      setShared(next);
      const wasTraining = store.getState().status.state === 'training';
      void controller.reset().then((current) => (current && wasTraining ? controller.play() : undefined));
    };
    const unsubscribe = sharedPoints.subscribe(() => {
      if (!timer) timer = window.setTimeout(apply, Math.max(0, SHARED_INTERVAL_MS - (performance.now() - last)));
    });
    if (sharedPoints.get() !== undefined) apply();
    return () => {
      window.clearTimeout(timer);
      unsubscribe();
    };
  }, [store, controller]);

  const start = startOf(params);
  const clampStart = (w: number, b: number): [number, number] => [
    Math.round(Math.min(WINDOW.w[1], Math.max(WINDOW.w[0], w)) * 100) / 100,
    Math.round(Math.min(WINDOW.b[1], Math.max(WINDOW.b[0], b)) * 100) / 100,
  ];

  function placeStart(e: MouseEvent<SVGSVGElement>) {
    const at = pointerInViewBox(e.currentTarget, e.clientX, e.clientY);
    if (!at) return;
    const { x, y } = surfaceScales();
    const [w, b] = dataAt(x, y, at[0], at[1]);
    setParams({ start: [clampStart(w, b)] });
  }

  function moveStart(e: KeyboardEvent<SVGSVGElement>) {
    const step = e.shiftKey ? 0.5 : 0.1;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    setParams({ start: [clampStart(start[0] + move[0], start[1] + move[1])] });
  }

  const points = shared ?? PRESETS[params.preset].points;
  const controls = (
    <>
      {shared ? (
        <p className={styles.dataNote}>
          <span className="ui-label">Data</span> the {shared.length} points of “Fit a line” on this page; edit them there.
        </p>
      ) : (
        <ParamControl schema={lossSurfaceSchema} store={store} name="preset" />
      )}
      <FitControls schema={lossSurfaceSchema} store={store} />
    </>
  );

  return (
    <WidgetFrame
      instance={instance}
      title="Loss surface"
      description="Filled contours of the mean loss of a line's fit over its slope w and intercept b, with the path of gradient descent from a start you choose and the exact least-squares minimum marked; beside it, the data with the current line, and the loss against the step."
      controller={controller}
      embedded={embedded}
      embedHeight={880}
      lossLabel="loss 𝓛(w, b)"
      controls={controls}
    >
      <div className={styles.layout}>
        <svg
          ref={surfaceRef}
          className={styles.surface}
          viewBox={`0 0 ${SURFACE_BOX.width} ${SURFACE_BOX.height}`}
          role="application"
          tabIndex={0}
          aria-label={`Loss over slope w and intercept b for ${points.length} points. Start at w = ${start[0]}, b = ${start[1]}. Click to place the start; arrow keys move it (Shift for larger steps).`}
          onClick={placeStart}
          onKeyDown={moveStart}
          data-start={`${start[0]},${start[1]}`}
        />
        <div className={styles.side}>
          <svg ref={insetRef} viewBox={`0 0 ${INSET_BOX.width} ${INSET_BOX.height}`} role="img" aria-label="The data with the current line and, dashed, the least-squares line" />
          <svg ref={chartRef} viewBox={`0 0 ${CHART_BOX.width} ${CHART_BOX.height}`} role="img" aria-label="Loss against step" />
        </div>
        <div className={styles.key}>
          <ul className={styles.legend} aria-label="Marks on the surface">
            <li>
              <span className={styles.ring} aria-hidden="true" />
              <span>start</span>
              <output className={styles.readout}>{pair(start[0], start[1])}</output>
            </li>
            <li>
              <span className={styles.dot} aria-hidden="true" />
              <span>gradient descent now</span>
              <output ref={nowRef} className={styles.readout} data-readout="now" />
            </li>
            <li>
              <span className={styles.plus} aria-hidden="true">
                +
              </span>
              <span>least-squares minimum{params.ridge > 0 ? ' (ridge)' : ''}</span>
              <output ref={minimumRef} className={styles.readout} data-readout="minimum" />
            </li>
          </ul>
          <p className={styles.formula}>
            {OBJECTIVE_TEXT}, {LOSSES[params.loss].text}
            {params.loss === 'huber' ? `, δ = ${params.delta}` : ''}
            {params.ridge > 0 ? `; λ = ${params.ridge}` : ''}
          </p>
        </div>
      </div>
    </WidgetFrame>
  );
}
