// Download progress over several files, in bytes on the wire.

/** Bytes on the wire so far, of the total expected (index.json's gzip sizes). */
export interface DataProgress {
  loaded: number;
  total: number;
}

/** Each file's share of the total, only ever growing, each capped at its gzip size. */
export class Progress {
  private readonly done: number[];
  readonly total: number;
  constructor(private readonly sizes: number[], private readonly report?: (p: DataProgress) => void) {
    this.done = sizes.map(() => 0);
    this.total = sizes.reduce((a, b) => a + b, 0);
    report?.({ loaded: 0, total: this.total });
  }
  get loaded(): number {
    return this.done.reduce((a, b) => a + b, 0);
  }
  set(i: number, bytes: number): void {
    const next = Math.min(this.sizes[i], Math.max(this.done[i], Math.floor(bytes)));
    if (next === this.done[i]) return;
    this.done[i] = next;
    this.report?.({ loaded: this.loaded, total: this.total });
  }
}
