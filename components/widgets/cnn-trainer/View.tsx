'use client';

import { useCallback, useRef, type ReactNode } from 'react';
import ui from '@/components/ui/controls.module.css';
import type { WidgetProps } from '@/components/widgets/kit/define';
import layout from '@/components/widgets/kit/layout.module.css';
import { LineKey } from '@/components/widgets/kit/LineKey';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useTrainingWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import { isBlank } from '@/components/widgets/shared/fashion/brush';
import { DrawPad } from '@/components/widgets/shared/fashion/DrawPad';
import { ACCURACY_BOX, CONFUSION_BOX, LOSS_BOX, MODEL_STYLE } from './draw';
import { CnnTrainerPainter } from './painter';
import { SampleStrip } from './SampleStrip';
import { cnnTrainerSchema } from './schema';
import widget from './widget';
import metrics from '@/components/widgets/kit/metrics.module.css';
import styles from './styles.module.css';

/** How often a drawing in progress is sent to the models. */
const DRAW_THROTTLE_MS = 80;

export default function CnnTrainer(props: WidgetProps): ReactNode {
  const w = useTrainingWidget(widget, props, { painter: (params) => new CnnTrainerPainter(params) });
  const { params, setParams, painter, instance, controller } = w;
  const { store } = instance;
  const pending = useRef<{ timer: number; image: Float32Array | null }>({ timer: 0, image: null });

  /** Sends the drawing to the run, at most every DRAW_THROTTLE_MS; the painter draws the answer. */
  const drawn = useCallback(
    (image: Float32Array) => {
      pending.current.image = image.slice();
      if (pending.current.timer) return;
      pending.current.timer = window.setTimeout(async () => {
        pending.current.timer = 0;
        const pixels = pending.current.image!;
        const run = controller.openRuns[0];
        if (!run || isBlank(pixels)) return painter.setDrawn(null);
        try {
          painter.setDrawn(await run.evaluate('predict', { pixels }));
        } catch {
          painter.setDrawn(null);
        }
      }, DRAW_THROTTLE_MS);
    },
    [controller, painter],
  );

  const controls = (
    <>
      <ParamControl schema={cnnTrainerSchema} store={store} name="lr" />
      <ParamControl schema={cnnTrainerSchema} store={store} name="batch" />
      <ParamControl schema={cnnTrainerSchema} store={store} name="permute" />
      <ParamControl schema={cnnTrainerSchema} store={store} name="augment" />
      <ParamControl schema={cnnTrainerSchema} store={store} name="shift" />
      <ParamControl schema={cnnTrainerSchema} store={store} name="seed" />
    </>
  );

  return (
    <WidgetFrame widget={w} lossLabel="CNN loss" controls={controls} stickyRun>
      <div className={`${layout.split} ${styles.layout}`}>
        <div className={styles.column}>
          <LineKey entries={[MODEL_STYLE.cnn, MODEL_STYLE.mlp]} />
          <svg viewBox={`0 0 ${ACCURACY_BOX.width} ${ACCURACY_BOX.height}`} role="img" aria-label="Test accuracy of the CNN and the MLP on 2,000 test images against the training step">
            <g ref={painter.ref('accuracy')} />
          </svg>
          <svg viewBox={`0 0 ${LOSS_BOX.width} ${LOSS_BOX.height}`} role="img" aria-label="Training loss of the CNN and the MLP against the step">
            <g ref={painter.ref('loss')} />
          </svg>
          <table ref={painter.ref('readout')} className={metrics.figures}>
            <thead>
              <tr>
                <td />
                <th scope="col">CNN</th>
                <th scope="col">MLP</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">weights</th>
                <td data-metric="cnn-parameters">—</td>
                <td data-metric="mlp-parameters">—</td>
              </tr>
              <tr>
                <th scope="row">test accuracy</th>
                <td data-metric="cnn-accuracy">—</td>
                <td data-metric="mlp-accuracy">—</td>
              </tr>
              <tr>
                <th scope="row">{params.shift === 0 ? 'shifted test images (choose a shift)' : `test images shifted ${params.shift} px right and down`}</th>
                <td data-metric="cnn-shifted">—</td>
                <td data-metric="mlp-shifted">—</td>
              </tr>
            </tbody>
          </table>
          <div className={styles.confusion}>
            <ParamControl schema={cnnTrainerSchema} store={store} name="confusion" />
            <svg viewBox={`0 0 ${CONFUSION_BOX.width} ${CONFUSION_BOX.height}`} role="img" aria-label={`Confusion matrix of the ${params.confusion.toUpperCase()} on the test images: rows are true classes, columns predicted classes, shaded by the share of the row`}>
              <g ref={painter.ref('confusion')} />
            </svg>
          </div>
        </div>
        <div className={styles.column}>
          <section aria-label="First-layer filters">
            <h4 className={ui.label}>The CNN’s eight first-layer filters (3×3; orange positive, blue negative)</h4>
            <canvas ref={painter.ref('filters')} className={`${styles.pixels} ${styles.filters}`} role="img" aria-label="The eight 3×3 filters of the first convolution" />
          </section>
          <section aria-label="Feature maps">
            <h4 className={ui.label}>A test image and its feature maps</h4>
            <SampleStrip chosen={params.probe} onChoose={(probe) => setParams({ probe })} />
            <div className={styles.maps}>
              <figure>
                <canvas ref={painter.ref('probe')} className={`${styles.pixels} ${styles.probe}`} role="img" aria-label="The chosen image as the models see it" />
                <figcaption>input{params.permute ? ' (scrambled)' : ''}</figcaption>
              </figure>
              <figure>
                <canvas ref={painter.ref('maps1')} className={`${styles.pixels} ${styles.maps1}`} role="img" aria-label="Eight feature maps after the first convolution, ReLU and pooling, 14 by 14" />
                <figcaption>block 1: 8 maps, 14×14</figcaption>
              </figure>
              <figure>
                <canvas ref={painter.ref('maps2')} className={`${styles.pixels} ${styles.maps2}`} role="img" aria-label="Sixteen feature maps after the second block, 7 by 7" />
                <figcaption>block 2: 16 maps, 7×7</figcaption>
              </figure>
            </div>
            <p className={styles.verdict} data-metric="probe-verdict" ref={painter.ref('verdict')}>
              —
            </p>
            <svg viewBox="0 0 240 180" className={styles.bars} role="img" aria-label="Class probabilities of the chosen image: CNN solid bars, MLP lower bars">
              <g ref={painter.ref('probeBars')} />
            </svg>
          </section>
          <section aria-label="Draw your own">
            <h4 className={ui.label}>Draw a garment (white on black, filling the square, as the data set’s images do)</h4>
            <div className={styles.drawRow}>
              <DrawPad label="Drawing pad, 28 by 28 pixels" onChange={drawn} />
              <svg viewBox="0 0 240 180" className={styles.bars} role="img" aria-label="Class probabilities of your drawing: CNN upper bars, MLP lower bars">
                <g ref={painter.ref('drawnBars')} />
              </svg>
            </div>
          </section>
        </div>
      </div>
    </WidgetFrame>
  );
}
