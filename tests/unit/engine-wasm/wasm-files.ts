// Node side of loading the kernels for tests and benchmarks: the builds
// from engine/wasm/build (made by `npm run build:wasm`).
import { readFileSync } from 'node:fs';
import { createWasmBackend, supportedFlavours, type WasmBuilds, type WasmFlavour } from '@/engine';

const dir = new URL('../../../engine/wasm/build/', import.meta.url);

export function wasmBuilds(): WasmBuilds {
  return {
    relaxed: readFileSync(new URL('kernels-relaxed.wasm', dir)),
    simd: readFileSync(new URL('kernels-simd.wasm', dir)),
  };
}

export function flavoursHere(): WasmFlavour[] {
  return supportedFlavours(wasmBuilds());
}

export async function wasmBackend(flavour: WasmFlavour) {
  const backend = await createWasmBackend(wasmBuilds(), flavour);
  if (!backend) throw new Error('no wasm build runs here');
  return backend;
}
