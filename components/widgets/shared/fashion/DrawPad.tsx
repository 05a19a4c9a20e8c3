'use client';

/**
 * A 28×28 drawing surface: the reader paints with a mouse, a pen or a
 * finger, or with the keyboard (arrows move the cursor, space or enter
 * paints, shift+arrows paint as they move). The drawing lives in page
 * memory; `onChange` hears every stroke.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { paint, SIDE, stroke } from './brush';
import styles from './DrawPad.module.css';

interface DrawPadProps {
  label: string;
  onChange(image: Float32Array): void;
}

function redraw(canvas: HTMLCanvasElement | null, image: Float32Array, cursor: [number, number] | null): void {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return;
  const pixels = new Uint8ClampedArray(SIDE * SIDE * 4);
  for (let i = 0; i < SIDE * SIDE; i++) {
    // White ink on black, as the data set stores its images.
    const v = Math.round(255 * image[i]);
    pixels.set([v, v, v, 255], 4 * i);
  }
  if (cursor) pixels.set([230, 120, 40, 255], 4 * (cursor[1] * SIDE + cursor[0]));
  ctx.putImageData(new ImageData(pixels, SIDE, SIDE), 0, 0);
}

export function DrawPad({ label, onChange }: DrawPadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [image] = useState(() => new Float32Array(SIDE * SIDE));
  const last = useRef<[number, number] | null>(null);
  const [cursor, setCursor] = useState<[number, number] | null>(null);

  useEffect(() => redraw(canvas.current, image, cursor), [image, cursor]);

  const at = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const box = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - box.left) / box.width) * SIDE, ((e.clientY - box.top) / box.height) * SIDE];
  };
  const changed = () => {
    redraw(canvas.current, image, cursor);
    onChange(image);
  };

  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    last.current = at(e);
    paint(image, ...last.current);
    changed();
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!last.current) return;
    const p = at(e);
    stroke(image, last.current, p);
    last.current = p;
    changed();
  };
  const up = () => (last.current = null);

  const key = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const c = cursor ?? [14, 14];
    if (e.key in moves) {
      e.preventDefault();
      const next: [number, number] = [Math.min(SIDE - 1, Math.max(0, c[0] + moves[e.key][0])), Math.min(SIDE - 1, Math.max(0, c[1] + moves[e.key][1]))];
      if (e.shiftKey) stroke(image, [c[0] + 0.5, c[1] + 0.5], [next[0] + 0.5, next[1] + 0.5]);
      setCursor(next);
      if (e.shiftKey) onChange(image);
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      paint(image, c[0] + 0.5, c[1] + 0.5);
      setCursor(c);
      onChange(image);
    }
  };

  const clear = () => {
    image.fill(0);
    changed();
  };

  return (
    <div className={styles.pad}>
      <canvas
        ref={canvas}
        width={SIDE}
        height={SIDE}
        className={styles.canvas}
        tabIndex={0}
        role="img"
        aria-label={`${label}. Draw with the pointer, or with the keyboard: arrow keys move the cursor, space paints, shift with an arrow paints a line.`}
        data-part="draw-pad"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onKeyDown={key}
        onBlur={() => setCursor(null)}
      />
      <Button quiet onClick={clear} data-action="clear-drawing">
        Clear
      </Button>
    </div>
  );
}
