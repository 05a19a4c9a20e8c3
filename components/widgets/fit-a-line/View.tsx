'use client';

import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent, type ReactNode } from 'react';
import { dataAt, insideRect, innerRect, pointerInViewBox } from '@/components/plots';
import { Button } from '@/components/ui/Button';
import ui from '@/components/ui/controls.module.css';
import { Select } from '@/components/ui/Select';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { useTrainingWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import { FIT_BOX, FIT_COLOR, RESIDUAL_COLOR, scalesOf } from '@/components/widgets/shared/line-fit/draw';
import { FitControls } from '@/components/widgets/shared/line-fit/FitControls';
import { CLOSED_FORM_TEXT, LOSSES, OBJECTIVE_TEXT } from '@/components/widgets/shared/line-fit/losses';
import { MIN_POINTS } from '@/components/widgets/shared/line-fit/params';
import { sharedPoints } from '@/components/widgets/shared/line-fit/points';
import { PRESETS, PRESET_NAMES, presetOf, type Point, type PresetName } from '@/components/widgets/shared/line-fit/presets';
import { addPoint, freeSpot, movePoint, removePoint } from './editing';
import { FitPainter } from './painter';
import { PointsTable } from './PointsTable';
import { fitALineSchema } from './schema';
import widget from './widget';
import layout from '@/components/widgets/kit/layout.module.css';
import styles from './styles.module.css';

/** Changes that move the best line: after one, an idle or paused run plays, so the line follows. */
const REFIT_KEYS = ['points', 'loss', 'delta', 'ridge'] as const;

export default function FitALine(props: WidgetProps): ReactNode {
  const w = useTrainingWidget(widget, props, { painter: (params) => new FitPainter(params) });
  const { params, setParams, painter, controller, instance } = w;
  const { store } = instance;
  const [selected, setSelected] = useState<number | null>(null);
  const drag = useRef<{ index: number; pointerId: number } | null>(null);
  const suppressClick = useRef(false);

  useEffect(() => painter.select(selected), [painter, selected]);

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
    <WidgetFrame widget={w} lossLabel="loss 𝓛(w, b)" controls={controls}>
      <div className={`${layout.split} ${styles.layout}`}>
        <div>
          <svg
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
          >
            <g ref={painter.ref('lines')} />
            <g ref={painter.ref('points')} />
          </svg>
          <div className={styles.editBar}>
            <p className={styles.hint}>Click to add · drag to move</p>
            <Button disabled={current === null || points.length <= MIN_POINTS} onClick={() => current !== null && remove(current)}>
              Remove selected point
            </Button>
          </div>
        </div>
        <div className={styles.side}>
          <ul className={styles.legend} aria-label="Lines">
            <li>
              <span className={styles.swatch} style={{ background: FIT_COLOR }} aria-hidden="true" />
              <span>Gradient descent</span>
              <output ref={painter.ref('fitReadout')} className={styles.readout} data-readout="fit" />
            </li>
            <li>
              <span className={`${styles.swatch} ${styles.dashed}`} aria-hidden="true" />
              <span>Least squares (closed form{params.ridge > 0 ? ', with ridge' : ''})</span>
              <output ref={painter.ref('closedReadout')} className={styles.readout} data-readout="closed" />
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
            <span className={ui.label}>Dashed line:</span> {CLOSED_FORM_TEXT}
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
