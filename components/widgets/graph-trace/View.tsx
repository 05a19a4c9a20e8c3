'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { watchWidth } from '@/components/plots';
import { Button } from '@/components/ui/Button';
import ui from '@/components/ui/controls.module.css';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useEvaluator } from '@/components/widgets/kit/useEvaluator';
import { useStaticWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import type { Models } from '@/workers/models.generated';
import { barred, progressOf, short } from './draw';
import { EXPRESSIONS, inputValues, sizeOf, type ExpressionName } from './expressions';
import type { Trace } from './model';
import { GraphPainter } from './painter';
import { graphTraceSchema, MAX_STEPS } from './schema';
import widget from './widget';
import table from '@/components/widgets/kit/readout-table.module.css';
import styles from './styles.module.css';

/** Narrower than this, the graph runs down the page instead of across it. */
const ACROSS_FROM = 640;

/** One input's element as the table and the editors name it: w, or W₁[0,1]. */
function elementName(name: string, shape: readonly number[], k: number): string {
  if (sizeOf(shape) === 1) return name;
  const cols = shape[shape.length - 1];
  return shape.length === 2 ? `${name}[${Math.floor(k / cols)},${k % cols}]` : `${name}[${k}]`;
}

export default function GraphTrace(props: WidgetProps): ReactNode {
  const instanceId = props.id ?? widget.name;
  const w = useStaticWidget(widget, props, (params) => new GraphPainter(params, `${instanceId}-arrow`));
  const { params, setParams, painter, instance } = w;
  const { store } = instance;
  const [trace, setTrace] = useState<Trace | null>(null);
  const [passes, setPasses] = useState<{ forward: number; reverse: number; disagreement: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requestTrace = useEvaluator<Models['graph-trace'], 'trace'>('graph-trace', 'trace', setError);
  const requestPasses = useEvaluator<Models['graph-trace'], 'passes'>('graph-trace', 'passes', setError);

  useEffect(() => {
    requestTrace({ expression: params.expression, values: params.values }, (t) => {
      setTrace(t);
      setError(null);
    });
  }, [requestTrace, params.expression, params.values]);

  useEffect(() => requestPasses({ n: params.n, m: params.m }, setPasses), [requestPasses, params.n, params.m]);

  useEffect(() => {
    painter.trace = trace;
    painter.request();
  }, [painter, trace]);

  useEffect(() => {
    const frame = painter.element('graph')?.parentElement;
    return frame
      ? watchWidth(frame, (width) => {
          painter.orientation = width >= ACROSS_FROM ? 'across' : 'down';
          painter.request();
        })
      : undefined;
  }, [painter]);

  const spec = EXPRESSIONS[params.expression];
  const values = inputValues(params.expression, params.values);
  const progress = trace ? progressOf(trace, params.at) : null;
  const total = progress ? progress.forwardSteps + progress.backwardSteps : MAX_STEPS;
  const at = Math.min(params.at, total);
  const go = (next: number) => setParams({ at: Math.max(0, Math.min(total, next)) });
  const settled = (node: number) => {
    const n = trace?.nodes.find((x) => x.id === node);
    return !!(n && progress && n.backward !== null && at > progress.forwardSteps && n.backward < at - progress.forwardSteps);
  };

  function chooseExpression(expression: ExpressionName) {
    setParams({ expression, values: [], at: 0 });
  }

  function setValue(input: number, k: number, value: number) {
    const next = values.map((v) => [...v]);
    next[input][k] = Math.round(Math.min(9, Math.max(-9, value)) * 1000) / 1000;
    setParams({ values: next.flat() });
  }

  const controls = (
    <>
      <ParamControl schema={graphTraceSchema} store={store} name="expression" />
      <fieldset className={styles.inputs}>
        <legend className={ui.label}>Inputs (weights get an adjoint; data do not)</legend>
        {spec.inputs.map((inp, i) =>
          values[i].map((v, k) => (
            <label key={`${i}-${k}`} className={styles.input}>
              <span className={ui.label}>
                {elementName(inp.name, inp.shape, k)}
                {inp.trainable ? '' : ' (data)'}
              </span>
              <input
                className={ui.input}
                type="number"
                step={0.1}
                min={-9}
                max={9}
                value={v}
                onChange={(e) => {
                  const x = Number(e.target.value);
                  if (e.target.value.trim() !== '' && Number.isFinite(x)) setValue(i, k, x);
                }}
              />
            </label>
          )),
        )}
      </fieldset>
      <ParamControl schema={graphTraceSchema} store={store} name="n" />
      <ParamControl schema={graphTraceSchema} store={store} name="m" />
    </>
  );

  return (
    <WidgetFrame widget={w} controls={controls} error={error}>
      <p className={styles.formula}>{spec.text}</p>
      <div className={styles.steps} role="group" aria-label="Step through the passes">
        <Button onClick={() => go(0)} disabled={at === 0} data-action="start-over">
          Start over
        </Button>
        <Button onClick={() => go(at - 1)} disabled={at === 0} data-action="step-back">
          ◀ Back
        </Button>
        <Button primary onClick={() => go(at + 1)} disabled={!progress || at >= total} data-action="step-on">
          Step ▶
        </Button>
        <Button onClick={() => go(progress?.forwardSteps ?? 0)} disabled={!progress || at === progress.forwardSteps} data-action="forward-pass">
          Whole forward pass
        </Button>
        <Button onClick={() => go(total)} disabled={!progress || at >= total} data-action="backward-pass">
          Whole backward pass
        </Button>
      </div>
      <p ref={painter.ref('step')} className={styles.sentence} aria-live="polite" data-at={at} data-phase={progress?.phase ?? ''} />
      <div className={styles.graphFrame} tabIndex={0} role="region" aria-label="The recorded graph (scrolls sideways when wide)">
        <svg ref={painter.ref('graph')} className={styles.graph} role="img" aria-label={`The engine's recorded graph of ${spec.text}, at step ${at} of ${total}.`} />
      </div>
      <div className={styles.panels}>
        <table className={`${table.table} ${styles.checks}`} data-testid="gradient-checks">
          <caption>Each weight’s gradient: the backward pass against central differences (float64, h = 10⁻⁶)</caption>
          <thead>
            <tr>
              <th scope="col">weight</th>
              <th scope="col">autodiff</th>
              <th scope="col">difference quotient</th>
              <th scope="col">gap</th>
            </tr>
          </thead>
          <tbody>
            {(trace?.checks ?? []).flatMap((c) =>
              c.autodiff.map((g, k) => {
                const shape = spec.inputs.find((i) => i.name === c.name)?.shape ?? [];
                const shown = settled(c.node);
                return (
                  <tr key={`${c.name}-${k}`} data-weight={elementName(c.name, shape, k)}>
                    <th scope="row">{barred(elementName(c.name, shape, k))}</th>
                    <td data-cell="autodiff">{shown ? short(g) : '?'}</td>
                    <td data-cell="finite">{short(c.finite[k])}</td>
                    <td data-cell="gap">{shown ? short(Math.abs(g - c.finite[k])) : ''}</td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
        <div className={styles.passes} data-testid="passes">
          <p className={ui.label}>A map with n inputs and m outputs: passes for its whole Jacobian (counted by the engine’s jacobian())</p>
          {(['forward', 'reverse'] as const).map((mode) => {
            const count = passes ? passes[mode] : null;
            return (
              <div key={mode} className={styles.bar} data-mode={mode}>
                <span className={styles.barLabel}>{mode === 'forward' ? 'forward mode' : 'reverse mode'}</span>
                <span className={styles.barTrack} aria-hidden="true">
                  <span className={styles.barFill} style={{ width: `${((count ?? 0) / 32) * 100}%` }} />
                </span>
                <span className={styles.barValue} data-value={count ?? ''}>
                  {count === null ? '—' : `${count} pass${count === 1 ? '' : 'es'}`}
                </span>
              </div>
            );
          })}
          <p className={ui.help}>
            {passes ? `The two Jacobians (${params.m} × ${params.n}) agree to ${short(passes.disagreement)}.` : ''} Forward mode pays per input, reverse mode per output.
          </p>
        </div>
      </div>
    </WidgetFrame>
  );
}
