'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useStore } from 'zustand';
import { currentTheme, dataAt, pointerInViewBox, renderSvg, watchTheme } from '@/components/plots';
import { Select } from '@/components/ui/Select';
import { formatValue } from '@/components/ui/format';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { RunController, type TrainingSetup } from '@/components/widgets/kit/run-controller';
import { useWidgetStore } from '@/components/widgets/kit/useWidgetStore';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import type { Snapshot } from '@/workers/api';
import type { WidgetProps } from '@/components/widgets/registry';
import type { DescentConfig } from './model';
import { CHART_BOX, drawContours, drawLandscape, drawLossChart, gridOf, LANDSCAPE_BOX, scalesOf, type RunPicture } from './draw';
import { descentSchema, MAX_STEPS, OPTIMIZERS, startOf, type DescentParams } from './schema';
import { SURFACES, type SurfaceName } from './surfaces';

type Schema = typeof descentSchema;

const LIVE_KEYS = new Set(['lr', 'momentum', 'adamLr', 'speed']);

function configsOf(p: DescentParams): DescentConfig[] {
  return OPTIMIZERS.map((o) => ({
    surface: p.surface,
    start: startOf(p),
    optimizer: o.name,
    lr: o.name === 'adam' ? p.adamLr : p.lr,
    momentum: p.momentum,
    speed: p.speed,
    maxSteps: MAX_STEPS,
  }));
}

/** Keeps what the pictures need and repaints at most once per animation frame. */
class Painter {
  landscape: SVGSVGElement | null = null;
  chart: SVGSVGElement | null = null;
  fields = new Map<SurfaceName, Float32Array>();
  private contours = { key: '', markup: '' };
  snapshots: readonly (Snapshot | null)[] = [];
  params: DescentParams;
  onRuns: (runs: RunPicture[]) => void = () => undefined;
  private frame = 0;

  constructor(params: DescentParams) {
    this.params = params;
  }

  runs(): RunPicture[] {
    return OPTIMIZERS.map((o, k) => {
      const s = this.snapshots[k];
      return {
        label: o.label,
        color: o.color,
        path: (s?.data.path as Float32Array | undefined) ?? null,
        losses: (s?.data.losses as Float32Array | undefined) ?? null,
        diverged: s?.state === 'diverged',
      };
    });
  }

  request(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  /** Contours change only with the landscape or the theme. */
  private contoursOf(surface: SurfaceName): string {
    const field = this.fields.get(surface);
    const theme = currentTheme();
    const key = field ? `${surface}|${theme}` : '';
    if (key !== this.contours.key) this.contours = { key, markup: field ? drawContours(surface, field, theme) : '' };
    return this.contours.markup;
  }

  paint(): void {
    const runs = this.runs();
    const { surface } = this.params;
    if (this.landscape) {
      renderSvg(this.landscape, drawLandscape({ surface, contours: this.contoursOf(surface), start: startOf(this.params), runs }));
    }
    if (this.chart) renderSvg(this.chart, drawLossChart({ runs, axis: SURFACES[surface].lossAxis }));
    this.onRuns(runs);
  }
}

export default function DescentPlayground({ id, embedded }: WidgetProps) {
  const instanceId = id ?? descentSchema.name;
  const instance = useWidgetStore(descentSchema, instanceId, true);
  const { store } = instance;
  const params = useStore(store, (s) => s.params) as DescentParams;
  const setParams = useStore(store, (s) => s.setParams);
  const landscapeRef = useRef<SVGSVGElement>(null);
  const chartRef = useRef<SVGSVGElement>(null);
  const [legend, setLegend] = useState<{ label: string; color: string; status: string }[]>([]);

  const painter = useMemo(() => new Painter(store.getState().params as DescentParams), [store]);
  const controller = useMemo(() => {
    const setup: TrainingSetup<Schema> = {
      specs: (p) => configsOf(p as DescentParams).map((config) => ({ kind: 'descent', seed: 0, config })),
      livePatch(changed, p) {
        if (!changed.every((k) => LIVE_KEYS.has(k as string))) return null;
        const q = p as DescentParams;
        return OPTIMIZERS.map((o) => ({ lr: o.name === 'adam' ? q.adamLr : q.lr, momentum: q.momentum, speed: q.speed }));
      },
      draw(snapshots) {
        painter.snapshots = snapshots;
        painter.request();
      },
      async prepared(runs) {
        const surface = painter.params.surface;
        if (painter.fields.has(surface)) return;
        const field = await runs[0].evaluate<Float32Array>({ type: 'field', grid: gridOf(surface) });
        painter.fields.set(surface, field);
        painter.request();
      },
    };
    return new RunController(store, setup);
  }, [store, painter]);

  useEffect(() => {
    painter.landscape = landscapeRef.current;
    painter.chart = chartRef.current;
    painter.onRuns = (runs) => {
      const snaps = painter.snapshots;
      setLegend(
        runs.map((r, k) => {
          const s = snaps[k];
          const last = r.losses && r.losses.length ? r.losses[r.losses.length - 1] : null;
          const status = s?.state === 'diverged' ? `diverged at step ${s.divergedAt}` : `loss ${formatValue(last)}`;
          return { label: r.label, color: r.color, status };
        }),
      );
    };
    painter.paint();
    return watchTheme(() => painter.paint());
  }, [painter]);

  useEffect(() => {
    painter.params = params;
    painter.request();
  }, [painter, params]);

  const { x, y } = scalesOf(params.surface);
  const start = startOf(params);
  const [x0, x1, y0, y1] = SURFACES[params.surface].domain;
  const round = (v: number) => Math.round(v * 100) / 100;
  const clampStart = (sx: number, sy: number): [number, number] => [
    round(Math.min(Math.max(sx, Math.max(x0, -3)), Math.min(x1, 3))),
    round(Math.min(Math.max(sy, Math.max(y0, -3)), Math.min(y1, 3))),
  ];

  function placeStart(e: MouseEvent<SVGSVGElement>) {
    const at = pointerInViewBox(e.currentTarget, e.clientX, e.clientY);
    if (!at) return;
    const [dx, dy] = dataAt(x, y, at[0], at[1]);
    setParams({ start: [clampStart(dx, dy)] });
  }

  function moveStart(e: KeyboardEvent<SVGSVGElement>) {
    const step = e.shiftKey ? 0.25 : 0.05;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    setParams({ start: [clampStart(start[0] + move[0], start[1] + move[1])] });
  }

  function chooseSurface(surface: SurfaceName) {
    const { lr, adamLr } = SURFACES[surface].suggested;
    setParams({ surface, start: [], lr, adamLr });
  }

  const controls = (
    <>
      <Select label="Landscape" value={params.surface} options={descentSchema.params.surface.options} onChange={chooseSurface} />
      <ParamControl schema={descentSchema} store={store} name="lr" />
      <ParamControl schema={descentSchema} store={store} name="momentum" />
      <ParamControl schema={descentSchema} store={store} name="adamLr" />
      <ParamControl schema={descentSchema} store={store} name="speed" />
    </>
  );

  return (
    <WidgetFrame
      instance={instance}
      title="Descent playground"
      description="Contours of a function of two parameters with the paths of gradient descent, momentum and Adam from the same start, and their losses against the step."
      controller={controller}
      embedded={embedded}
      embedHeight={760}
      lossLabel="loss (gradient descent)"
      controls={controls}
    >
      <div className="descent-layout">
        <div className="descent-landscape">
          <svg
            ref={landscapeRef}
            viewBox={`0 0 ${LANDSCAPE_BOX.width} ${LANDSCAPE_BOX.height}`}
            role="application"
            tabIndex={0}
            aria-label={`Landscape ${SURFACES[params.surface].label}. Start at θ₁ = ${start[0]}, θ₂ = ${start[1]}. Click to place the start; arrow keys move it (Shift for larger steps).`}
            onClick={placeStart}
            onKeyDown={moveStart}
            data-start={`${start[0]},${start[1]}`}
          />
        </div>
        <div className="descent-side">
          <ul className="descent-legend" aria-label="Optimisers">
            {(legend.length ? legend : OPTIMIZERS.map((o) => ({ label: o.label, color: o.color, status: '' }))).map((l) => (
              <li key={l.label}>
                <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
                <span className="legend-label">{l.label}</span>
                <span className="legend-status">{l.status}</span>
              </li>
            ))}
          </ul>
          <svg ref={chartRef} viewBox={`0 0 ${CHART_BOX.width} ${CHART_BOX.height}`} role="img" aria-label="Loss against step for each optimiser" />
          <p className="descent-formula">
            <span className="ui-label">𝓛(θ) =</span> <span className="formula-text">{SURFACES[params.surface].text}</span>
          </p>
        </div>
      </div>
    </WidgetFrame>
  );
}
