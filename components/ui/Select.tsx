'use client';

import { useId } from 'react';
import ui from './controls.module.css';
import styles from './Select.module.css';

interface SelectProps<V extends string> {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  disabled?: boolean;
  onChange(value: V): void;
}

export function Select<V extends string>({ label, value, options, disabled, onChange }: SelectProps<V>) {
  const id = useId();
  return (
    <div className={styles.select}>
      <label htmlFor={id} className={ui.label}>
        {label}
      </label>
      <select id={id} className={ui.input} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
