'use client';

import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import ui from '@/components/ui/controls.module.css';
import { binsSchema } from './schema';
import { parseTyped } from './targets';
import styles from './styles.module.css';

const limits = binsSchema.params.typed;

/** The typed target: a few values of g at evenly spaced x, applied on Enter or with the button. */
export function TypedValues({ values, onChange }: { values: readonly number[]; onChange(values: number[]): void }) {
  const id = useId();
  const [text, setText] = useState(values.join(', '));
  const [problem, setProblem] = useState<string | null>(null);

  function apply(e: FormEvent) {
    e.preventDefault();
    const parsed = parseTyped(text, limits);
    if (typeof parsed === 'string') {
      setProblem(parsed);
      return;
    }
    setProblem(null);
    setText(parsed.join(', '));
    onChange(parsed);
  }

  return (
    <form className={styles.typed} onSubmit={apply}>
      <label htmlFor={id} className={ui.label}>
        Values of g at evenly spaced x from 0 to 1 ({limits.minCount} to {limits.maxCount} numbers between {limits.min} and {limits.max})
      </label>
      <span className={styles.typedRow}>
        <input
          id={id}
          type="text"
          className={ui.input}
          inputMode="decimal"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
        <Button type="submit" data-action="apply-values">
          Apply
        </Button>
      </span>
      {problem ? (
        <span id={`${id}-problem`} role="alert" className={ui.help}>
          {problem}
        </span>
      ) : null}
    </form>
  );
}
