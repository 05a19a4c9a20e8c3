'use client';

import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { pointerInViewBox, watchWidth } from '@/components/plots';
import { Button } from '@/components/ui/Button';
import ui from '@/components/ui/controls.module.css';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useTrainingWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import { COLORS, fitBox, fitX, fitY, mseBox } from './draw';
import { HandBuiltSource } from './hand-built';
import { BinsPainter } from './painter';
import { binsSchema, FORMULAS, G_RANGE, targetText } from './schema';
import { DRAWN_POINTS } from './targets';
import { TypedValues } from './TypedValues';
import widget from './widget';
import styles from './styles.module.css';

const clampG = (v: number) => Math.round(Math.min(G_RANGE[1], Math.max(G_RANGE[0], v)) * 100) / 100;

export default function UniversalBins(props: WidgetProps): ReactNode {
  const instanceId = props.id ?? widget.name;
  const w = useTrainingWidget(widget, props, {
    painter: (params) => new BinsPainter(`${instanceId}-clip`, params),
    prepared: (runs, painter) => void painter.source?.fetch(runs[0]),
  });
  const { params, setParams, painter, controller, instance } = w;
  const { store } = instance;
  const [selected, setSelected] = useState(Math.floor(DRAWN_POINTS / 2));
  const lastIndex = useRef<number | null>(null);

  // The hand-built network, asked of the worker whenever the target, B or w change.
  const [source] = useState(() => new HandBuiltSource(() => store.getState().params, async () => (await controller.handles())[0], () => painter.request()));
  useEffect(() => {
    painter.source = source;
    void source.fetch();
  }, [painter, source, params]);

  // Each plot lays itself out for the width it is shown at.
  useEffect(() => {
    const relayout = () => painter.request();
    const [fit, chart] = [painter.element('fit'), painter.element('chart')];
    const unwatch = [
      fit && watchWidth(fit, (width) => ((painter.fitBox = fitBox(width)), relayout())),
      chart && watchWidth(chart, (width) => ((painter.mseBox = mseBox(width)), relayout())),
    ];
    return () => unwatch.forEach((u) => u?.());
  }, [painter]);

  useEffect(() => {
    painter.selected = params.target === 'drawn' ? selected : null;
    painter.request();
  }, [painter, params.target, selected]);

  const drawing = params.target === 'drawn';

  /** Sets the drawn value nearest the pointer, filling the gap from the last point so a quick stroke leaves no holes. */
  function drawAt(e: PointerEvent<SVGSVGElement>) {
    const at = pointerInViewBox(e.currentTarget, e.clientX, e.clientY);
    if (!at || !painter.draft) return;
    const xv = Math.min(1, Math.max(0, fitX(painter.fitBox).invert(at[0])));
    const value = clampG(fitY(painter.fitBox).invert(at[1]));
    const i = Math.round(xv * (DRAWN_POINTS - 1));
    const from = lastIndex.current ?? i;
    const fromValue = painter.draft[from];
    const span = Math.abs(i - from);
    for (let k = 0; k <= span; k++) {
      const j = from + Math.sign(i - from) * k;
      painter.draft[j] = span === 0 ? value : clampG(fromValue + ((value - fromValue) * k) / span);
    }
    lastIndex.current = i;
    setSelected(i);
    painter.request();
  }

  function startDrawing(e: PointerEvent<SVGSVGElement>) {
    if (!drawing) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    painter.draft = [...params.drawn];
    lastIndex.current = null;
    drawAt(e);
  }

  function endDrawing() {
    if (!painter.draft) return;
    const values = painter.draft;
    painter.draft = null;
    lastIndex.current = null;
    setParams({ drawn: values });
  }

  function editWithKeys(e: KeyboardEvent<SVGSVGElement>) {
    if (!drawing) return;
    const delta = e.shiftKey ? 0.25 : 0.05;
    let handled = true;
    if (e.key === 'ArrowLeft') setSelected((s) => Math.max(0, s - 1));
    else if (e.key === 'ArrowRight') setSelected((s) => Math.min(DRAWN_POINTS - 1, s + 1));
    else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const values = [...params.drawn];
      values[selected] = clampG(values[selected] + (e.key === 'ArrowUp' ? delta : -delta));
      setParams({ drawn: values });
    } else handled = false;
    if (handled) e.preventDefault();
  }

  const width = 2 * params.bins;
  const controls = (
    <>
      <ParamControl schema={binsSchema} store={store} name="target" />
      <ParamControl schema={binsSchema} store={store} name="bins" />
      <ParamControl schema={binsSchema} store={store} name="steepness" />
      <ParamControl schema={binsSchema} store={store} name="lr" />
      <ParamControl schema={binsSchema} store={store} name="speed" />
      <div className={styles.seed}>
        <span className={ui.label}>Random start</span>
        <Button onClick={() => setParams({ seed: (params.seed + 1) % 10000 })} data-action="new-seed">
          New random start
        </Button>
        <span className={styles.seedValue}>seed {params.seed}</span>
      </div>
      {params.target === 'typed' ? <TypedValues values={params.typed} onChange={(typed) => setParams({ typed })} /> : null}
    </>
  );

  const drawnValue = params.drawn[selected];
  return (
    <WidgetFrame widget={w} lossLabel="trained network’s MSE" controls={controls}>
      <div className={styles.layout}>
        <div className={styles.fit}>
          <svg
            ref={painter.ref('fit')}
            className={drawing ? styles.pad : undefined}
            role={drawing ? 'application' : 'img'}
            tabIndex={drawing ? 0 : undefined}
            aria-label={
              drawing
                ? `Drawing pad for g: press on the plot and drag to draw. With the keyboard, Left and Right choose one of ${DRAWN_POINTS} points, Up and Down move it (Shift for larger steps). Point ${selected + 1} at x = ${(selected / (DRAWN_POINTS - 1)).toFixed(3)} has g = ${drawnValue}.`
                : `The target g, the hand-built network of ${width} sigmoid units with its ${params.bins} bins shaded, and the trained network of ${width} units.`
            }
            data-drawing={drawing ? 'true' : 'false'}
            onPointerDown={startDrawing}
            onPointerMove={(e) => painter.draft && drawAt(e)}
            onPointerUp={endDrawing}
            onPointerCancel={endDrawing}
            onKeyDown={editWithKeys}
          />
          {drawing ? <p className={styles.hint}>Press and drag on the plot to draw g; or focus it and use the arrow keys.</p> : null}
        </div>
        <div className={styles.side}>
          <ul className={styles.legend} aria-label="Curves">
            <li>
              <span className={styles.swatch} style={{ background: 'var(--text)', opacity: 0.4 }} aria-hidden="true" />
              <span>target g</span>
            </li>
            <li data-series="hand-built">
              <span className={styles.swatch} style={{ background: COLORS.hand }} aria-hidden="true" />
              <span>
                built by hand, {width} units: MSE <strong ref={painter.ref('handMse')}>—</strong>
              </span>
            </li>
            <li data-series="trained">
              <span className={styles.swatch} style={{ background: COLORS.trained }} aria-hidden="true" />
              <span>
                trained from a random start, {width} units: MSE <strong ref={painter.ref('trainedMse')}>—</strong>
              </span>
            </li>
          </ul>
          <svg
            ref={painter.ref('chart')}
            role="img"
            aria-label={`Mean squared error of the hand-built network against the number of bins B, at steepness w = ${params.steepness}; the current B marked, and the trained network's error as a diamond.`}
          />
        </div>
      </div>
      <div className={styles.formulas}>
        <p>{targetText(params)}</p>
        <p>{FORMULAS.network}</p>
        <p>
          {FORMULAS.height}; {FORMULAS.mse}.
        </p>
        <p className={styles.muted}>
          Ticks along the bottom: where each trained unit is halfway up (σ = ½), longer for larger output weights. Trained: {FORMULAS.init}.
        </p>
      </div>
    </WidgetFrame>
  );
}
