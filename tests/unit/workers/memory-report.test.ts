// The worker's memory probe (workers/backend.ts memoryReport), which the soak
// (scripts/soak.ts) reads every minute: it counts what the backend counts.
import { describe, expect, it } from 'vitest';
import { JsBackend } from '@/engine';
import { memoryReport } from '@/workers/backend';
import { flavoursHere, wasmBackend } from '../engine-wasm/wasm-files';

describe('memoryReport', () => {
  it('on the TypeScript kernels: live tensor bytes, and no wasm memory', () => {
    const backend = new JsBackend();
    const s = backend.alloc(256);
    expect(memoryReport(backend)).toEqual({ backend: backend.name, bytesInUse: 1024, wasmBytes: 0, heapBytes: 0 });
    backend.free(s);
    expect(memoryReport(backend).bytesInUse).toBe(0);
  });

  it.each(flavoursHere())('on the %s wasm build: live tensor bytes, the heap top and the linear memory', async (flavour) => {
    const backend = await wasmBackend(flavour);
    const before = memoryReport(backend);
    const s = backend.alloc(100_000);
    const during = memoryReport(backend);
    expect(during.backend).toBe(`wasm-${flavour}`);
    expect(during.bytesInUse - before.bytesInUse).toBe(400_000);
    expect(during.heapBytes).toBeGreaterThanOrEqual(before.heapBytes + 400_000);
    expect(during.wasmBytes).toBe(backend.kernels.memory.buffer.byteLength);
    expect(during.wasmBytes).toBeGreaterThanOrEqual(during.heapBytes);
    backend.free(s);
    // Freed: the tensors' count falls back; the heap and the memory keep their size for reuse.
    expect(memoryReport(backend)).toEqual({ ...during, bytesInUse: before.bytesInUse });
  });
});
