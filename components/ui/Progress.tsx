'use client';

import type { RunStatus } from '@/components/widgets/kit/store';
import { formatValue } from './format';
import styles from './Progress.module.css';

const STATE_WORDS: Record<RunStatus['state'], string> = {
  idle: 'Ready',
  loading: 'Downloading',
  training: 'Training',
  paused: 'Paused',
  diverged: 'Diverged',
  error: 'Stopped',
  static: '',
};

/** The run's readout: state, step, epoch, loss, steps per second. */
export function Progress({ status, lossLabel = 'loss' }: { status: RunStatus; lossLabel?: string }) {
  return (
    <dl className={styles.progress} data-part="progress">
      <div>
        <dt>state</dt>
        <dd data-state={status.state}>{STATE_WORDS[status.state]}</dd>
      </div>
      <div>
        <dt>step</dt>
        <dd>{status.step}</dd>
      </div>
      {status.epoch !== null ? (
        <div>
          <dt>epoch</dt>
          <dd>{status.epoch}</dd>
        </div>
      ) : null}
      <div>
        <dt>{lossLabel}</dt>
        <dd>{status.primaryDiverged ? 'diverged' : formatValue(status.loss)}</dd>
      </div>
      <div>
        <dt>steps/s</dt>
        <dd>{status.stepsPerSec === null ? '—' : Math.round(status.stepsPerSec)}</dd>
      </div>
    </dl>
  );
}

/** The sentence a screen reader hears when the run changes state (not every step). */
export function statusSentence(status: RunStatus): string {
  switch (status.state) {
    case 'loading':
      return status.download ? `Downloading ${status.download.label}.` : '';
    case 'training':
      return 'Training started.';
    case 'paused':
      return `Paused at step ${status.step}, ${formatValue(status.loss)} loss.`;
    case 'diverged':
      return `Diverged at step ${status.divergedAt ?? status.step}. Press reset to start again.`;
    case 'error':
      return status.message ?? 'Training stopped.';
    default:
      return '';
  }
}
