'use client';

import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { watchWidth } from '@/components/plots';
import { Button } from '@/components/ui/Button';
import ui from '@/components/ui/controls.module.css';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { decodeState, instanceStateIn } from '@/components/widgets/kit/url-codec';
import { useEvaluator } from '@/components/widgets/kit/useEvaluator';
import { useStaticWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import { LayerSliders } from '@/components/widgets/shared/network/LayerSliders';
import { batchOf, classCount, HAS_CLASSES, widthsOf } from '@/components/widgets/shared/network/params';
import type { Models } from '@/workers/models.generated';
import { bytesText } from './draw';
import type { TapeReport } from './model';
import { TapePainter } from './painter';
import { tapeSchema, type TapeParams } from './schema';
import widget from './widget';
import table from '@/components/widgets/kit/readout-table.module.css';
import styles from './styles.module.css';

/** The settings of a pasted playground link that this widget shares, or a reason it has none. */
export function playgroundState(text: string): Partial<TapeParams> | string {
  let search: string;
  try {
    search = new URL(text.trim(), 'http://localhost/').search;
  } catch {
    return 'That is not a link.';
  }
  const encoded = instanceStateIn(search, 'playground');
  if (!encoded) return 'That link has no playground state (it has no “?playground=…”).';
  // The playground's other settings (optimizer, rate, pace) do not shape one step's tape: they are left out.
  const { state } = decodeState({ ...tapeSchema, name: 'playground' }, encoded);
  const { checkpoint: _, ...network } = state;
  return network;
}

function PasteLink({ onOpen }: { onOpen(params: Partial<TapeParams>): void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  function open(e: FormEvent) {
    e.preventDefault();
    const parsed = playgroundState(text);
    if (typeof parsed === 'string') return setProblem(parsed);
    setProblem(null);
    onOpen(parsed);
  }
  return (
    <form className={styles.paste} onSubmit={open}>
      <label htmlFor={id} className={ui.label}>
        Open the network of a playground link (chapter 4’s “Copy link to this state”)
      </label>
      <span className={styles.pasteRow}>
        <input id={id} className={ui.input} type="url" value={text} onChange={(e) => setText(e.target.value)} placeholder="…/chapters/mlp/?playground=v.2~w.8_8…" />
        <Button type="submit" data-action="open-link">
          Open
        </Button>
      </span>
      {problem ? (
        <span role="alert" className={ui.help}>
          {problem}
        </span>
      ) : null}
    </form>
  );
}

export default function TapeViewer(props: WidgetProps): ReactNode {
  const w = useStaticWidget(widget, props, (params) => new TapePainter(params));
  const { params, setParams, painter, instance } = w;
  const { store } = instance;
  const [report, setReport] = useState<TapeReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = useEvaluator<Models['tape'], 'step'>('tape', 'step', setError);
  const widths = widthsOf(params);
  const classes = classCount(params);

  useEffect(() => {
    request(
      { dataset: params.dataset, classes, widths, activation: params.activation, loss: params.loss, batch: batchOf(params.batch), seed: params.seed, checkpoint: params.checkpoint },
      (r) => {
        setReport(r);
        setError(null);
      },
    );
    // widths is derived from params.widths on every render: its text is the dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request, params.dataset, classes, widths.join(','), params.activation, params.loss, params.batch, params.seed, params.checkpoint]);

  useEffect(() => {
    painter.report = report;
    painter.request();
  }, [painter, report]);

  useEffect(() => {
    const bars = painter.element('bars');
    return bars
      ? watchWidth(bars, (width) => {
          painter.width = width;
          painter.request();
        })
      : undefined;
  }, [painter]);

  const checkpointed = params.checkpoint !== 'none';
  const controls = (
    <>
      <PasteLink onOpen={(p) => setParams(p)} />
      <ParamControl schema={tapeSchema} store={store} name="dataset" />
      <ParamControl schema={tapeSchema} store={store} name="classes" disabled={!HAS_CLASSES.has(params.dataset)} />
      <LayerSliders widths={widths} firstLayerUnits={16} onChange={(w) => setParams({ widths: w })} />
      <ParamControl schema={tapeSchema} store={store} name="activation" />
      <ParamControl schema={tapeSchema} store={store} name="loss" />
      <ParamControl schema={tapeSchema} store={store} name="batch" />
      <ParamControl schema={tapeSchema} store={store} name="checkpoint" />
    </>
  );

  const r = report;
  return (
    <WidgetFrame widget={w} controls={controls} error={error}>
      <p className={styles.summary} data-testid="tape-summary">
        {r
          ? `A step of a network ${[2, ...widths, classes].join('–')} (${r.parameters.toLocaleString('en-US')} weights, ${bytesText(r.parameterBytes)}) on a batch of ${params.batch === 'all' ? 250 : params.batch}: the tape records ${r.rows.length} nodes; the loss is ${r.loss.toPrecision(4)}. Measured on ${r.backend}.`
          : 'Recording a step…'}
      </p>
      <svg ref={painter.ref('bars')} className={styles.bars} role="img" aria-label={r ? `Bytes kept until the step ends: ${r.cost.allocatedBytes}; read by the backward pass: ${r.cost.heldBytes}${checkpointed ? `; without checkpoints ${r.plain.allocatedBytes} and ${r.plain.heldBytes}` : ''}.` : 'Memory of the step'} />
      {r && checkpointed ? (
        <p className={styles.summary} data-testid="checkpoint-summary">
          The backward pass ran {r.cost.recomputed} layer forward{r.cost.recomputed === 1 ? '' : 's'} again. Gradients with and without checkpoints differ by at most{' '}
          <strong data-gap={r.gradientGap}>{r.gradientGap === 0 ? '0: the same to the bit' : r.gradientGap.toExponential(1)}</strong>.
        </p>
      ) : null}
      <div className={styles.tableFrame} tabIndex={0} role="region" aria-label="The recorded nodes (scrolls sideways when wide)">
        <table className={`${table.table} ${styles.tape}`} data-testid="tape">
          <caption>The tape, in the order the forward pass recorded it</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">layer</th>
              <th scope="col">op</th>
              <th scope="col">output</th>
              <th scope="col">kept for backward</th>
              <th scope="col">gradient rule</th>
            </tr>
          </thead>
          <tbody>
            {(r?.rows ?? []).map((row, i) => (
              <tr key={i} data-op={row.op}>
                <td>{i + 1}</td>
                <td>{row.layer >= r!.layers ? 'loss' : row.op === 'checkpoint' && params.checkpoint === 'pairs' ? `${row.layer + 1}–${Math.min(row.layer + 2, r!.layers - 1)}` : row.layer + 1}</td>
                <td>{row.op}</td>
                <td>({row.outputShape.join(', ')})</td>
                <td data-bytes={row.savedBytes}>{row.savedBytes ? bytesText(row.savedBytes) : '—'}</td>
                <td className={styles.rule}>{row.vjp}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className={ui.help}>
        “Kept for backward” counts each tensor a rule reads once, at the first node that needs it; data and weights, alive anyway, are not counted. This engine frees a step’s
        tensors only when the step ends, so it keeps more than the backward pass reads; checkpointing makes it keep little more.
      </p>
    </WidgetFrame>
  );
}
