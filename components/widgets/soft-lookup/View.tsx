'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { pointerInViewBox } from '@/components/plots';
import { Button } from '@/components/ui/Button';
import ui from '@/components/ui/controls.module.css';
import slider from '@/components/ui/Slider.module.css';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useEvaluator } from '@/components/widgets/kit/useEvaluator';
import { useStaticWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import type { Models } from '@/workers/models.generated';
import { fromPixel, PANEL, signed, toPixel, weightsHeight, WEIGHTS_WIDTH } from './draw';
import type { LookupAnswer } from './model';
import { byPair, clampPoint, D_MAX, D_MIN, D_STEPS, indexed, pairOrder, type Point } from './pairs';
import { SoftLookupPainter } from './painter';
import { entropyText, hiddenText, isOneHot, permutationText, sequenceText, spreadAside } from './readouts';
import { softLookupSchema, type SoftLookupParams } from './schema';
import widget from './widget';
import metrics from '@/components/widgets/kit/metrics.module.css';
import styles from './styles.module.css';

/** A draggable point: the query, or pair j's key or value. */
type Handle = { kind: 'query' } | { kind: 'key' | 'value'; pair: number };
const handleId = (h: Handle) => (h.kind === 'query' ? 'q' : `${h.kind[0]}${h.pair}`);
function parseHandle(id: string | null | undefined): Handle | null {
  if (id === 'q') return { kind: 'query' };
  const m = /^([kv])(\d)$/.exec(id ?? '');
  return m ? { kind: m[1] === 'k' ? 'key' : 'value', pair: Number(m[2]) } : null;
}

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
const VIEW_BOX = `0 0 ${PANEL.width} ${PANEL.height}`;
const xy = (p: Point) => `(${signed(p[0])}, ${signed(p[1])})`;

/** The width d on a log₂ slider: 2, 4, 8 … 512. */
function WidthSlider({ d, onChange }: { d: number; onChange(d: number): void }) {
  const id = useId();
  const position = Math.max(1, Math.min(D_STEPS.length, Math.round(Math.log2(d))));
  return (
    <div className={slider.slider}>
      <label htmlFor={id}>
        <span className={ui.label}>{softLookupSchema.params.d.label}</span>
        <output htmlFor={id} className={ui.value}>
          {d}
        </output>
      </label>
      <input id={id} type="range" min={1} max={D_STEPS.length} step={1} value={position} aria-valuetext={`d = ${d}`} onChange={(e) => onChange(Math.min(D_MAX, Math.max(D_MIN, 2 ** Number(e.target.value))))} />
      <p className={ui.help}>The 2 coordinates you drag, and d − 2 hidden random ones.</p>
    </div>
  );
}

function pointOf(params: SoftLookupParams, h: Handle): Point {
  return h.kind === 'query' ? params.query[0] : h.kind === 'key' ? params.keys[h.pair] : params.values[h.pair];
}

export default function SoftLookup(props: WidgetProps): ReactNode {
  const w = useStaticWidget(widget, props, (params) => new SoftLookupPainter(params));
  const { params, setParams, painter, instance } = w;
  const { store } = instance;
  const [answer, setAnswer] = useState<LookupAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const drag = useRef<{ handle: Handle; pointerId: number } | null>(null);
  const { n, d, scaled, seed, shift } = params;

  // The engine's attention for these points, from the worker.
  const request = useEvaluator<Models['soft-lookup'], 'lookup'>('soft-lookup', 'lookup', setError);
  useEffect(() => {
    request({ query: params.query[0], keys: params.keys.slice(0, n), values: params.values.slice(0, n), scaled, d, seed, shift }, (a) => {
      setAnswer(a);
      setError(null);
    });
  }, [request, params.query, params.keys, params.values, n, scaled, d, seed, shift]);
  useEffect(() => painter.setAnswer(answer), [painter, answer]);

  function move(h: Handle, to: Point) {
    const p = store.getState().params;
    const next = clampPoint(to);
    const old = pointOf(p, h);
    if (old[0] === next[0] && old[1] === next[1]) return;
    if (h.kind === 'query') setParams({ query: [next] });
    else {
      const list = (h.kind === 'key' ? p.keys : p.values).slice();
      list[h.pair] = next;
      setParams(h.kind === 'key' ? { keys: list } : { values: list });
    }
  }

  function onPointerDown(e: PointerEvent<SVGSVGElement>) {
    const target = (e.target as Element).closest?.('[data-handle]');
    const h = parseHandle(target?.getAttribute('data-handle'));
    if (!h) return;
    e.preventDefault();
    (target as SVGElement).focus();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { handle: h, pointerId: e.pointerId };
  }
  function onPointerMove(e: PointerEvent<SVGSVGElement>) {
    const current = drag.current;
    if (!current || current.pointerId !== e.pointerId) return;
    const at = pointerInViewBox(e.currentTarget, e.clientX, e.clientY);
    if (at) move(current.handle, fromPixel(at[0], at[1]));
  }
  function endDrag(e: PointerEvent<SVGSVGElement>) {
    if (drag.current?.pointerId === e.pointerId) drag.current = null;
  }
  function onKeyDown(h: Handle, e: KeyboardEvent<SVGElement>) {
    const arrow = ARROWS[e.key];
    if (!arrow) return;
    e.preventDefault();
    const step = e.shiftKey ? 0.5 : 0.1;
    const p = pointOf(store.getState().params, h);
    move(h, [p[0] + arrow[0] * step, p[1] + arrow[1] * step]);
  }

  // The answer's numbers by pair, when it is for these pairs.
  const a = answer && answer.n === n ? answer : null;
  const weights = a ? byPair(a.order, a.weights) : null;
  const scores = a ? byPair(a.order, a.scores) : null;
  const order = a ? a.order : pairOrder(n, shift);

  function handle(h: Handle, label: string, extra: Record<string, string | undefined> = {}) {
    const [cx, cy] = toPixel(pointOf(params, h));
    const id = handleId(h);
    return (
      <circle
        key={id}
        className={styles.handle}
        cx={cx}
        cy={cy}
        r={13}
        tabIndex={0}
        role="application"
        aria-roledescription="draggable point"
        aria-label={`${label}. Drag it, or move it with the arrow keys (Shift: larger steps).`}
        data-handle={id}
        onKeyDown={(e) => onKeyDown(h, e)}
        {...extra}
      />
    );
  }

  const pairs = Array.from({ length: n }, (_, j) => j);
  const weightOf = (j: number) => (weights ? `, weight ${weights[j].toFixed(3)}` : '');
  const scoreName = scaled ? 'q·k/√d' : 'q·k';

  const controls = (
    <>
      <ParamControl schema={softLookupSchema} store={store} name="n" />
      <div className={styles.stack}>
        <WidthSlider d={d} onChange={(next) => setParams({ d: next })} />
        <Button quiet onClick={() => setParams({ seed: (seed + 1) % 1000 })} disabled={d <= 2} data-action="new-hidden">
          New hidden coordinates
        </Button>
      </div>
      <div className={styles.stack}>
        <ParamControl schema={softLookupSchema} store={store} name="scaled" />
        <p className={ui.help}>Off: the scores are the raw dot products q·kᵢ.</p>
      </div>
    </>
  );

  return (
    <WidgetFrame widget={w} controls={controls} error={error}>
      <div className={styles.planes}>
        <div className={styles.panel}>
          <p className={styles.panelTitle}>Keys: where the query looks</p>
          <svg
            className={styles.plane}
            viewBox={VIEW_BOX}
            role="group"
            aria-label={`Key plane: the query q and ${n} keys`}
            data-plane="keys"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={endDrag}
            onPointerCancel={endDrag}
          >
            <g ref={painter.ref('keys')} />
            {handle({ kind: 'query' }, `Query q at ${xy(params.query[0])}`)}
            {pairs.map((j) =>
              handle({ kind: 'key', pair: j }, `Key ${indexed('k', j)} at ${xy(params.keys[j])}${scores ? `, score ${signed(scores[j])}` : ''}${weightOf(j)}`, {
                'data-weight': weights ? weights[j].toFixed(3) : undefined,
              }),
            )}
          </svg>
        </div>
        <div className={styles.panel}>
          <p className={styles.panelTitle}>Values: what it reads</p>
          <svg
            className={styles.plane}
            viewBox={VIEW_BOX}
            role="group"
            aria-label={`Value plane: ${n} values${a ? `, and the output o at ${xy(a.output)}` : ''}`}
            data-plane="values"
            data-output={a ? `${a.output[0].toFixed(3)},${a.output[1].toFixed(3)}` : undefined}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={endDrag}
            onPointerCancel={endDrag}
          >
            <g ref={painter.ref('values')} />
            {pairs.map((j) => handle({ kind: 'value', pair: j }, `Value ${indexed('v', j)} at ${xy(params.values[j])}${weightOf(j)}`))}
          </svg>
        </div>
      </div>
      <ul className={styles.legend} aria-label="Legend">
        <li>
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <polygon points="8,2 14,8 8,14 2,8" style={{ fill: 'var(--text)' }} />
          </svg>
          query q
        </li>
        <li>
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="8" cy="8" r="5" style={{ fill: 'var(--muted)' }} />
          </svg>
          key kᵢ and value vᵢ: one colour per pair
        </li>
        <li>
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="8" cy="8" r="5.5" style={{ fill: 'var(--bg)', stroke: 'var(--text)', strokeWidth: 2 }} />
            <path d="M4.5 8h7M8 4.5v7" style={{ stroke: 'var(--text)', strokeWidth: 2 }} />
          </svg>
          output o = Σ aᵢvᵢ
        </li>
      </ul>
      <p className={styles.hint}>
        The line to vᵢ and the halo round kᵢ grow with the weight aᵢ. Dashed: the values’ convex hull, which o never leaves. Drag any point, or Tab to it and use the arrow keys.
      </p>
      <div className={styles.numbers}>
        <div className={styles.lookupSide}>
          <svg
            ref={painter.ref('weights')}
            className={styles.weights}
            viewBox={`0 0 ${WEIGHTS_WIDTH} ${weightsHeight(n)}`}
            role="img"
            aria-label={a ? `Weights by position: ${Array.from(a.weights, (x, i) => `${indexed('a', i)} = ${x.toFixed(3)} for ${indexed('k', order[i])}`).join(', ')}` : 'Weights'}
          />
          <div className={styles.permute}>
            <Button onClick={() => setParams({ shift: ((shift % n) + 1) % n })} data-action="permute">
              Permute the pairs
            </Button>
            <p className={styles.readout} aria-live="polite" data-testid="permutation" data-output-difference={a ? a.permutation.outputDifference.toFixed(3) : undefined}>
              {a ? permutationText(a) : '—'}
            </p>
            <p className={styles.readout} data-testid="sequence">
              {a ? sequenceText(a) : ''}
            </p>
          </div>
        </div>
        <dl className={metrics.metrics} aria-live="polite">
          <div>
            <dt>output</dt>
            <dd data-metric="output">{a ? `o = Σ aᵢvᵢ = ${xy(a.output)}` : '—'}</dd>
            <dd className={metrics.aside}>with aᵢ = softmax({scoreName})ᵢ</dd>
          </div>
          <div>
            <dt>entropy of the weights H</dt>
            <dd data-metric="entropy">{a ? entropyText(a.entropy) : '—'}</dd>
            <dd className={metrics.aside}>
              of at most log n = {Math.log(n).toFixed(3)}
              {a && isOneHot(a.weights) ? '; one-hot: one weight is above 0.99' : ''}
            </dd>
          </div>
          <div>
            <dt>spread of the scores σ</dt>
            <dd data-metric="spread">{a ? a.spread.toFixed(2) : '—'}</dd>
            <dd className={metrics.aside}>{spreadAside(d, scaled)}</dd>
          </div>
          <div>
            <dt>hidden</dt>
            <dd className={metrics.plain} data-metric="hidden">
              {hiddenText(d, seed)}
            </dd>
          </div>
        </dl>
      </div>
    </WidgetFrame>
  );
}
