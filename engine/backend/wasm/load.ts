// Picking and starting a wasm build. The caller supplies the bytes of the
// builds it has (a worker fetches them, Node reads them from disk); the
// best one this runtime validates wins: relaxed SIMD, then plain SIMD.

import { WasmBackend, type WasmFlavour, type WasmKernels } from './index';

export type WasmBuilds = Partial<Record<WasmFlavour, BufferSource>>;

/** The flavours this runtime can run, best first. */
export function supportedFlavours(builds: WasmBuilds): WasmFlavour[] {
  if (typeof WebAssembly === 'undefined') return [];
  return (['relaxed', 'simd'] as const).filter((f) => {
    const bytes = builds[f];
    return bytes !== undefined && WebAssembly.validate(bytes);
  });
}

/**
 * A wasm backend from the best build (or the one forced), or null when
 * none runs here: the caller then keeps the JS backend.
 */
export async function createWasmBackend(builds: WasmBuilds, force?: WasmFlavour): Promise<WasmBackend | null> {
  const supported = supportedFlavours(builds);
  const flavour = force ?? supported[0];
  if (!flavour) return null;
  if (!supported.includes(flavour)) throw new Error(`The ${flavour} wasm build does not run on this runtime`);
  const { instance } = await WebAssembly.instantiate(builds[flavour]!, {});
  return new WasmBackend(instance.exports as unknown as WasmKernels, flavour);
}
