// Timing for the benchmark: contenders take turns inside each round, so
// drift in the machine's speed (another process, thermal state) lands on
// all of them alike; each reports the median of its timed blocks.

export interface Contender {
  name: string;
  /** One unit of work (a matmul, a training step). */
  run(): void;
  dispose?(): void;
}

export interface Timing {
  name: string;
  /** Median seconds per unit of work. */
  seconds: number;
  /** Units per timed block, chosen in warm-up to last about `blockMs`. */
  perBlock: number;
}

function timeBlock(run: () => void, count: number): number {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) run();
  return (performance.now() - t0) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function compare(contenders: Contender[], options: { rounds?: number; blockMs?: number; warmupMs?: number } = {}): Timing[] {
  const { rounds = 7, blockMs = 60, warmupMs = 150 } = options;
  // Warm-up: JIT and caches, then the block size that lasts about blockMs.
  const perBlock = contenders.map((c) => {
    let count = 1;
    let spent = 0;
    const start = performance.now();
    while (performance.now() - start < warmupMs || spent === 0) {
      spent = timeBlock(c.run, count);
      if (spent * 1000 < blockMs / 4) count *= 2;
    }
    return Math.max(1, Math.round((count * blockMs) / Math.max(spent * 1000, 1e-3)));
  });
  const samples = contenders.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    contenders.forEach((c, i) => samples[i].push(timeBlock(c.run, perBlock[i]) / perBlock[i]));
  }
  return contenders.map((c, i) => ({ name: c.name, seconds: median(samples[i]), perBlock: perBlock[i] }));
}
