'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { MAX_POINTS, MIN_POINTS } from '@/components/widgets/shared/line-fit/params';
import { X_RANGE, Y_RANGE, type Point } from '@/components/widgets/shared/line-fit/presets';
import styles from './styles.module.css';

/**
 * A number input that keeps what is being typed ("-", "0.") while the
 * value it stands for comes from the points; whenever the typed text is a
 * number, it is committed.
 */
function NumberCell({ value, label, range, onCommit, onFocus }: { value: number; label: string; range: readonly [number, number]; onCommit(v: number): void; onFocus(): void }) {
  const [text, setText] = useState(String(value));
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(String(value));
  }, [value]);
  return (
    <input
      type="number"
      inputMode="decimal"
      step={0.05}
      min={range[0]}
      max={range[1]}
      value={text}
      aria-label={label}
      onFocus={() => {
        focused.current = true;
        onFocus();
      }}
      onBlur={() => {
        focused.current = false;
        setText(String(value));
      }}
      onChange={(e) => {
        setText(e.target.value);
        const v = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(v)) onCommit(v);
      }}
    />
  );
}

interface PointsTableProps {
  points: readonly Point[];
  selected: number | null;
  onSelect(index: number | null): void;
  onMove(index: number, to: Point): void;
  onRemove(index: number): void;
  onAdd(): void;
}

/** The scatter as a table: every point's x and y editable, one remove button per point, and an add button. */
export function PointsTable({ points, selected, onSelect, onMove, onRemove, onAdd }: PointsTableProps) {
  return (
    <details className={styles.table}>
      <summary>Points as a table ({points.length})</summary>
      <table>
        <caption className="visually-hidden">The points: x, y, and a button to remove each</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">x</th>
            <th scope="col">y</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => (
            <tr key={i} data-selected={i === selected || undefined}>
              <th scope="row">{i + 1}</th>
              <td>
                <NumberCell value={p[0]} range={X_RANGE} label={`x of point ${i + 1}`} onFocus={() => onSelect(i)} onCommit={(v) => onMove(i, [v, p[1]])} />
              </td>
              <td>
                <NumberCell value={p[1]} range={Y_RANGE} label={`y of point ${i + 1}`} onFocus={() => onSelect(i)} onCommit={(v) => onMove(i, [p[0], v])} />
              </td>
              <td>
                <Button quiet aria-label={`Remove point ${i + 1}`} disabled={points.length <= MIN_POINTS} onClick={() => onRemove(i)}>
                  ✕
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button onClick={onAdd} disabled={points.length >= MAX_POINTS}>
        Add a point
      </Button>
    </details>
  );
}
