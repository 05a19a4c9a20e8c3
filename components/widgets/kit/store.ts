/**
 * One store per widget instance (zustand's vanilla store, created by the
 * widget; no global store, so two copies on a page stay independent). It
 * holds the parameters, notices about the link, and the run's status. The
 * latest snapshots are not kept here: they go straight to drawing code.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RunState } from '@/workers/api';
import type { StateOf, WidgetSchema } from './schema';

export interface RunStatus {
  state: RunState;
  /** The most steps any run has taken (runs side by side step together until one diverges). */
  step: number;
  epoch: number | null;
  /** The primary training loss; null before the first step or when not finite. */
  loss: number | null;
  /** The primary run has diverged, so its loss is no reading (the others may go on). */
  primaryDiverged: boolean;
  stepsPerSec: number | null;
  divergedAt: number | null;
  /** What went wrong, for the 'error' state. */
  message: string | null;
  /** A data set the runs need: still to download (loaded 0, not active), downloading, or null when there is none or it is here. */
  download: DownloadStatus | null;
}

export interface DownloadStatus {
  label: string;
  /** Bytes on the wire so far and in all. */
  loaded: number;
  total: number;
  /** The download is under way (state 'loading'). */
  active: boolean;
}

export interface WidgetState<S extends WidgetSchema> {
  params: StateOf<S>;
  notices: string[];
  status: RunStatus;
  setParams(patch: Partial<StateOf<S>>): void;
  dismissNotices(): void;
  setStatus(patch: Partial<RunStatus>): void;
}

export type WidgetStore<S extends WidgetSchema> = StoreApi<WidgetState<S>>;

export const IDLE_STATUS: RunStatus = {
  state: 'idle',
  step: 0,
  epoch: null,
  loss: null,
  primaryDiverged: false,
  stepsPerSec: null,
  divergedAt: null,
  message: null,
  download: null,
};

export function createWidgetStore<S extends WidgetSchema>(
  initial: { params: StateOf<S>; notices?: string[] },
  trains = true,
): WidgetStore<S> {
  return createStore<WidgetState<S>>()((set) => ({
    params: initial.params,
    notices: initial.notices ?? [],
    status: trains ? IDLE_STATUS : { ...IDLE_STATUS, state: 'static' },
    setParams: (patch) => set((s) => ({ params: { ...s.params, ...patch } })),
    dismissNotices: () => set({ notices: [] }),
    setStatus: (patch) => set((s) => ({ status: { ...s.status, ...patch } })),
  }));
}
