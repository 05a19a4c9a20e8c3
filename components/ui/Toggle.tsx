'use client';

import { useId } from 'react';
import styles from './Toggle.module.css';

/** A labelled checkbox styled as a switch (Space toggles it). */
export function Toggle({ label, checked, disabled, onChange }: { label: string; checked: boolean; disabled?: boolean; onChange(v: boolean): void }) {
  const id = useId();
  return (
    <div className={styles.toggle}>
      <input id={id} type="checkbox" role="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
