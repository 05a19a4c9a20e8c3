'use client';

import { useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { pointerInViewBox } from '@/components/plots';
import { Button } from '@/components/ui/Button';
import { Select } from '@/components/ui/Select';
import ui from '@/components/ui/controls.module.css';
import type { WidgetProps } from '@/components/widgets/kit/define';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import { useEvaluator } from '@/components/widgets/kit/useEvaluator';
import { useStaticWidget } from '@/components/widgets/kit/useWidget';
import { WidgetFrame } from '@/components/widgets/kit/WidgetFrame';
import type { Models } from '@/workers/models.generated';
import { gridOf, VIEW_BOX } from './draw';
import { IMAGE_SIZE, KERNELS, outputSize, outputSizeFormula, type KernelName } from './geometry';
import { brush, sampleImage, sampleName, strokeCells } from './images';
import { ConvPainter, SELECTION_HINT } from './painter';
import { convExplorerSchema, kernelWeights, type ConvExplorerParams } from './schema';
import widget from './widget';
import styles from './styles.module.css';

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The grid cell under the pointer, for a grid of `size` centred in the panel; null outside it. */
function cellAt(e: PointerEvent<SVGSVGElement>, size: number): [number, number] | null {
  const at = pointerInViewBox(e.currentTarget, e.clientX, e.clientY);
  if (!at || size === 0) return null;
  const { origin, cell } = gridOf(size);
  const [i, j] = [Math.floor((at[1] - origin) / cell), Math.floor((at[0] - origin) / cell)];
  return i >= 0 && j >= 0 && i < size && j < size ? [i, j] : null;
}

export default function ConvExplorer(props: WidgetProps): ReactNode {
  const w = useStaticWidget(widget, props, (params) => new ConvPainter(params));
  const { params, setParams, painter, instance } = w;
  const { store } = instance;
  const [error, setError] = useState<string | null>(null);
  const request = useEvaluator<Models['conv-explorer'], 'maps'>('conv-explorer', 'maps', setError);
  // The reader's drawing lives in this page only: a link cannot carry it.
  const drawing = useRef(new Float32Array(IMAGE_SIZE * IMAGE_SIZE));
  const stroke = useRef<[number, number] | null>(null);
  const drawMode = params.image === 'draw';

  /** The maps of this image, with the settings as they are now. */
  const compute = useCallback(
    (image: Float32Array) => {
      const p = store.getState().params;
      request({ image, kernel: [...kernelWeights(p)], stride: p.stride, padding: p.padding, dilation: p.dilation }, (answer) => {
        painter.setAnswer(answer);
        setError(null);
      });
    },
    [request, painter, store],
  );

  const weights = kernelWeights(params);
  const weightsKey = weights.join(',');
  useEffect(() => {
    const image = params.image === 'draw' ? drawing.current : sampleImage(Number(params.image));
    // A new geometry or kernel leaves the picture of the image as it is.
    if (painter.image !== image) painter.setImage(image);
    compute(image);
  }, [compute, painter, params.image, weightsKey, params.stride, params.padding, params.dilation]);

  function paintCells(cells: [number, number][], erase = false) {
    let changed = false;
    for (const [r, c] of cells) changed = brush(drawing.current, r, c, erase) || changed;
    if (!changed) return;
    painter.setImage(drawing.current);
    compute(drawing.current);
  }

  function clearDrawing() {
    drawing.current.fill(0);
    painter.setImage(drawing.current);
    compute(drawing.current);
  }

  // Drawing with a pointer (mouse, pen or finger): a stroke fills the pixels between its samples.
  function startStroke(e: PointerEvent<SVGSVGElement>) {
    if (!drawMode) return;
    const cell = cellAt(e, IMAGE_SIZE);
    if (!cell) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    stroke.current = cell;
    paintCells([cell]);
  }
  function continueStroke(e: PointerEvent<SVGSVGElement>) {
    if (!drawMode || !stroke.current) return;
    const cell = cellAt(e, IMAGE_SIZE);
    if (!cell) return;
    paintCells(strokeCells(stroke.current, cell));
    stroke.current = cell;
  }
  const endStroke = () => (stroke.current = null);

  // Drawing with the keyboard: arrows move a cursor, Space paints, Delete erases.
  function drawKey(e: KeyboardEvent<SVGSVGElement>) {
    if (!drawMode) return;
    const at = painter.cursor ?? [IMAGE_SIZE / 2, IMAGE_SIZE / 2];
    if (e.key in ARROWS) {
      e.preventDefault();
      const [dr, dc] = ARROWS[e.key];
      painter.cursor = [clamp(at[0] + dr, 0, IMAGE_SIZE - 1), clamp(at[1] + dc, 0, IMAGE_SIZE - 1)];
      painter.request();
      if (e.shiftKey) paintCells([painter.cursor]);
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      paintCells([at]);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      paintCells([at], true);
    }
  }
  function showCursor(on: boolean) {
    painter.cursor = on && drawMode ? (painter.cursor ?? [IMAGE_SIZE / 2, IMAGE_SIZE / 2]) : null;
    painter.request();
  }

  // A map's pixel selected by pointing, or by focusing the map and moving with the arrows.
  const mapHandlers = (layer: 1 | 2) => ({
    onPointerMove(e: PointerEvent<SVGSVGElement>) {
      const cell = cellAt(e, painter.sizeOf(layer));
      if (cell) painter.select({ layer, i: cell[0], j: cell[1] });
    },
    onPointerDown(e: PointerEvent<SVGSVGElement>) {
      const cell = cellAt(e, painter.sizeOf(layer));
      if (cell) painter.select({ layer, i: cell[0], j: cell[1] });
    },
    onPointerLeave(e: PointerEvent<SVGSVGElement>) {
      if (document.activeElement !== e.currentTarget) painter.select(null);
    },
    onFocus() {
      const size = painter.sizeOf(layer);
      if (painter.selected?.layer !== layer && size > 0) painter.select({ layer, i: Math.floor(size / 2), j: Math.floor(size / 2) });
    },
    onBlur(e: FocusEvent<SVGSVGElement>) {
      if (e.relatedTarget !== e.currentTarget) painter.select(null);
    },
    onKeyDown(e: KeyboardEvent<SVGSVGElement>) {
      const size = painter.sizeOf(layer);
      const s = painter.selected?.layer === layer ? painter.selected : { layer, i: Math.floor(size / 2), j: Math.floor(size / 2) };
      let next: [number, number] | null = null;
      if (e.key in ARROWS) next = [s.i + ARROWS[e.key][0], s.j + ARROWS[e.key][1]];
      else if (e.key === 'Home') next = [0, 0];
      else if (e.key === 'End') next = [size - 1, size - 1];
      else if (e.key === 'Escape') {
        painter.select(null);
        return;
      }
      if (!next || size === 0) return;
      e.preventDefault();
      painter.select({ layer, i: clamp(next[0], 0, size - 1), j: clamp(next[1], 0, size - 1) });
    },
  });

  function chooseKernel(kernel: ConvExplorerParams['kernel']) {
    setParams(kernel === 'custom' ? { kernel, weights: [...weights] } : { kernel, weights: [...KERNELS[kernel as KernelName].weights] });
  }

  function setWeight(k: number, text: string) {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) return;
    const next = [...weights];
    next[k] = Math.round(clamp(v, -9, 9) * 1e4) / 1e4;
    setParams({ kernel: 'custom', weights: next });
  }

  const settings = { stride: params.stride, padding: params.padding, dilation: params.dilation };
  const size1 = outputSize(IMAGE_SIZE, settings);
  const kernelOptions = convExplorerSchema.params.kernel.options;

  const controls = (
    <>
      <div className={styles.stack}>
        <ParamControl schema={convExplorerSchema} store={store} name="image" />
        {drawMode ? (
          <>
            <Button quiet onClick={clearDrawing} data-action="clear-drawing">
              Clear the drawing
            </Button>
            <p className={ui.help} data-testid="drawing-notice">
              Your drawing lives in this page only: a copied link opens draw mode with an empty canvas.
            </p>
          </>
        ) : null}
        <Select label="Kernel" value={params.kernel} options={kernelOptions} onChange={chooseKernel} />
      </div>
      <div className={styles.stack}>
        <fieldset className={styles.weights}>
          <legend className={ui.label}>Kernel weights</legend>
          {weights.map((v, k) => (
            <input
              key={k}
              className={`${ui.input} ${styles.weight}`}
              type="number"
              step={0.25}
              min={-9}
              max={9}
              value={v}
              aria-label={`Weight, row ${Math.floor(k / 3) + 1}, column ${(k % 3) + 1}`}
              data-weight={k}
              onChange={(e) => setWeight(k, e.target.value)}
            />
          ))}
        </fieldset>
        <p className={ui.help}>Editing a weight makes the kernel custom.</p>
      </div>
      <div className={styles.stack}>
        <ParamControl schema={convExplorerSchema} store={store} name="stride" />
        <ParamControl schema={convExplorerSchema} store={store} name="padding" />
        <ParamControl schema={convExplorerSchema} store={store} name="dilation" />
      </div>
    </>
  );

  const imageLabel = drawMode ? 'your drawing' : `${sampleName(Number(params.image))}, a Fashion-MNIST test image`;
  return (
    <WidgetFrame widget={w} controls={controls} error={error}>
      <div className={styles.explorer}>
      <div className={styles.panels}>
        <div className={styles.panel}>
          <p className={styles.panelTitle}>{params.shift ? 'Input, shifted 1 pixel right' : 'Input: 28 × 28'}</p>
          <svg
            ref={painter.ref('input')}
            className={drawMode ? `${styles.grid} ${styles.canvas}` : styles.grid}
            viewBox={VIEW_BOX}
            role={drawMode ? 'application' : 'img'}
            tabIndex={drawMode ? 0 : undefined}
            aria-label={
              drawMode
                ? 'Drawing surface, 28 by 28 pixels: draw with the pointer, or move the cursor with the arrow keys (Shift paints as it moves), Space paints and Delete erases.'
                : `The input, ${imageLabel}${params.shift ? ', shifted one pixel right' : ''}; the dashed ring is the zero padding.`
            }
            data-draw={drawMode ? 'on' : 'off'}
            onPointerDown={startStroke}
            onPointerMove={continueStroke}
            onPointerUp={endStroke}
            onPointerCancel={endStroke}
            onKeyDown={drawKey}
            onFocus={() => showCursor(true)}
            onBlur={() => showCursor(false)}
          >
            <g ref={painter.ref('inputImage')} />
            <g ref={painter.ref('inputField')} />
            <g ref={painter.ref('inputCursor')} />
          </svg>
        </div>
        {([1, 2] as const).map((layer) => (
          <div key={layer} className={styles.panel}>
            <p ref={painter.ref(layer === 1 ? 'map1Title' : 'map2Title')} className={styles.panelTitle}>
              Layer {layer}
            </p>
            <svg
              ref={painter.ref(layer === 1 ? 'map1' : 'map2')}
              className={styles.grid}
              viewBox={VIEW_BOX}
              role="application"
              tabIndex={0}
              aria-label={
                layer === 1
                  ? 'Layer 1: the feature map, the kernel run over the input. Point at a pixel, or use the arrow keys, to see the input pixels it reads.'
                  : 'Layer 2: the same kernel and geometry run over layer 1. Point at a pixel, or use the arrow keys, to see its receptive field in the input.'
              }
              data-layer={layer}
              {...mapHandlers(layer)}
            >
              <g ref={painter.ref(layer === 1 ? 'map1Cells' : 'map2Cells')} />
              <g ref={painter.ref(layer === 1 ? 'map1Marks' : 'map2Marks')} />
            </svg>
          </div>
        ))}
        <div className={styles.key}>
          <p>
            <span className={styles.swatch} style={{ background: 'var(--conv-neg)' }} aria-hidden="true" />
            negative, <span className={styles.swatch} style={{ background: 'var(--conv-pos)' }} aria-hidden="true" />
            positive, page colour 0; full colour at <span ref={painter.ref('scale1')} /> (layer 1), <span ref={painter.ref('scale2')} /> (layer 2).
          </p>
          <p>
            Dashed ring: the zero padding. Layer 2: the same kernel and geometry over layer 1.
            {params.shift ? ' Dots: pixels of layer 1 that differ from the original map moved.' : ''}
          </p>
        </div>
      </div>
      <p ref={painter.ref('selection')} className={styles.readout} aria-live="polite" data-testid="selection">
        {SELECTION_HINT}
      </p>
      <p ref={painter.ref('fieldSizes')} className={styles.readout} data-testid="field-sizes" />
      <div className={styles.formulas} data-testid="output-size">
        <p>
          <span className={ui.label}>output size:</span> n<sub>out</sub> = ⌊(n + 2p − d·(k − 1) − 1)/s⌋ + 1
        </p>
        <p data-formula="1">
          <span className={ui.label}>layer 1:</span> {outputSizeFormula(IMAGE_SIZE, settings)}
        </p>
        <p data-formula="2">
          <span className={ui.label}>layer 2:</span> {outputSizeFormula(size1, settings)}
        </p>
      </div>
      <div className={styles.shift}>
        <Button primary={params.shift} onClick={() => setParams({ shift: !params.shift })} aria-pressed={params.shift} data-action="shift">
          Shift the image one pixel right
        </Button>
        <p ref={painter.ref('shiftReadout')} className={styles.readout} aria-live="polite" data-testid="shift-readout" />
      </div>
      </div>
    </WidgetFrame>
  );
}
