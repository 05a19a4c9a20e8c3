'use client';

import { useId, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import styles from './Predict.module.css';

export interface PredictProps {
  /** What the reader is asked before the widget shows it. */
  question: string;
  /** The answers to choose from (two or more). */
  choices: readonly string[];
  /** Index into `choices` of what the widget shows. */
  answer: number;
  /** What the widget shows, in words, when it says more than the choice (default: the right choice). */
  shows?: string;
  /** The explanation, revealed with the answer. */
  children?: ReactNode;
}

/**
 * "Predict, then look": the reader commits to an answer before the widget
 * (or the next paragraph) reveals it. Until a choice is made the answer and
 * the explanation stay hidden; then the block says what the reader said and
 * what the widget shows. The choice lives in the page only (no storage): a
 * reload asks again. Stateless rendering is `PredictView`, tested without a DOM.
 */
export function Predict(props: PredictProps) {
  const [chosen, setChosen] = useState<number | null>(null);
  return <PredictView {...props} chosen={chosen} onChoose={setChosen} />;
}

export function PredictView({ question, choices, answer, shows, children, chosen, onChoose }: PredictProps & { chosen: number | null; onChoose?(index: number): void }) {
  const id = useId();
  if (!(choices.length >= 2 && Number.isInteger(answer) && answer >= 0 && answer < choices.length)) {
    return (
      <p className={styles.broken} role="alert">
        This prediction is malformed: it needs two or more choices and the index of the right one.
      </p>
    );
  }
  const answered = chosen !== null;
  const right = chosen === answer;
  return (
    <div className={styles.predict} role="group" aria-labelledby={`${id}-question`} data-predict={answered ? (right ? 'right' : 'wrong') : 'open'}>
      <p className={styles.label} aria-hidden="true">
        Predict
      </p>
      <p id={`${id}-question`} className={styles.question}>
        {question}
      </p>
      <div className={styles.choices}>
        {choices.map((choice, i) => (
          <Button key={i} className={styles.choice} aria-pressed={chosen === i} data-choice={i} onClick={() => onChoose?.(i)}>
            {choice}
          </Button>
        ))}
      </div>
      <div aria-live="polite">
        {answered ? (
          <div className={styles.reveal} data-reveal="">
            <p className={styles.verdict}>
              <strong>{right ? 'Right.' : 'Not quite.'}</strong> You said: {choices[chosen]}. The widget shows: {shows ?? choices[answer]}.
            </p>
            {children}
          </div>
        ) : null}
      </div>
    </div>
  );
}
