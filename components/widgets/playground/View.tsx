'use client';

import { useEffect, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { useTrainingWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import metrics from '@/components/widgets/kit/metrics.module.css';
import { CHART_BOX, PLANE_BOX, SERIES_KEY, classColors } from './draw';
import { PlaygroundControls } from './Controls';
import { PlaygroundPainter, type UnitRef } from './painter';
import { ACTIVATIONS, classCount, DATASETS, MAX_UNITS, widthsOf } from './schema';
import widget from './widget';
import styles from './styles.module.css';

/** The enlarged unit's field is fetched again at most this often while training. */
const UNIT_REFRESH_MS = 200;

/** The readout's rows and, per set (training, validation, test), the cells the painter fills in. */
const READOUT = [
  ['loss', ['train-loss', 'validation-loss', 'test-loss']],
  ['accuracy', ['train-accuracy', 'validation-accuracy', 'test-accuracy']],
] as const;

const unitName = (u: UnitRef) => `layer ${u.column}, unit ${u.unit + 1}`;

export default function Playground(props: WidgetProps): ReactNode {
  const w = useTrainingWidget(widget, props, {
    painter: (params) => new PlaygroundPainter(params),
    async prepared(runs, painter) {
      painter.clearRun();
      painter.data = await runs[0].evaluate('data');
      painter.request();
    },
  });
  const { params, setParams, painter, controller } = w;
  const instanceId = w.instance.instanceId;
  const [selected, setSelected] = useState<UnitRef | null>(null);
  const [focused, setFocused] = useState<UnitRef | null>(null);

  // The enlarged unit follows training, as often as the worker can spare.
  useEffect(() => {
    let fetching = false;
    let fetchedAt = -Infinity;
    async function fetchUnit(unit: UnitRef, step: number) {
      const [run] = await controller.handles();
      if (!run) return;
      try {
        const r = await run.evaluate('unit', { layer: unit.column - 1, unit: unit.unit });
        if (painter.selected?.column === unit.column && painter.selected.unit === unit.unit) {
          painter.unitField = { n: r.n, values: r.field, step };
          painter.request();
        }
      } catch {
        // The run was replaced meanwhile (a reset): the next frame asks again.
      }
    }
    painter.onFrame = () => {
      const unit = painter.selected;
      const step = painter.fields?.step ?? -1;
      if (!unit || fetching || painter.unitField?.step === step || performance.now() - fetchedAt < UNIT_REFRESH_MS) return;
      fetching = true;
      fetchedAt = performance.now();
      void fetchUnit(unit, step).finally(() => (fetching = false));
    };
    painter.onSelect = (unit) => {
      setSelected(unit);
      painter.unitField = null;
      if (unit) void fetchUnit(unit, painter.fields?.step ?? -1);
    };
    painter.onClear = () => {
      setSelected(null);
      setFocused(null);
    };
  }, [painter, controller]);

  const widths = widthsOf(params);
  const classes = classCount(params);
  const layout = painter.layout;

  function select(unit: UnitRef | null) {
    const same = unit && painter.selected?.column === unit.column && painter.selected.unit === unit.unit;
    painter.select(same ? null : unit);
  }

  function clickNetwork(e: MouseEvent<HTMLCanvasElement>) {
    const rect = e.currentTarget.getBoundingClientRect();
    const u = painter.unitAt(((e.clientX - rect.left) * layout.width) / rect.width, ((e.clientY - rect.top) * layout.height) / rect.height);
    if (u && u.column >= 1 && u.column <= widths.length) {
      painter.setFocus({ column: u.column, unit: u.unit });
      setFocused({ column: u.column, unit: u.unit });
      select({ column: u.column, unit: u.unit });
    }
  }

  function keyNetwork(e: KeyboardEvent<HTMLCanvasElement>) {
    if (widths.length === 0) return;
    const at = painter.focused ?? { column: 1, unit: 0 };
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    let next: UnitRef | null = null;
    if (moves[e.key]) {
      const column = Math.min(widths.length, Math.max(1, at.column + moves[e.key][0]));
      next = { column, unit: Math.min(widths[column - 1] - 1, Math.max(0, at.unit + moves[e.key][1])) };
    } else if (e.key === 'Enter' || e.key === ' ') select(at);
    else if (e.key === 'Escape') painter.select(null);
    else return;
    e.preventDefault();
    if (next) {
      painter.setFocus(next);
      setFocused(next);
    }
  }

  function changeWidth(layer: number, delta: number) {
    const next = widths.map((w, i) => (i === layer ? Math.min(MAX_UNITS, Math.max(1, w + delta)) : w));
    setParams({ widths: next });
  }

  async function exportWeights() {
    const [run] = await controller.handles();
    if (!run) return;
    const json = await run.evaluate('export');
    const url = URL.createObjectURL(new Blob([JSON.stringify(json, null, 1)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `playground-${params.dataset}-${[2, ...widths, classes].join('-')}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  const datasetLabel = DATASETS.find((d) => d.value === params.dataset)?.label ?? params.dataset;
  const activation = ACTIVATIONS.find((a) => a.value === params.activation)?.label ?? params.activation;
  const architecture = widths.length ? `${widths.length} hidden layer${widths.length > 1 ? 's' : ''} of ${widths.join(', ')} units (${activation})` : 'no hidden layer';

  return (
    <WidgetFrame widget={w} lossLabel="minibatch loss" stickyRun controls={<PlaygroundControls store={w.instance.store} onExport={() => void exportWeights()} />}>
      <div className={styles.layout}>
        <div className={styles.planePanel}>
          <div className={styles.panelHead}>
            <span className={styles.panelTitle}>{selected ? `Field of ${unitName(selected)}` : 'Output: the decision field'}</span>
            {selected ? (
              <Button quiet onClick={() => painter.select(null)} data-action="back-to-output">
                Back to the output
              </Button>
            ) : null}
          </div>
          <div className={styles.plane}>
            <canvas ref={painter.ref('planeCanvas')} width={PLANE_BOX.width} height={PLANE_BOX.height} aria-hidden="true" />
            <svg
              ref={painter.ref('planeSvg')}
              viewBox={`0 0 ${PLANE_BOX.width} ${PLANE_BOX.height}`}
              role="img"
              aria-label={`${datasetLabel}: ${classes} classes, training points filled, validation points as ringed squares, test points as ringed dots; coloured by the ${selected ? `activation of ${unitName(selected)}` : 'class the network predicts'}.`}
            />
          </div>
          <ul className={styles.key} aria-label="Key">
            {classColors(classes).map((c, k) => (
              <li key={c}>
                <span className={styles.dot} style={{ background: c }} aria-hidden="true" />
                class {k + 1}
              </li>
            ))}
            <li>
              <span className={`${styles.dot} ${styles.ring} ${styles.square}`} aria-hidden="true" />
              validation point
            </li>
            <li>
              <span className={`${styles.dot} ${styles.ring}`} aria-hidden="true" />
              test point
            </li>
          </ul>
        </div>
        <div className={styles.networkPanel}>
          <div className={styles.panelHead}>
            <span className={styles.panelTitle}>The network: {architecture}</span>
          </div>
          <div className={styles.layerHeads} aria-label="Units per hidden layer" role="group">
            {widths.map((w, i) => {
              const x = layout.columns[i + 1]?.[0]?.x ?? 0;
              return (
                <div key={i} className={styles.layerHead} style={{ left: `${(100 * x) / layout.width}%` }}>
                  <button type="button" className={styles.tiny} onClick={() => changeWidth(i, 1)} disabled={w >= MAX_UNITS} aria-label={`More units in layer ${i + 1}`}>
                    +
                  </button>
                  <span>{w}</span>
                  <button type="button" className={styles.tiny} onClick={() => changeWidth(i, -1)} disabled={w <= 1} aria-label={`Fewer units in layer ${i + 1}`}>
                    −
                  </button>
                </div>
              );
            })}
          </div>
          <canvas
            ref={painter.ref('network')}
            className={styles.network}
            style={{ aspectRatio: `${layout.width} / ${layout.height}` }}
            tabIndex={0}
            role="application"
            aria-label={`Network diagram, inputs x₁ and x₂ on the left, ${classes} outputs on the right. Each hidden unit is drawn as its own field; edges are weights, orange negative and purple positive, wider when larger. Click a unit, or use the arrow keys and Enter, to enlarge its field.`}
            aria-describedby={`${instanceId}-unit`}
            onClick={clickNetwork}
            onKeyDown={keyNetwork}
            onFocus={() => {
              if (!painter.focused && widths.length) {
                painter.setFocus({ column: 1, unit: 0 });
                setFocused({ column: 1, unit: 0 });
              }
            }}
            onBlur={() => painter.setFocus(null)}
          />
          <p id={`${instanceId}-unit`} className={styles.hint} aria-live="polite">
            {focused ? `Unit: ${unitName(focused)}${selected && selected.column === focused.column && selected.unit === focused.unit ? ', enlarged' : ''}. ` : ''}
            Click a unit to show its own field in place of the output. Colour runs from orange (negative) through the page colour (zero) to purple (positive). Between wide layers only the larger weights are drawn.
          </p>
        </div>
        <div className={styles.charts}>
          <table ref={painter.ref('readout')} className={`${metrics.figures} ${styles.readout}`} data-readout="playground">
            <caption className="visually-hidden">Latest loss and accuracy on each set; the column heads are the key to the lines of both charts</caption>
            <thead>
              <tr>
                <td />
                {SERIES_KEY.map((s) => (
                  <th key={s.label} scope="col">
                    <span className={styles.swatch}>
                      <svg width="18" height="8" aria-hidden="true">
                        <line x1="1" x2="17" y1="4" y2="4" style={{ stroke: s.color }} strokeWidth="2.5" strokeLinecap="round" />
                      </svg>
                      {s.label}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {READOUT.map(([measure, cells]) => (
                <tr key={measure}>
                  <th scope="row">{measure}</th>
                  {cells.map((name) => (
                    <td key={name} data-value={name}>
                      —
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <svg
            ref={painter.ref('loss')}
            viewBox={`0 0 ${CHART_BOX.width} ${CHART_BOX.height}`}
            role="img"
            aria-label="Loss (without the penalty) on the training, validation and test sets against the step"
          />
          <svg ref={painter.ref('accuracy')} viewBox={`0 0 ${CHART_BOX.width} ${CHART_BOX.height}`} role="img" aria-label="Accuracy on the training, validation and test sets against the step" />
        </div>
      </div>
    </WidgetFrame>
  );
}
