'use client';

import type { ReactNode } from 'react';
import { CLASS_COLORS } from '@/components/plots';
import { Button } from '@/components/ui/Button';
import ui from '@/components/ui/controls.module.css';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useTrainingWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import { FIELD_BOX, LOSS_BOX, RELIABILITY_BOX } from './draw';
import { ClassifierPainter } from './painter';
import { classifierSchema, DATASETS, TEST_POINTS } from './schema';
import widget from './widget';
import layout from '@/components/widgets/kit/layout.module.css';
import styles from './styles.module.css';

export default function Classifier2d(props: WidgetProps): ReactNode {
  const w = useTrainingWidget(widget, props, { painter: (params) => new ClassifierPainter(params) });
  const { params, setParams, painter, instance } = w;
  const { store } = instance;

  const classes = DATASETS[params.dataset].classes;
  const binary = classes === 2;

  const controls = (
    <>
      <ParamControl schema={classifierSchema} store={store} name="dataset" />
      <ParamControl schema={classifierSchema} store={store} name="loss" />
      <ParamControl schema={classifierSchema} store={store} name="init" />
      <ParamControl schema={classifierSchema} store={store} name="tau" disabled={!binary} />
      <ParamControl schema={classifierSchema} store={store} name="lr" />
      <ParamControl schema={classifierSchema} store={store} name="n" />
      <ParamControl schema={classifierSchema} store={store} name="noise" />
      <ParamControl schema={classifierSchema} store={store} name="speed" />
      <div className={styles.sample}>
        <span className={ui.label}>Sample {params.seed}</span>
        <Button data-action="resample" onClick={() => setParams({ seed: (params.seed + 1) % 10000 })}>
          New sample
        </Button>
      </div>
    </>
  );

  return (
    <WidgetFrame widget={w} lossLabel={params.loss === 'ce' ? 'cross-entropy' : 'squared error'} controls={controls}>
      <div className={`${layout.split} ${styles.layout}`}>
        <div className={styles.main}>
          <div className={styles.field}>
            <canvas ref={painter.ref('canvas')} className={styles.canvas} aria-hidden="true" />
            <svg
              className={styles.overlay}
              viewBox={`0 0 ${FIELD_BOX.width} ${FIELD_BOX.height}`}
              role="img"
              aria-label={`${DATASETS[params.dataset].label}: ${params.n} training points, coloured by class, over the model's probability field; the black line is the decision boundary${binary ? ` at τ = ${params.tau}` : ''}; ringed points are misclassified.`}
            >
              <g ref={painter.ref('frame')} />
              <g ref={painter.ref('boundary')} />
              <g ref={painter.ref('points')} />
              <g ref={painter.ref('rings')} />
            </svg>
          </div>
          <svg viewBox={`0 0 ${LOSS_BOX.width} ${LOSS_BOX.height}`} role="img" aria-label="Training loss against the step">
            <g ref={painter.ref('loss')} />
          </svg>
        </div>
        <div ref={painter.ref('readout')} className={styles.side}>
          <ul className={styles.legend} aria-label="Classes">
            {Array.from({ length: classes }, (_, k) => (
              <li key={k}>
                <span className={styles.dot} style={{ background: CLASS_COLORS[k] }} aria-hidden="true" />
                class {k}
              </li>
            ))}
          </ul>
          {binary ? (
            <table className={styles.confusion} data-testid="confusion">
              <caption>Training points at τ = {params.tau.toFixed(2)}</caption>
              <thead>
                <tr>
                  <td />
                  <th scope="col">predicted 0</th>
                  <th scope="col">predicted 1</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">class 0</th>
                  <td data-cell="tn">—</td>
                  <td data-cell="fp">—</td>
                </tr>
                <tr>
                  <th scope="row">class 1</th>
                  <td data-cell="fn">—</td>
                  <td data-cell="tp">—</td>
                </tr>
              </tbody>
            </table>
          ) : null}
          <dl className={styles.metrics}>
            <div>
              <dt>training accuracy{binary ? ' at τ' : ''}</dt>
              <dd data-metric="train-accuracy">—</dd>
            </div>
            <div>
              <dt>held-out accuracy</dt>
              <dd data-metric="test-accuracy">—</dd>
            </div>
            <div>
              <dt>calibration error (ECE)</dt>
              <dd data-metric="ece">—</dd>
            </div>
          </dl>
          <svg
            viewBox={`0 0 ${RELIABILITY_BOX.width} ${RELIABILITY_BOX.height}`}
            role="img"
            aria-label={`Reliability diagram on ${TEST_POINTS} held-out points: bars show how often the predicted event happened in each bin of predicted probability; the dashed diagonal is perfect calibration; grey bars above the plot count the points per bin.`}
          >
            <g ref={painter.ref('relGrid')} />
            <g ref={painter.ref('relBars')} />
            <g ref={painter.ref('relFrame')} />
          </svg>
        </div>
      </div>
    </WidgetFrame>
  );
}

