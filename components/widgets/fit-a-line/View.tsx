'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { useStore } from 'zustand';
import { dataAt, insideRect, innerRect, pointerInViewBox } from '@/components/plots';
import { Select } from '@/components/ui/Select';
import { formatValue } from '@/components/ui/format';
import { RunController, type TrainingSetup } from '@/components/widgets/kit/run-controller';
import { useWidgetStore } from '@/components/widgets/kit/useWidgetStore';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import type { Snapshot } from '@/workers/api';
import type { WidgetProps } from '@/components/widgets/registry';
import type { Line, LinearFitConfig } from './model';
import { drawFit, FIT_BOX, FIT_COLOR, lineOf, RESIDUAL_COLOR, scalesOf } from './draw';
import { renderChanged, textChanged } from './dom';
import { addPoint, freeSpot, movePoint, placeable, removePoint } from './editing';
import { FitControls } from './FitControls';
import { CLOSED_FORM_TEXT, LOSSES, OBJECTIVE_TEXT } from './losses';
import { PointsTable } from './PointsTable';
import { PRESETS, PRESET_NAMES, presetOf, type Point, type PresetName } from './presets';
import { fitALineSchema, MIN_POINTS, type FitParams } from './schema';
import { sharedPoints } from './shared';
import styles from './styles.module.css';

type Schema = typeof fitALineSchema;

/** Changes that move the best line: after one, an idle or paused run plays, so the line follows. */
const REFIT_KEYS = ['points', 'loss', 'delta', 'ridge'] as const;

function configOf(p: FitParams): LinearFitConfig {
  return { points: p.points, loss: p.loss, delta: p.delta, ridge: p.ridge, lr: p.lr, speed: p.speed, start: [0, 0], track: false };
}

/** ŷ = w·x + b as a readout. */
function lineText(line: Line | null): string {
  if (!line) return '—';
  const sign = line.b < 0 ? '−' : '+';
  return `ŷ = ${formatValue(line.w)}·x ${sign} ${formatValue(Math.abs(line.b))}`;
}

/** Keeps what the picture needs and repaints at most once per animation frame; readouts are written straight to the DOM. */
class Painter {
  plot: SVGSVGElement | null = null;
  fitReadout: HTMLElement | null = null;
  closedReadout: HTMLElement | null = null;
  snapshot: Snapshot | null = null;
  points: readonly Point[];
  selected: number | null = null;
  private frame = 0;

  constructor(points: readonly Point[]) {
    this.points = points;
  }

  request(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  paint(): void {
    const fit = lineOf(this.snapshot, 'fit');
    const closed = lineOf(this.snapshot, 'closed');
    // A converged line redraws to the same markup: then the DOM is left alone (no layout, no paint).
    if (this.plot) renderChanged(this.plot, drawFit({ points: this.points, fit, closed, selected: this.selected, editable: true }));
    if (this.fitReadout) textChanged(this.fitReadout, lineText(fit));
    if (this.closedReadout) textChanged(this.closedReadout, lineText(closed));
  }
}

export default function FitALine({ id, embedded }: WidgetProps) {
  const instanceId = id ?? fitALineSchema.name;
  const instance = useWidgetStore(fitALineSchema, instanceId, true);
  const { store } = instance;
  const params = useStore(store, (s) => s.params) as FitParams;
  const setParams = useStore(store, (s) => s.setParams);
  const [selected, setSelected] = useState<number | null>(null);
  const plotRef = useRef<SVGSVGElement>(null);
  const fitRef = useRef<HTMLOutputElement>(null);
  const closedRef = useRef<HTMLOutputElement>(null);
  const drag = useRef<{ index: number; pointerId: number } | null>(null);
  const suppressClick = useRef(false);

  const painter = useMemo(() => new Painter(store.getState().params.points), [store]);
  const controller = useMemo(() => {
    const setup: TrainingSetup<Schema> = {
      specs: (p) => [{ kind: 'linear-fit', seed: 0, config: configOf(p as FitParams) }],
      // Everything applies mid-run: the line keeps its place and walks to the new best fit.
      livePatch: (changed, p) => [Object.fromEntries(changed.map((k) => [k, (p as Record<string, unknown>)[k]]))],
      draw(snapshots) {
        painter.snapshot = snapshots[0];
        painter.request();
      },
    };
    return new RunController(store, setup);
  }, [store, painter]);

  useEffect(() => {
    painter.plot = plotRef.current;
    painter.fitReadout = fitRef.current;
    painter.closedReadout = closedRef.current;
    painter.paint();
  }, [painter]);

  useEffect(() => {
    painter.points = params.points;
    painter.selected = selected !== null && selected < params.points.length ? selected : null;
    painter.request();
  }, [painter, params.points, selected]);

  // The loss surface (when on the page) shows these points.
  useEffect(() => sharedPoints.publish(params.points), [params.points]);
  useEffect(() => () => sharedPoints.clear(), []);

  // A change that moves the best line sets an idle or paused run going, so the line follows the reader's edits.
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        const refit = REFIT_KEYS.some((k) => state.params[k] !== previous.params[k]);
        if (refit && (state.status.state === 'idle' || state.status.state === 'paused')) void controller.play();
      }),
    [store, controller],
  );

  const points = params.points;
  const current = selected !== null && selected < points.length ? selected : null;
  const setPoints = (next: readonly Point[]) => {
    if (next !== store.getState().params.points) setParams({ points: next });
  };
  const move = (index: number, to: Point) => setPoints(movePoint(store.getState().params.points, index, to));
  const remove = (index: number) => {
    const before = store.getState().params.points;
    const after = removePoint(before, index);
    if (after === before) return;
    setPoints(after);
    setSelected(after.length === 0 ? null : Math.min(index, after.length - 1));
  };
  const add = (at: Point) => {
    const before = store.getState().params.points;
    const after = addPoint(before, at);
    setPoints(after);
    if (after !== before) setSelected(after.length - 1);
  };

  /** The data point under a pointer, or null outside the plotting area. */
  function dataPointer(e: { currentTarget: SVGSVGElement; clientX: number; clientY: number }): Point | null {
    const at = pointerInViewBox(e.currentTarget, e.clientX, e.clientY);
    if (!at || !insideRect(innerRect(FIT_BOX), at[0], at[1])) return null;
    const { x, y } = scalesOf();
    return dataAt(x, y, at[0], at[1]);
  }

  function onPointerDown(e: PointerEvent<SVGSVGElement>) {
    const index = (e.target as Element).getAttribute?.('data-index');
    // A press on a point selects or drags it; the click that ends it must not add a point.
    suppressClick.current = index !== null && index !== undefined;
    if (!suppressClick.current) return;
    setSelected(Number(index));
    drag.current = { index: Number(index), pointerId: e.pointerId };
    e.currentTarget.setPointerCapture(e.pointerId);
  }

  function onPointerMove(e: PointerEvent<SVGSVGElement>) {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const at = pointerInViewBox(e.currentTarget, e.clientX, e.clientY);
    if (!at) return;
    const { x, y } = scalesOf();
    move(d.index, dataAt(x, y, at[0], at[1]));
  }

  function endDrag(e: PointerEvent<SVGSVGElement>) {
    if (drag.current?.pointerId === e.pointerId) drag.current = null;
  }

  // A tap on empty ground adds a point (a click, not a pointerdown, so scrolling a phone past the plot adds nothing).
  function onClick(e: MouseEvent<SVGSVGElement>) {
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    const at = dataPointer(e);
    if (at) add(at);
  }

  function onKeyDown(e: KeyboardEvent<SVGSVGElement>) {
    const step = e.shiftKey ? 0.25 : 0.05;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const handled = () => e.preventDefault();
    if (moves[e.key]) {
      handled();
      if (current === null) return setSelected(0);
      const p = points[current];
      move(current, [p[0] + moves[e.key][0], p[1] + moves[e.key][1]]);
    } else if (e.key === '[' || e.key === ']') {
      handled();
      const n = points.length;
      setSelected(current === null ? 0 : (current + (e.key === ']' ? 1 : n - 1)) % n);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      handled();
      if (current !== null) remove(current);
    } else if (e.key === '+' || e.key === 'Insert' || e.key === 'a') {
      handled();
      add(freeSpot(points));
    } else if (e.key === 'Escape') {
      setSelected(null);
    }
  }

  const preset = presetOf(points);
  const presetOptions = [
    ...PRESET_NAMES.map((value) => ({ value: value as string, label: PRESETS[value].label })),
    ...(preset ? [] : [{ value: 'custom', label: 'Your points' }]),
  ];
  const chosen = current === null ? null : points[current];

  const controls = (
    <>
      <Select label="Data" value={preset ?? 'custom'} options={presetOptions} onChange={(v) => v !== 'custom' && setParams({ points: PRESETS[v as PresetName].points })} />
      <FitControls schema={fitALineSchema} store={store} />
    </>
  );

  return (
    <WidgetFrame
      instance={instance}
      title="Fit a line"
      description="A scatter of points you can edit, the line that gradient descent fits to them with the chosen loss, the exact least-squares line dashed, and each point's residual as a vertical segment."
      controller={controller}
      embedded={embedded}
      embedHeight={760}
      lossLabel="loss 𝓛(w, b)"
      controls={controls}
    >
      <div className={styles.layout}>
        <div>
          <svg
            ref={plotRef}
            className={styles.plot}
            viewBox={`0 0 ${FIT_BOX.width} ${FIT_BOX.height}`}
            role="application"
            tabIndex={0}
            aria-label={
              `Scatter of ${points.length} points. ` +
              (chosen ? `Point ${current! + 1} selected, at x = ${chosen[0]}, y = ${chosen[1]}. ` : 'No point selected. ') +
              'Click to add a point, drag a point to move it. Keys: [ and ] select a point, arrows move it (Shift for larger steps), Delete removes it, A adds one.'
            }
            data-points={points.length}
            data-selected={current ?? ''}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={endDrag}
            onPointerCancel={endDrag}
            onClick={onClick}
            onKeyDown={onKeyDown}
          />
          <div className={styles.editBar}>
            <p className={styles.hint}>Click to add · drag to move</p>
            <button type="button" className="ui-button" disabled={current === null || points.length <= MIN_POINTS} onClick={() => current !== null && remove(current)}>
              Remove selected point
            </button>
          </div>
        </div>
        <div className={styles.side}>
          <ul className={styles.legend} aria-label="Lines">
            <li>
              <span className={styles.swatch} style={{ background: FIT_COLOR }} aria-hidden="true" />
              <span>Gradient descent</span>
              <output ref={fitRef} className={styles.readout} data-readout="fit" />
            </li>
            <li>
              <span className={`${styles.swatch} ${styles.dashed}`} aria-hidden="true" />
              <span>Least squares (closed form{params.ridge > 0 ? ', with ridge' : ''})</span>
              <output ref={closedRef} className={styles.readout} data-readout="closed" />
            </li>
            <li>
              <span className={styles.swatch} style={{ background: RESIDUAL_COLOR, height: '0.9rem', width: '2px' }} aria-hidden="true" />
              <span>Residuals r = ŷ − y</span>
            </li>
          </ul>
          <p className={styles.formula}>
            {OBJECTIVE_TEXT}
            <br />
            {LOSSES[params.loss].text}
            {params.loss === 'huber' ? `, δ = ${params.delta}` : ''}
            {params.ridge > 0 ? `; λ = ${params.ridge}` : ''}
          </p>
          <p className={styles.formula}>
            <span className="ui-label">Dashed line:</span> {CLOSED_FORM_TEXT}
          </p>
          <PointsTable
            points={points}
            selected={current}
            onSelect={setSelected}
            onMove={move}
            onRemove={remove}
            onAdd={() => add(freeSpot(store.getState().params.points))}
          />
        </div>
      </div>
    </WidgetFrame>
  );
}
