'use client';

import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { dataAt, pointerInViewBox } from '@/components/plots';
import ui from '@/components/ui/controls.module.css';
import { Select } from '@/components/ui/Select';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useTrainingWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import { CHART_BOX, gridOf, LANDSCAPE_BOX, scalesOf } from './draw';
import { DescentPainter, fieldKey } from './painter';
import { descentSchema, OPTIMIZERS, startOf } from './schema';
import { formulaOf, SURFACES, type SurfaceName } from './surfaces';
import widget from './widget';
import layout from '@/components/widgets/kit/layout.module.css';
import metrics from '@/components/widgets/kit/metrics.module.css';
import styles from './styles.module.css';

export default function DescentPlayground(props: WidgetProps): ReactNode {
  const w = useTrainingWidget(widget, props, {
    painter: (params) => new DescentPainter(params),
    async prepared(runs, painter) {
      const { surface } = painter.params;
      const key = fieldKey(painter.params);
      if (painter.fields.has(key)) return;
      painter.fields.set(key, await runs[0].evaluate('field', { grid: gridOf(surface) }));
      painter.request();
    },
  });
  const { params, setParams, painter, instance } = w;
  const { store } = instance;

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
      {params.surface === 'ravine' && <ParamControl schema={descentSchema} store={store} name="kappa" />}
      <ParamControl schema={descentSchema} store={store} name="lr" />
      <ParamControl schema={descentSchema} store={store} name="momentum" />
      <ParamControl schema={descentSchema} store={store} name="adamLr" />
      <ParamControl schema={descentSchema} store={store} name="steps" />
      <ParamControl schema={descentSchema} store={store} name="speed" />
    </>
  );

  return (
    <WidgetFrame widget={w} lossLabel="loss (gradient descent)" controls={controls}>
      <div className={`${layout.split} ${styles.layout}`}>
        <div>
          <svg
            ref={painter.ref('landscape')}
            viewBox={`0 0 ${LANDSCAPE_BOX.width} ${LANDSCAPE_BOX.height}`}
            role="application"
            tabIndex={0}
            aria-label={`Landscape ${SURFACES[params.surface].label}. Start at θ₁ = ${start[0]}, θ₂ = ${start[1]}. Click to place the start; arrow keys move it (Shift for larger steps).`}
            onClick={placeStart}
            onKeyDown={moveStart}
            data-start={`${start[0]},${start[1]}`}
          />
        </div>
        <div>
          <table ref={painter.ref('legend')} className={`${metrics.figures} ${styles.legend}`} data-legend="optimisers">
            <caption>
              Where each walk stands, <span data-part="steps">after step 0</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Optimiser</th>
                <th scope="col">θ₁</th>
                <th scope="col">θ₂</th>
                <th scope="col">loss</th>
              </tr>
            </thead>
            <tbody>
              {OPTIMIZERS.map((o) => (
                <tr key={o.name}>
                  <th scope="row">
                    <span className={styles.swatch} style={{ background: o.color }} aria-hidden="true" />
                    {o.label}
                  </th>
                  <td data-theta1={o.name} />
                  <td data-theta2={o.name} />
                  <td data-status={o.name} />
                </tr>
              ))}
            </tbody>
          </table>
          <svg ref={painter.ref('chart')} viewBox={`0 0 ${CHART_BOX.width} ${CHART_BOX.height}`} role="img" aria-label="Loss against step for each optimiser" />
          <p className={styles.formula}>
            <span className={ui.label}>𝓛(θ) =</span> <span>{formulaOf(params.surface, params.kappa)}</span>
          </p>
        </div>
      </div>
    </WidgetFrame>
  );
}
