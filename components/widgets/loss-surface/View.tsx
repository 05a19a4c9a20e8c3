'use client';

import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { dataAt, LOSS_CHART_BOX, pointerInViewBox } from '@/components/plots';
import ui from '@/components/ui/controls.module.css';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useTrainingWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import { FitControls } from '@/components/widgets/shared/line-fit/FitControls';
import { LOSSES, OBJECTIVE_TEXT } from '@/components/widgets/shared/line-fit/losses';
import { pointsOnPage, sharedPoints } from '@/components/widgets/shared/line-fit/points';
import type { Point } from '@/components/widgets/shared/line-fit/presets';
import { INSET_BOX, SURFACE_BOX, surfaceGrid, surfaceScales } from './draw';
import { pair, SurfacePainter } from './painter';
import { lossSurfaceSchema, startOf, WINDOW, type SurfaceParams } from './schema';
import widget, { pointsOf } from './widget';
import layout from '@/components/widgets/kit/layout.module.css';
import styles from './styles.module.css';

/** Shared points arrive at most this often while the reader drags them in fit-a-line. */
const SHARED_INTERVAL_MS = 150;

/** What the field depends on: the data and the objective, not the start or the rate. */
function fieldKeyOf(p: SurfaceParams, points: readonly Point[]): string {
  return JSON.stringify([points, p.loss, p.loss === 'huber' ? p.delta : null, p.ridge]);
}

export default function LossSurface(props: WidgetProps): ReactNode {
  // Points shared by a fit-a-line figure on the page; null when alone (then the preset is the data).
  const [shared, setShared] = useState<readonly Point[] | null>(() => pointsOnPage());
  const sharedRef = useRef(shared);
  const w = useTrainingWidget(widget, props, {
    painter: (params) => new SurfacePainter(params),
    input: () => sharedRef.current,
    async prepared(runs, painter) {
      const p = painter.params;
      const points = pointsOf(p, sharedRef.current);
      painter.points = points;
      const key = fieldKeyOf(p, points);
      if (painter.field?.key === key) return;
      const values = await runs[0].evaluate('field', { grid: surfaceGrid() });
      painter.field = { key, values };
      painter.request();
    },
  });
  const { params, setParams, controller, instance } = w;
  const { store } = instance;
  const painter = w.painter;

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

  const points = pointsOf(params, shared);
  const controls = (
    <>
      {shared ? (
        <p className={styles.dataNote}>
          <span className={ui.label}>Data</span> the {shared.length} points of “Fit a line” on this page; edit them there.
        </p>
      ) : (
        <ParamControl schema={lossSurfaceSchema} store={store} name="preset" />
      )}
      <FitControls schema={lossSurfaceSchema} store={store} />
    </>
  );

  return (
    <WidgetFrame widget={w} lossLabel="loss 𝓛(w, b)" controls={controls}>
      <div className={`${layout.split} ${styles.layout}`}>
        <svg
          ref={painter.ref('surface')}
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
          <svg ref={painter.ref('inset')} viewBox={`0 0 ${INSET_BOX.width} ${INSET_BOX.height}`} role="img" aria-label="The data with the current line and, dashed, the least-squares line" />
          <svg ref={painter.ref('chart')} viewBox={`0 0 ${LOSS_CHART_BOX.width} ${LOSS_CHART_BOX.height}`} role="img" aria-label="Loss against step" />
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
              <output ref={painter.ref('nowReadout')} className={styles.readout} data-readout="now" />
            </li>
            <li>
              <span className={styles.plus} aria-hidden="true">
                +
              </span>
              <span>least-squares minimum{params.ridge > 0 ? ' (ridge)' : ''}</span>
              <output ref={painter.ref('minimumReadout')} className={styles.readout} data-readout="minimum" />
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
