'use client';

import type { RunState } from '@/workers/api';

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
  return (
    <div className="ui-play" role="group" aria-label="Training">
      <button
        type="button"
        className="ui-button ui-primary"
        data-action={training ? 'pause' : 'play'}
        onClick={training ? onPause : onPlay}
      >
        <span aria-hidden="true">{training ? '❚❚' : '▶'}</span> {training ? 'Pause' : 'Play'}
      </button>
      <button type="button" className="ui-button" data-action="step" onClick={onStep} disabled={training}>
        Step
      </button>
      <button type="button" className="ui-button" data-action="reset" onClick={onReset}>
        Reset
      </button>
    </div>
  );
}
