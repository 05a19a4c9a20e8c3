'use client';

import { useId } from 'react';
import { decimalsOf, formatSetting, roundSignificant } from './format';
import ui from './controls.module.css';
import styles from './Slider.module.css';

interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  /** Linear step; ignored on a log scale. */
  step?: number;
  /** Moves along log10(value): equal travel multiplies the value equally. */
  log?: boolean;
  /** Significant digits kept on a log scale. */
  digits?: number;
  help?: string;
  disabled?: boolean;
  onChange(value: number): void;
}

const LOG_STEPS = 200;

/**
 * A labelled range input with its value shown beside it. Arrow keys move
 * one step, Page Up/Down ten, Home/End to the ends (native behaviour).
 */
export function Slider({ label, value, min, max, step = 1, log = false, digits = 2, help, disabled, onChange }: SliderProps) {
  const id = useId();
  const shown = log ? formatSetting(value) : value.toFixed(decimalsOf(step));
  // A log slider moves over whole positions 0 … LOG_STEPS: a fractional step (span/200) can
  // overshoot the max in floating point, and the browser would then stop one step short of it.
  const logMin = Math.log10(min);
  const logSpan = Math.log10(max) - logMin;
  const lo = log ? 0 : min;
  const hi = log ? LOG_STEPS : max;
  const position = log ? Math.round(((Math.log10(value) - logMin) / logSpan) * LOG_STEPS) : value;
  return (
    <div className={styles.slider}>
      <label htmlFor={id}>
        <span className={ui.label}>{label}</span>
        <output htmlFor={id} className={ui.value}>
          {shown}
        </output>
      </label>
      <input
        id={id}
        type="range"
        min={lo}
        max={hi}
        step={log ? 1 : step}
        value={position}
        disabled={disabled}
        aria-valuetext={shown}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(e) => {
          const raw = Number(e.target.value);
          if (log) {
            const exact = 10 ** (logMin + (raw / LOG_STEPS) * logSpan);
            // Rounding must not undo a move (the thumb would stick): keep more digits when it would.
            let next = roundSignificant(exact, digits);
            for (let d = digits + 1; next === value && d <= 6; d++) next = roundSignificant(exact, d);
            onChange(Math.min(max, Math.max(min, next)));
          } else onChange(Number(raw.toFixed(decimalsOf(step))));
        }}
      />
      {help ? (
        <p id={`${id}-help`} className={ui.help}>
          {help}
        </p>
      ) : null}
    </div>
  );
}
