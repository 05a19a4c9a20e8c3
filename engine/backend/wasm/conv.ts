// Scratch sizes for the im2col kernels of engine/wasm/assembly/conv.ts.
// Pixels go through in chunks of `chunk` rows of the patch matrix, so the
// scratch stays small (and in cache) whatever the batch.

import type { Conv2dSpec } from '../backend';

export type ConvKernel = 'conv2d' | 'conv2dInputGrad' | 'conv2dFilterGrad';

/** Target size of one chunk of patches, in bytes. From 16 KiB to 4 MiB made
 * no measurable difference at the book's shapes; this keeps it in L2. */
export let patchChunkBytes = 128 * 1024;

/** For benchmarks only: try another chunk size. */
export function setPatchChunkBytes(bytes: number): void {
  patchChunkBytes = bytes;
}

/** Rows per chunk and the scratch floats each kernel needs (layouts in conv.ts). */
export function convScratch(kernel: ConvKernel, s: Conv2dSpec): { chunk: number; floats: number } {
  const m = s.batch * s.outH * s.outW;
  const k = (s.kernelH * s.kernelW * s.inC) / s.groups;
  const coutG = s.outC / s.groups;
  // Whole output rows (the kernels walk a tap across a row).
  const chunk = Math.min(m, Math.max(1, Math.floor(patchChunkBytes / 4 / k / s.outW)) * s.outW);
  const grouped = s.groups > 1;
  let floats = chunk * k;
  if (kernel === 'conv2d') floats += grouped ? k * coutG + chunk * coutG : 0;
  else if (kernel === 'conv2dFilterGrad') floats += k * coutG + (grouped ? chunk * coutG : 0);
  else floats += coutG * k;
  return { chunk, floats };
}
