'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useStore } from 'zustand';
import { pointerInViewBox, renderSvg, watchWidth } from '@/components/plots';
import { formatValue } from '@/components/ui/format';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useWidgetStore } from '@/components/widgets/kit/useWidgetStore';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import type { WidgetProps } from '@/components/widgets/registry';
import { ACTIVATIONS, activationById } from './activations';
import { drawGalleryBase, drawGalleryCursor, galleryBox, galleryX } from './draw';
import { gallerySchema, gridIndex, gridX, GRID_N, shownIds, X_RANGE, type GalleryParams } from './schema';
import { useCurves } from './useCurves';
import styles from './styles.module.css';

const round2 = (v: number) => Math.round(v * 100) / 100;
const clampX = (v: number) => round2(Math.min(X_RANGE[1], Math.max(X_RANGE[0], v)));

export default function ActivationGallery({ id, embedded }: WidgetProps) {
  const instanceId = id ?? gallerySchema.name;
  const instance = useWidgetStore(gallerySchema, instanceId, false);
  const { store } = instance;
  const params = useStore(store, (s) => s.params) as GalleryParams;
  const setParams = useStore(store, (s) => s.setParams);
  const plotRef = useRef<SVGSVGElement>(null);
  const grid = useMemo(() => Float32Array.from({ length: GRID_N }, (_, i) => gridX(i)), []);
  const { status, retry } = useCurves(grid, params.slope);
  const [width, setWidth] = useState<number | undefined>(undefined);
  const box = useMemo(() => galleryBox(width), [width]);
  useEffect(() => (plotRef.current ? watchWidth(plotRef.current, setWidth) : undefined), []);

  const shown = shownIds(params);
  const cursor = gridIndex(params.at);
  const curves = status.state === 'ready' ? status.curves : null;

  const shownKey = shown.join(',');
  const baseRef = useRef<SVGGElement>(null);
  const cursorRef = useRef<SVGGElement>(null);
  // Two layers: the curves change with the choice, the slope or the size; the cursor with every move.
  useEffect(() => {
    const ids = shownKey ? (shownKey.split(',') as typeof shown) : [];
    if (baseRef.current) renderSvg(baseRef.current, drawGalleryBase({ box, x: grid, curves, shown: ids }));
  }, [box, grid, curves, shownKey]);
  useEffect(() => {
    const ids = shownKey ? (shownKey.split(',') as typeof shown) : [];
    if (cursorRef.current) renderSvg(cursorRef.current, drawGalleryCursor({ box, x: grid, curves, shown: ids, cursor }));
  }, [box, grid, curves, cursor, shownKey]);

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
        <legend className="ui-label">Activations</legend>
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
    <WidgetFrame
      instance={instance}
      title="Activation gallery"
      description="Activation functions and their derivatives on shared axes: each function as a solid line, its derivative from the engine's automatic differentiation as a dashed line, and the closed-form derivative as rings. A cursor reads the values at one x."
      embedded={embedded}
      embedHeight={1040}
      controls={controls}
    >
      {status.state === 'error' ? (
        <div className="widget-alert" role="alert">
          <p>{status.message}</p>
          <button type="button" className="ui-button" onClick={retry} data-action="retry">
            Try again
          </button>
        </div>
      ) : null}
      <svg
        ref={plotRef}
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
        <g ref={baseRef} />
        <g ref={cursorRef} />
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
