/**
 * The soak's verdict (scripts/soak.ts): what is wrong with one widget's
 * minute-by-minute samples. Apart from the script so that a unit test can
 * hand it samples (tests/unit/soak-verdict.test.ts).
 */

/** A JS heap's (or its buffers') floor may rise by this much without it being a leak (see soak.ts). */
export const HEAP_FLOOR = 1 << 20;
/** Or by this fraction of their minute-1 value. */
export const TOLERANCE = 0.1;
/** No minute's frames/s below this fraction of minute 1's. */
export const FPS_FLOOR = 0.8;

export const MB = (b: number) => (b / 2 ** 20).toFixed(2);
export const KB = (b: number) => (b / 1024).toFixed(1);

export interface Sample {
  minute: number;
  /** The workers' JS heaps, summed, after a collection. */
  workerHeap: number;
  /** Their array buffers' backing stores (typed arrays' bytes live outside the JS heap; the wasm memory is not counted here). */
  workerBuffers: number;
  pageHeap: number;
  pageBuffers: number;
  wasmBytes: number;
  heapTop: number;
  tensorBytes: number;
  runs: number;
  backend: string;
  /** Over the minute before this sample (null at minute 0). */
  stepsPerSec: number | null;
  framesPerSec: number | null;
  longTasks: number | null;
  longestTaskMs: number | null;
  restarts: number;
}

/** What is wrong with a widget's samples (empty: flat, steady, no long tasks). */
export function verdict(samples: Sample[]): string[] {
  const problems: string[] = [];
  const tasks = samples.reduce((n, s) => n + (s.longTasks ?? 0), 0);
  if (tasks > 0) problems.push(`${tasks} long tasks on the main thread`);
  const settled = samples.filter((s) => s.minute >= 1);
  if (settled.length < 2) return problems; // nothing to compare against minute 1 yet
  const [first] = settled;
  // A leak raises a heap's floor; frames in flight and compiled code only add noise on top of it (under
  // load a JS heap wanders by 1–2 MB after a collection without trending). So: the lowest reading of the
  // run's second half against the lowest of its first half (minute 1 on). With fewer than two readings a
  // half, the lowest is one reading's noise: heaps are judged on runs of 4 minutes or more.
  const half = Math.ceil(settled.length / 2);
  const rises = (label: string, values: number[]) => {
    if (values.length < 4) return;
    const before = Math.min(...values.slice(0, half));
    const after = Math.min(...values.slice(half));
    if (after - before > HEAP_FLOOR && after - before > TOLERANCE * before) problems.push(`${label} rises: ${values.map(MB).join(' → ')} MB`);
  };
  rises('worker heap', settled.map((s) => s.workerHeap));
  rises('page heap', settled.map((s) => s.pageHeap));
  rises('worker buffers', settled.map((s) => s.workerBuffers));
  rises('page buffers', settled.map((s) => s.pageBuffers));
  // Wasm memory grows by whole pages and never shrinks: any growth after minute 1 is reported.
  const wasm = settled.map((s) => s.wasmBytes);
  if (Math.max(...wasm) > first.wasmBytes) problems.push(`wasm memory grew: ${wasm.map(MB).join(' → ')} MB`);
  const tensors = settled.map((s) => s.tensorBytes);
  if (Math.max(...tensors) > first.tensorBytes) problems.push(`live tensors grew: ${tensors.map(KB).join(' → ')} kB`);
  const fps = settled.map((s) => s.framesPerSec ?? 0);
  if (fps.some((f) => f < FPS_FLOOR * fps[0])) problems.push(`frames/s unsteady: ${fps.join(', ')}`);
  return problems;
}
