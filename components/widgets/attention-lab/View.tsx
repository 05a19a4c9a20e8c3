'use client';

import { useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import ui from '@/components/ui/controls.module.css';
import type { WidgetProps } from '@/components/widgets/kit/define';
import layout from '@/components/widgets/kit/layout.module.css';
import { LineKey } from '@/components/widgets/kit/LineKey';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useTrainingWidget } from '@/components/widgets/kit/useWidget';
import { WidgetAlert, WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import { CHART_BOX, chartKey } from './draw';
import { AttentionLabPainter } from './painter';
import { attentionLabSchema, MAX_TEXT } from './schema';
import { textProblem } from './text-check';
import widget from './widget';
import metrics from '@/components/widgets/kit/metrics.module.css';
import styles from './styles.module.css';

export default function AttentionLab(props: WidgetProps): ReactNode {
  const text = useRef('');
  const w = useTrainingWidget(widget, props, { painter: (params) => new AttentionLabPainter(params), input: () => text.current });
  const { params, setParams, painter, instance, controller } = w;
  const { store } = instance;
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const lines = params.task !== 'reverse';

  /** The pasted text, checked here first; a good one replaces the runs' data and starts afresh. */
  const useText = () => {
    const why = textProblem(draft);
    setProblem(why);
    if (why) return;
    text.current = draft;
    if (params.task !== 'text') setParams({ task: 'text' });
    else void controller.paramsChanged(['task']);
  };

  const controls = (
    <>
      <ParamControl schema={attentionLabSchema} store={store} name="task" />
      {params.task === 'reverse' ? <ParamControl schema={attentionLabSchema} store={store} name="length" /> : <ParamControl schema={attentionLabSchema} store={store} name="context" />}
      <ParamControl schema={attentionLabSchema} store={store} name="layers" />
      <ParamControl schema={attentionLabSchema} store={store} name="heads" />
      <ParamControl schema={attentionLabSchema} store={store} name="width" />
      <ParamControl schema={attentionLabSchema} store={store} name="causal" />
      <ParamControl schema={attentionLabSchema} store={store} name="positions" />
      <ParamControl schema={attentionLabSchema} store={store} name="lr" />
      <ParamControl schema={attentionLabSchema} store={store} name="temperature" disabled={!lines} />
      <ParamControl schema={attentionLabSchema} store={store} name="topK" disabled={!lines} />
      <ParamControl schema={attentionLabSchema} store={store} name="seed" />
    </>
  );

  return (
    <WidgetFrame widget={w} lossLabel="training loss" controls={controls} stickyRun>
      <div className={`${layout.split} ${styles.layout}`}>
        <div className={styles.column}>
          <LineKey label="Lines of the charts" entries={chartKey({ bigramLoss: lines ? 0 : null, peeking: params.causal ? null : new Float32Array(0) })} />
          <svg viewBox={`0 0 ${CHART_BOX.width} ${CHART_BOX.height}`} role="img" aria-label={lines ? 'Training loss, held-out loss and the bigram baseline against the step' : 'Training loss against the step'}>
            <g ref={painter.ref('loss')} />
          </svg>
          {lines ? null : (
            <svg viewBox={`0 0 ${CHART_BOX.width} ${CHART_BOX.height}`} role="img" aria-label="Held-out token accuracy against the step">
              <g ref={painter.ref('accuracy')} />
            </svg>
          )}
          <table ref={painter.ref('readout')} className={metrics.figures}>
            <tbody>
              <tr>
                <th scope="row">{lines ? 'held-out loss (nats per character)' : 'held-out token accuracy'}</th>
                <td data-metric="held-out">—</td>
              </tr>
              <tr>
                <th scope="row">bigram baseline</th>
                <td data-metric="baseline">—</td>
              </tr>
              <tr>
                <th scope="row">{lines ? 'held-out loss while peeking (mask off)' : 'accuracy while peeking (mask off)'}</th>
                <td data-metric="peeking">—</td>
              </tr>
              <tr>
                <th scope="row">head that reads the mirrored digit</th>
                <td data-metric="mirror">—</td>
              </tr>
              <tr>
                <th scope="row">weights</th>
                <td data-metric="parameters">—</td>
              </tr>
            </tbody>
          </table>
          <section aria-label={lines ? 'Samples' : 'Answer'} className={styles.samples}>
            <h4 className={ui.label}>{lines ? 'New lines sampled with T and top-k, refreshed as it trains' : 'Its answer to your digits, written greedily one digit at a time'}</h4>
            <ul ref={painter.ref('samples')} aria-live="off" />
          </section>
          {params.task === 'text' ? (
            <section aria-label="Your text" className={styles.paste}>
              <label className={ui.label} htmlFor="attention-lab-text">
                Paste text (up to {MAX_TEXT.toLocaleString('en')} characters; each line is one example, cut into pieces of at most L characters)
              </label>
              <textarea id="attention-lab-text" className={ui.input} rows={5} value={draft} onChange={(e) => setDraft(e.target.value)} />
              <Button onClick={useText} data-action="use-text">
                Train on this text
              </Button>
              {problem ? (
                <WidgetAlert>
                  <p>{problem}</p>
                </WidgetAlert>
              ) : null}
            </section>
          ) : null}
        </div>
        <div className={styles.column}>
          <ParamControl schema={attentionLabSchema} store={store} name="probe" />
          <p className={ui.help}>Row i of a map is position i reading the positions it may attend to; brighter is more weight. Each row sums to 1.</p>
          <div ref={painter.ref('maps')} className={styles.maps} data-part="maps" />
        </div>
      </div>
    </WidgetFrame>
  );
}
