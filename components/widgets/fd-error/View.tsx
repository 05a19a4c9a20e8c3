'use client';

import { useEffect, useState, type CSSProperties, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { pointerInViewBox, watchWidth } from '@/components/plots';
import { formatSetting } from '@/components/ui/format';
import ui from '@/components/ui/controls.module.css';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useEvaluator } from '@/components/widgets/kit/useEvaluator';
import { useStaticWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import layout from '@/components/widgets/kit/layout.module.css';
import type { Models } from '@/workers/models.generated';
import { errorBox, errorScales, METHOD_STYLE } from './draw';
import { FUNCTIONS, H_RANGE, H_VALUES, METHODS } from './functions';
import { FdPainter } from './painter';
import { fdErrorSchema } from './schema';
import widget from './widget';
import table from '@/components/widgets/kit/readout-table.module.css';
import styles from './styles.module.css';

/** h moves a tenth of a decade per arrow key, a whole decade with Shift. */
const clampH = (h: number) => Math.min(H_RANGE[1], Math.max(H_RANGE[0], Number(h.toPrecision(2))));

export default function FdError(props: WidgetProps): ReactNode {
  const w = useStaticWidget(widget, props, (params) => new FdPainter(params));
  const { params, setParams, painter, instance } = w;
  const { store } = instance;
  const [error, setError] = useState<string | null>(null);
  const request = useEvaluator<Models['fd-error'], 'curves'>('fd-error', 'curves', setError);
  const [box, setBox] = useState(() => errorBox());
  useEffect(() => {
    const chart = painter.element('chart');
    return chart ? watchWidth(chart, (width) => setBox(errorBox(width))) : undefined;
  }, [painter]);
  useEffect(() => {
    painter.box = box;
    painter.request();
  }, [painter, box]);

  // The curves for this function and point, and the reading at h as one more step.
  useEffect(() => {
    const hs = Float64Array.from([...H_VALUES, params.h]);
    const key = `${params.fn}|${params.x}`;
    request({ fn: params.fn, x: params.x, hs }, (curves) => {
      painter.curves = curves;
      painter.curvesFor = key;
      painter.request();
      setError(null);
    });
  }, [request, painter, params.fn, params.x, params.h]);

  function readAt(e: PointerEvent<SVGSVGElement>) {
    const at = pointerInViewBox(e.currentTarget, e.clientX, e.clientY);
    if (!at) return;
    const h = clampH(errorScales(box).x.invert(at[0]));
    if (h !== params.h) setParams({ h });
  }

  function moveReading(e: KeyboardEvent<SVGSVGElement>) {
    const decades = e.shiftKey ? 1 : 0.1;
    const moves: Record<string, number> = { ArrowLeft: -decades, ArrowDown: -decades, ArrowRight: decades, ArrowUp: decades };
    if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      setParams({ h: e.key === 'Home' ? H_RANGE[0] : H_RANGE[1] });
      return;
    }
    if (!(e.key in moves)) return;
    e.preventDefault();
    setParams({ h: clampH(params.h * 10 ** moves[e.key]) });
  }

  const f = FUNCTIONS[params.fn];
  const controls = (
    <>
      <ParamControl schema={fdErrorSchema} store={store} name="fn" />
      <ParamControl schema={fdErrorSchema} store={store} name="x" />
      <ParamControl schema={fdErrorSchema} store={store} name="h" />
    </>
  );

  return (
    <WidgetFrame widget={w} controls={controls} error={error}>
      <div className={layout.split} style={{ '--split-lead': '1.5fr' } as CSSProperties}>
        <svg
          ref={painter.ref('chart')}
          className={styles.chart}
          viewBox={`0 0 ${box.width} ${box.height}`}
          role="application"
          tabIndex={0}
          aria-label={`Error of the difference quotients of ${f.label} at x = ${params.x} against the step h, log–log. Reading at h = ${params.h}. Point at the chart, or use the arrow keys (Shift: a decade), to move the reading.`}
          data-h={params.h}
          onPointerMove={readAt}
          onPointerDown={readAt}
          onKeyDown={moveReading}
        >
          <g ref={painter.ref('curves')} />
          <g ref={painter.ref('cursor')} />
        </svg>
        <div ref={painter.ref('readout')} className={styles.side}>
          <ul className={styles.legend} aria-label="Methods">
            {METHODS.map((m) => (
              <li key={m.key}>
                <span
                  className={styles.swatch}
                  style={{ borderTopColor: METHOD_STYLE[m.key].color, borderTopStyle: METHOD_STYLE[m.key].dash ? 'dashed' : 'solid' }}
                  aria-hidden="true"
                />
                {m.label}
              </li>
            ))}
          </ul>
          <table className={`${table.table} ${styles.reading}`} data-testid="reading">
            <caption>
              At h = {formatSetting(params.h)}; f′(x) = <span data-reading="exact">—</span> (autodiff, float64)
            </caption>
            <thead>
              <tr>
                <th scope="col">quotient</th>
                <th scope="col">estimate</th>
                <th scope="col">error</th>
              </tr>
            </thead>
            <tbody>
              {METHODS.map((m) => (
                <tr key={m.key}>
                  <th scope="row">{m.label}</th>
                  <td data-reading={`${m.key}-estimate`}>—</td>
                  <td data-reading={`${m.key}-error`}>—</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className={styles.formulas}>
            <p>
              {f.text}, {f.derivativeText}
            </p>
            <p>
              <span className={ui.label}>one-sided</span> (f(x + h) − f(x)) / h
            </p>
            <p>
              <span className={ui.label}>central</span> (f(x + h) − f(x − h)) / (2h)
            </p>
            <p className={ui.help}>Dots mark each quotient’s best step. A gap in a line is an error of exactly 0, which a log axis cannot place.</p>
          </div>
        </div>
      </div>
    </WidgetFrame>
  );
}
