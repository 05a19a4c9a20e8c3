'use client';

import { useEffect, useMemo, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { pointerInViewBox, watchWidth } from '@/components/plots';
import { Button } from '@/components/ui/Button';
import ui from '@/components/ui/controls.module.css';
import { formatValue } from '@/components/ui/format';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useStaticWidget } from '@/components/widgets/kit/useWidget';
import { WidgetAlert, WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import { ACTIVATIONS, activationById } from './activations';
import { galleryBox, galleryX } from './draw';
import { GalleryPainter } from './painter';
import { gallerySchema, gridIndex, gridX, GRID_N, shownIds, X_RANGE, type GalleryParams } from './schema';
import { useCurves } from './useCurves';
import widget from './widget';
import styles from './styles.module.css';

const round2 = (v: number) => Math.round(v * 100) / 100;
const clampX = (v: number) => round2(Math.min(X_RANGE[1], Math.max(X_RANGE[0], v)));

export default function ActivationGallery(props: WidgetProps): ReactNode {
  const [grid] = useState(() => Float32Array.from({ length: GRID_N }, (_, i) => gridX(i)));
  const w = useStaticWidget(widget, props, (params) => new GalleryPainter(grid, params));
  const { params, setParams, painter, instance } = w;
  const { store } = instance;
  const { status, retry } = useCurves(grid, params.slope);
  const [width, setWidth] = useState<number | undefined>(undefined);
  const box = useMemo(() => galleryBox(width), [width]);
  useEffect(() => {
    const plot = painter.element('plot');
    return plot ? watchWidth(plot, setWidth) : undefined;
  }, [painter]);

  const shown = shownIds(params);
  const cursor = gridIndex(params.at);
  const curves = status.state === 'ready' ? status.curves : null;
  const shownKey = shown.join(',');

  useEffect(() => {
    painter.curves = curves;
    painter.box = box;
    painter.request();
  }, [painter, curves, box]);

  function readAt(e: PointerEvent<SVGSVGElement>) {
    const at = pointerInViewBox(e.currentTarget, e.clientX, e.clientY);
    if (!at) return;
    const x = clampX(galleryX(box).invert(at[0]));
    if (x !== params.at) setParams({ at: x });
  }

  function moveCursor(e: KeyboardEvent<SVGSVGElement>) {
    const step = e.shiftKey ? 1 : 0.1;
    const moves: Record<string, number> = { ArrowLeft: params.at - step, ArrowRight: params.at + step, ArrowDown: params.at - step, ArrowUp: params.at + step, Home: X_RANGE[0], End: X_RANGE[1] };
    if (!(e.key in moves)) return;
    e.preventDefault();
    setParams({ at: clampX(moves[e.key]) });
  }

  const atText = grid[cursor].toFixed(2);
  const sentence = curves
    ? shown.map((a) => `${activationById(a).label} ${formatValue(curves[a].f[cursor])}, slope ${formatValue(curves[a].autodiff[cursor])}`).join('; ')
    : '';

  const controls = (
    <>
      <fieldset className={styles.choices}>
        <legend className={ui.label}>Activations</legend>
        {ACTIVATIONS.map((a) => (
          <label key={a.id} className={styles.choice}>
            <input type="checkbox" checked={params[a.id]} onChange={(e) => setParams({ [a.id]: e.target.checked } as Partial<GalleryParams>)} />
            <span className={styles.swatch} style={{ background: a.color }} aria-hidden="true" />
            {a.label}
          </label>
        ))}
      </fieldset>
      <ParamControl schema={gallerySchema} store={store} name="slope" disabled={!params.leakyRelu} />
      <ParamControl schema={gallerySchema} store={store} name="at" />
    </>
  );

  return (
    <WidgetFrame widget={w} controls={controls}>
      {status.state === 'error' ? (
        <WidgetAlert>
          <p>{status.message}</p>
          <Button onClick={retry} data-action="retry">
            Try again
          </Button>
        </WidgetAlert>
      ) : null}
      <svg
        ref={painter.ref('plot')}
        className={styles.plot}
        viewBox={`0 0 ${box.width} ${box.height}`}
        role="application"
        tabIndex={0}
        aria-label={`Activation curves. Reading at x = ${atText}. Point at the plot, or use the arrow keys (Shift for steps of 1), to move the reading.`}
        aria-busy={curves ? undefined : true}
        data-shown={shownKey}
        data-ready={curves ? 'true' : 'false'}
        onPointerMove={readAt}
        onPointerDown={readAt}
        onKeyDown={moveCursor}
      >
        <g ref={painter.ref('base')} />
        <g ref={painter.ref('cursor')} />
      </svg>
      <p className={styles.key} aria-hidden="true">
        <span className={styles.keyItem}>
          <span className={styles.keySolid} /> f(x)
        </span>
        <span className={styles.keyItem}>
          <span className={styles.keyDashed} /> f′(x) by the engine’s autodiff
        </span>
        <span className={styles.keyItem}>
          <span className={styles.keyRing} /> f′(x), closed form
        </span>
      </p>
      <p className="visually-hidden" aria-live="polite">
        {curves ? `At x = ${atText}: ${sentence}.` : ''}
      </p>
      {shown.length === 0 ? (
        <p className={styles.empty}>Pick an activation below to draw it.</p>
      ) : (
        <table className={styles.readout}>
          <caption>
            Values at x = <span data-testid="reading-x">{atText}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">activation</th>
              <th scope="col">f(x)</th>
              <th scope="col">f′(x), autodiff</th>
              <th scope="col">f′(x), closed form</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => {
              const info = activationById(a);
              const c = curves?.[a];
              return (
                <tr key={a} data-activation={a}>
                  <th scope="row">
                    <span className={styles.swatch} style={{ background: info.color }} aria-hidden="true" />
                    {info.label}
                  </th>
                  <td>{formatValue(c?.f[cursor])}</td>
                  <td>{formatValue(c?.autodiff[cursor])}</td>
                  <td>{formatValue(c?.closed[cursor])}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ul className={styles.formulas} aria-label="Formulas">
        {shown.map((a) => {
          const info = activationById(a);
          return (
            <li key={a}>
              <span className={styles.formula}>{info.text}</span>
              <span className={styles.formula}>{info.derivativeText}</span>
              <span className={styles.note}>{a === 'leakyRelu' ? `${info.note} Here a = ${params.slope.toFixed(2)}.` : info.note}</span>
            </li>
          );
        })}
      </ul>
    </WidgetFrame>
  );
}
