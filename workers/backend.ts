/**
 * The worker's engine backend: the best wasm build this browser validates
 * (relaxed SIMD, then plain SIMD), else the TypeScript reference. A page can
 * force one for tests and comparisons with ?backend=js|wasm-simd|wasm-relaxed,
 * which the pool passes on in the worker's name.
 */
import { createWasmBackend, JsBackend, setBackend, type Backend, type WasmBackend, type WasmBuilds, type WasmFlavour } from '@/engine';

export type BackendChoice = 'auto' | 'js' | 'wasm-simd' | 'wasm-relaxed';

export function parseBackendChoice(value: string | null | undefined): BackendChoice {
  return value === 'js' || value === 'wasm-simd' || value === 'wasm-relaxed' ? value : 'auto';
}

async function fetchBytes(url: URL): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** Picks, starts and installs the backend; says which one runs. */
export async function installBackend(choice: BackendChoice): Promise<Backend> {
  if (choice !== 'js') {
    try {
      const forced: WasmFlavour | undefined = choice === 'wasm-simd' ? 'simd' : choice === 'wasm-relaxed' ? 'relaxed' : undefined;
      const builds: WasmBuilds = {};
      if (forced !== 'simd') builds.relaxed = await fetchBytes(new URL('../engine/wasm/build/kernels-relaxed.wasm', import.meta.url));
      if (forced === 'simd' || !WebAssembly.validate(builds.relaxed!)) {
        builds.simd = await fetchBytes(new URL('../engine/wasm/build/kernels-simd.wasm', import.meta.url));
      }
      const wasm = await createWasmBackend(builds, forced);
      if (wasm) {
        setBackend(wasm);
        return wasm;
      }
    } catch (err) {
      if (choice !== 'auto') throw err;
      console.warn('Looking Glass: wasm kernels unavailable, training with the TypeScript kernels.', err);
    }
  }
  const js = new JsBackend();
  setBackend(js);
  return js;
}

/** What the engine holds in memory: the soak (scripts/soak.ts) reads it from the worker every minute. */
export interface MemoryReport {
  backend: string;
  /** Bytes of live tensors (the backend's count: a tensor leak makes it grow). */
  bytesInUse: number;
  /** The wasm linear memory's size (it grows and never shrinks); 0 on the TypeScript kernels. */
  wasmBytes: number;
  /** How much of it the tensor heap has carved out, free blocks included; 0 on the TypeScript kernels. */
  heapBytes: number;
}

export function memoryReport(backend: Backend): MemoryReport {
  const wasm = 'kernels' in backend ? (backend as WasmBackend) : null;
  return {
    backend: backend.name,
    bytesInUse: backend.bytesInUse(),
    wasmBytes: wasm ? wasm.kernels.memory.buffer.byteLength : 0,
    heapBytes: wasm ? wasm.heapBytes : 0,
  };
}
