// The soak's verdict (scripts/soak-verdict.ts) on made-up samples: what counts as flat, a leak, unsteady frames.
import { describe, expect, it } from 'vitest';
import { verdict, type Sample } from '../../scripts/soak-verdict';

const MiB = 2 ** 20;

/** Minutes 0…n of a widget with the same figures, each changed by `change(minute)`. */
function samples(n: number, change: (minute: number) => Partial<Sample> = () => ({})): Sample[] {
  return Array.from({ length: n + 1 }, (_, minute) => ({
    minute,
    workerHeap: 3 * MiB,
    workerBuffers: 40 * MiB,
    pageHeap: 7 * MiB,
    pageBuffers: 2 * MiB,
    wasmBytes: 13 * MiB,
    heapTop: 13 * MiB,
    tensorBytes: 14_000,
    runs: 1,
    backend: 'wasm-relaxed',
    stepsPerSec: minute ? 1500 : null,
    framesPerSec: minute ? 60 : null,
    longTasks: minute ? 0 : null,
    longestTaskMs: minute ? 0 : null,
    restarts: 0,
    ...change(minute),
  }));
}

describe('the soak verdict', () => {
  it('steady figures pass, and so does growth during minute 0 (warm-up)', () => {
    expect(verdict(samples(10))).toEqual([]);
    expect(verdict(samples(10, (m) => (m === 0 ? { workerHeap: MiB, wasmBytes: MiB, tensorBytes: 0 } : {})))).toEqual([]);
  });

  it('a heap that wanders without trending is flat; one whose floor rises by more than 1 MiB and 10% is a leak', () => {
    expect(verdict(samples(10, (m) => ({ workerHeap: (3 + (m % 2) * 1.8) * MiB })))).toEqual([]);
    expect(verdict(samples(10, (m) => ({ pageHeap: (7 - (m % 3) * 0.5) * MiB })))).toEqual([]);
    expect(verdict(samples(10, (m) => ({ workerBuffers: (40 + m * 0.35) * MiB })))).toEqual([]); // +1.75 MiB: under 10%
    expect(verdict(samples(10, (m) => ({ pageHeap: (7 + m * 0.3) * MiB })))).toEqual([expect.stringMatching(/^page heap rises: 7\.30 → .* → 10\.00 MB$/)]);
    expect(verdict(samples(5, (m) => ({ workerHeap: (3 + m * 1.2) * MiB })))).toEqual([expect.stringMatching(/^worker heap rises: 4\.20 → .* → 9\.00 MB$/)]);
    // Two or three readings after minute 1 are too few to tell a rise from a heap's wander.
    expect(verdict(samples(3, (m) => ({ workerHeap: (3 + m * 1.2) * MiB })))).toEqual([]);
  });

  it('live tensors above minute 1, or any growth of the wasm memory after it, is a leak', () => {
    expect(verdict(samples(3, (m) => ({ tensorBytes: m === 3 ? 14_400 : 14_000 })))).toEqual([expect.stringMatching(/^live tensors grew/)]);
    expect(verdict(samples(3, (m) => ({ wasmBytes: m === 3 ? 13 * MiB + 65536 : 13 * MiB })))).toEqual([expect.stringMatching(/^wasm memory grew/)]);
  });

  it('frames/s falling below 80% of minute 1, and any long task, fail', () => {
    expect(verdict(samples(3, (m) => ({ framesPerSec: m === 2 ? 45 : m ? 60 : null })))).toEqual(['frames/s unsteady: 60, 45, 60']);
    expect(verdict(samples(3, (m) => ({ longTasks: m === 1 ? 2 : m ? 0 : null })))).toEqual(['2 long tasks on the main thread']);
  });

  it('a run shorter than two minutes is judged on long tasks only', () => {
    expect(verdict(samples(1, (m) => ({ workerHeap: m * 50 * MiB, framesPerSec: m ? 5 : null })))).toEqual([]);
  });
});
