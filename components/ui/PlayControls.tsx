'use client';

import type { RunState } from '@/workers/api';
import { Button } from './Button';
import styles from './PlayControls.module.css';

interface PlayControlsProps {
  state: RunState;
  onPlay(): void;
  onPause(): void;
  onStep(): void;
  onReset(): void;
}

/** Play/pause, one step, reset. Space on the focused button plays or pauses. */
export function PlayControls({ state, onPlay, onPause, onStep, onReset }: PlayControlsProps) {
  const training = state === 'training';
  // While a data set downloads, play is already under way: it starts training when the data is in.
  const loading = state === 'loading';
  return (
    <div className={styles.play} role="group" aria-label="Training">
      <Button primary data-action={training ? 'pause' : 'play'} onClick={training ? onPause : onPlay} disabled={loading}>
        <span aria-hidden="true">{training ? '❚❚' : '▶'}</span> {training ? 'Pause' : 'Play'}
      </Button>
      <Button data-action="step" onClick={onStep} disabled={training || loading}>
        Step
      </Button>
      <Button data-action="reset" onClick={onReset}>
        Reset
      </Button>
    </div>
  );
}
