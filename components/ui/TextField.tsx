'use client';

import { useId } from 'react';
import ui from './controls.module.css';
import styles from './Select.module.css';

interface TextFieldProps {
  label: string;
  value: string;
  maxLength: number;
  /** What the field accepts, said under it. */
  help?: string;
  disabled?: boolean;
  onChange(value: string): void;
}

/** A labelled one-line text input (the value is kept as typed; the caller filters it). */
export function TextField({ label, value, maxLength, help, disabled, onChange }: TextFieldProps) {
  const id = useId();
  return (
    <div className={styles.select}>
      <label htmlFor={id} className={ui.label}>
        {label}
      </label>
      <input
        id={id}
        className={ui.input}
        type="text"
        value={value}
        maxLength={maxLength}
        spellCheck={false}
        autoComplete="off"
        disabled={disabled}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {help ? (
        <p id={`${id}-help`} className={ui.help}>
          {help}
        </p>
      ) : null}
    </div>
  );
}
