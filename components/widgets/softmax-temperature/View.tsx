'use client';

import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import ui from '@/components/ui/controls.module.css';
import { withMinus } from '@/components/ui/format';
import { pointerInViewBox } from '@/components/plots';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useStaticWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import { useEvaluator } from '@/components/widgets/kit/useEvaluator';
import type { Models } from '@/workers/models.generated';
import { bandAt, indexed, logitScale, LOGITS_BOX, PROBS_BOX } from './draw';
import type { SoftmaxReport } from './model';
import { SoftmaxPainter } from './painter';
import { limitReached, NaiveTable } from './readouts';
import { LOGIT_LIMIT, softmaxSchema } from './schema';
import widget from './widget';
import layout from '@/components/widgets/kit/layout.module.css';
import metrics from '@/components/widgets/kit/metrics.module.css';
import styles from './styles.module.css';

const clampLogit = (v: number) => Math.round(Math.min(LOGIT_LIMIT, Math.max(-LOGIT_LIMIT, v)) * 100) / 100;

/** A logit typed as a number; the draft may be half-typed ("-", "1.") while the value stays valid. */
function LogitInput({ index, value, onChange }: { index: number; value: number; onChange(v: number): void }) {
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft((d) => (Number(d) === value ? d : String(value))), [value]);
  return (
    <label className={styles.logitInput}>
      <span className={ui.label}>{indexed('z', index)}</span>
      <input
        type="number"
        inputMode="decimal"
        min={-LOGIT_LIMIT}
        max={LOGIT_LIMIT}
        step={0.1}
        value={draft}
        aria-label={`Logit ${indexed('z', index)}`}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(v)) onChange(clampLogit(v));
        }}
        onBlur={() => setDraft(String(value))}
      />
    </label>
  );
}

export default function SoftmaxTemperature(props: WidgetProps): ReactNode {
  const w = useStaticWidget(widget, props, (params) => new SoftmaxPainter(params));
  const { params, setParams, painter, instance } = w;
  const { store } = instance;
  const [report, setReport] = useState<SoftmaxReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const dragging = useRef(false);

  // The engine's numbers for these logits and this temperature, from the worker.
  const request = useEvaluator<Models['softmax-temperature'], 'report'>('softmax-temperature', 'report', setError);
  useEffect(() => {
    request({ logits: params.logits, temperature: params.temperature }, (r) => {
      setReport(r);
      setError(null);
    });
  }, [request, params.logits, params.temperature]);

  const K = params.logits.length;
  const current = Math.min(selected, K - 1);

  useEffect(() => {
    painter.report = report;
    painter.selected = current;
    painter.request();
  }, [painter, report, current]);

  function setLogit(i: number, v: number) {
    const next = params.logits.slice();
    next[i] = clampLogit(v);
    setParams({ logits: next });
  }

  function dragTo(e: PointerEvent<SVGSVGElement>, start: boolean) {
    const at = pointerInViewBox(e.currentTarget, e.clientX, e.clientY);
    if (!at) return;
    const i = start ? bandAt(LOGITS_BOX, K, at[0]) : current;
    if (start) setSelected(i);
    setLogit(i, Math.round(logitScale().invert(at[1]) * 10) / 10);
  }

  function onKey(e: KeyboardEvent<SVGSVGElement>) {
    const step = e.shiftKey ? 1 : 0.1;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') setSelected((current + (e.key === 'ArrowLeft' ? K - 1 : 1)) % K);
    else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') setLogit(current, params.logits[current] + (e.key === 'ArrowUp' ? step : -step));
    else return;
    e.preventDefault();
  }

  const limit = report && report.probs.length === K ? limitReached(report.probs) : null;

  const controls = (
    <>
      <ParamControl schema={softmaxSchema} store={store} name="temperature" />
      <ParamControl schema={softmaxSchema} store={store} name="naive" />
      <div className={styles.count}>
        <span className={ui.label}>{K} logits</span>
        <Button data-action="add-logit" disabled={K >= 8} onClick={() => setParams({ logits: [...params.logits, 0] })}>
          Add
        </Button>
        <Button data-action="remove-logit" disabled={K <= 3} onClick={() => setParams({ logits: params.logits.slice(0, -1) })}>
          Remove
        </Button>
      </div>
    </>
  );

  return (
    <WidgetFrame widget={w} controls={controls}>
      <div className={`${layout.split} ${styles.layout}`}>
        <div className={styles.charts}>
          <svg
            ref={painter.ref('logits')}
            className={styles.logits}
            viewBox={`0 0 ${LOGITS_BOX.width} ${LOGITS_BOX.height}`}
            role="application"
            tabIndex={0}
            aria-label={`Logits: ${params.logits.map((z, i) => `${indexed('z', i)} = ${withMinus(String(z))}`).join(', ')}. ${indexed('z', current)} is selected: left and right arrows choose a logit, up and down change it by 0.1 (Shift: by 1). Drag a bar to set it.`}
            data-selected={current}
            onKeyDown={onKey}
            onPointerDown={(e) => {
              dragging.current = true;
              e.currentTarget.setPointerCapture(e.pointerId);
              dragTo(e, true);
            }}
            onPointerMove={(e) => dragging.current && dragTo(e, false)}
            onPointerUp={() => (dragging.current = false)}
            onPointerCancel={() => (dragging.current = false)}
          />
          <svg ref={painter.ref('probs')} viewBox={`0 0 ${PROBS_BOX.width} ${PROBS_BOX.height}`} role="img" aria-label={report ? `Probabilities at T = ${params.temperature}: ${Array.from(report.probs, (p, i) => `${indexed('p', i)} = ${p.toFixed(3)}`).join(', ')}` : 'Probabilities'} />
        </div>
        <div className={styles.side}>
          <div className={styles.inputs} role="group" aria-label="Type the logits">
            {params.logits.map((z, i) => (
              <LogitInput key={i} index={i} value={z} onChange={(v) => setLogit(i, v)} />
            ))}
          </div>
          <dl className={metrics.metrics} aria-live="polite">
            <div>
              <dt>entropy H</dt>
              <dd data-metric="entropy">{report ? `${report.entropy.toFixed(3)} nats` : '—'}</dd>
              <dd className={metrics.aside}>of at most log K = {Math.log(K).toFixed(3)}</dd>
            </div>
            <div>
              <dt>largest probability</dt>
              <dd data-metric="max-prob">{report ? `${indexed('p', report.argmax)} = ${report.maxProb.toFixed(3)}` : '—'}</dd>
            </div>
            <div>
              <dt>limit</dt>
              <dd data-metric="limit">{limit === 'one-hot' ? 'one-hot: the largest p is within 0.01 of 1 (T → 0)' : limit === 'uniform' ? 'uniform: every p is within 0.01 of 1/K (T → ∞)' : 'neither limit'}</dd>
            </div>
          </dl>
          {error ? (
            <p className={styles.error} role="alert">
              {error}
            </p>
          ) : null}
          {params.naive && report && report.probs.length === K ? <NaiveTable report={report} /> : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
