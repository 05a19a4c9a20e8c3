// Helpers the wasm parity tests share: seeded inputs, one kernel call on a
// backend, and one comparison per array.
import { expect } from 'vitest';
import type { Backend, FloatArray, Storage } from '@/engine';
import { mulberry32 as rng } from '../plots/rng';

export function randomValues(n: number, seed: number, lo = -2, hi = 2): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * r());
}

/** Fails with the first element outside tolerance (one assertion per array, so large cases stay fast). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string) {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    const ok = Number.isNaN(e) ? Number.isNaN(a) : !Number.isFinite(e) ? a === e : Math.abs(a - e) <= tol * (1 + Math.abs(e));
    if (!ok) expect.fail(`${what}[${i}]: ${a} vs ${e} (tolerance ${tol})`);
  }
}

/** One kernel call on a backend: the inputs in fresh storage, out pre-filled
 * with `outFill` when given (garbage the kernel must overwrite); returns a
 * copy of out and frees everything. */
export function runKernel(
  backend: Backend,
  inputs: ArrayLike<number>[],
  outLength: number,
  call: (b: Backend, ins: Storage[], out: Storage) => void,
  outFill?: number,
): FloatArray {
  const ins = inputs.map((v) => {
    const s = backend.alloc(v.length);
    backend.write(s, v);
    return s;
  });
  const out = backend.alloc(outLength);
  if (outFill !== undefined) backend.fill(out, outFill);
  call(backend, ins, out);
  const result = backend.read(out);
  for (const s of [...ins, out]) backend.free(s);
  return result;
}
