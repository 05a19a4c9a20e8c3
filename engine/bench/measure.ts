// Steps per second of any training step, after a warm-up (wall clock).

export function measureStepsPerSecond(step: () => unknown, options: { seconds?: number; warmup?: number } = {}): number {
  const { seconds = 2, warmup = 10 } = options;
  for (let i = 0; i < warmup; i++) step(); // let the JIT settle
  const start = performance.now();
  let steps = 0;
  while (performance.now() - start < seconds * 1000) {
    step();
    steps++;
  }
  return steps / ((performance.now() - start) / 1000);
}
