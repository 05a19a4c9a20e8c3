/**
 * Every op code in engine/wasm/assembly/codes.ts reaches its wasm export:
 * for each enum member, on both builds, the backend method of that kernel
 * name calls the export with the member's code, never the inherited JS
 * kernel, and gives the reference's result. The inputs tell every member
 * of an enum apart, so a code the kernels' switch does not handle (it falls
 * to another op, or writes nothing) fails against the reference. The unary
 * and binary kernels with no member go to the JS reference and to no export.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { JsBackend, type Backend, type FloatArray, type Pool2dSpec, type WasmFlavour } from '@/engine';
import type { BinaryKernel, UnaryKernel } from '@/engine/backend/backend';
import { WasmBackend, type WasmKernels } from '@/engine/backend/wasm';
import { BINARY, UNARY } from '@/engine/backend/js/elementwise';
import { Binary, Pool, Row, Unary } from '@/engine/wasm/assembly/codes';
import { flavoursHere, wasmBuilds } from './wasm-files';
import { expectClose, randomValues, runKernel } from './compare';

/** An enum's members as [name, code] (a numeric enum also maps codes back to names: skipped). */
function members<E extends Record<string, string | number>>(e: E): [Extract<keyof E, string>, number][] {
  return Object.entries(e).filter((m): m is [Extract<keyof E, string>, number] => typeof m[1] === 'number');
}

/** One kernel call: which export must run it (its first argument the code),
 * which inherited JS method must not, and the call itself. */
interface Route {
  what: string;
  code: number;
  wasmExport: 'unary' | 'binary2d' | 'rowSoftmax' | 'rowSoftmaxGrad' | 'pool2d' | 'pool2dGrad';
  jsFallback: 'unary' | 'binary' | 'rowSoftmax' | 'rowSoftmaxGrad' | 'pool2d' | 'pool2dGrad';
  run: (b: Backend) => FloatArray;
}

// Nine values (two SIMD vectors and a tail) of both signs: no two unary ops agree on all of them.
const X = Float32Array.from([-2.5, -1, -0.3, 0.2, 0.5, 1.5, 2, 3, 0.7]);
// Two rows of five (a vector and a tail each) with ties, a < b and a > b: no two binary ops agree.
const A = Float32Array.from([1, 2, 3, -1, 0.5, 4, -2, 2.5, 1, 3]);
const B = Float32Array.from([1, -3, 3, 2, 0.25, -1, -2, 5, 2, 0.5]);
const [ROWS, COLS] = [2, 5];
// One 3×3 image of five channels, 2×2 windows at stride 1: max and average differ.
const POOL: Pool2dSpec = { batch: 1, inH: 3, inW: 3, channels: 5, outH: 2, outW: 2, windowH: 2, windowW: 2, strideH: 1, strideW: 1, padTop: 0, padLeft: 0 };
const IMAGE = randomValues(45, 11);
const POOL_G = randomValues(20, 12);
const ROW_X = randomValues(ROWS * COLS, 13, -3, 3);
const ROW_G = randomValues(ROWS * COLS, 14);
// The forward outputs the gradients read: y from the reference (logsumexp fills the first ROWS).
const ROW_Y = Object.fromEntries(
  members(Row).map(([op]) => [op, runKernel(new JsBackend(), [ROW_X], ROWS * COLS, (b, [x], out) => b.rowSoftmax(op, x, out, ROWS, COLS))]),
);

const runUnary = (op: UnaryKernel) => (backend: Backend) => runKernel(backend, [X], X.length, (b, [x], out) => b.unary(op, x, out, X.length), 7);
const runBinary = (op: BinaryKernel) => (backend: Backend) =>
  runKernel(backend, [A, B], A.length, (b, [a, bb], out) => b.binary(op, a, [COLS, 1], bb, [COLS, 1], out, [ROWS, COLS]), 7);

const routes: Route[] = [
  ...members(Unary).map(([op, code]): Route => ({ what: `Unary.${op}`, code, wasmExport: 'unary', jsFallback: 'unary', run: runUnary(op) })),
  ...members(Binary).map(([op, code]): Route => ({ what: `Binary.${op}`, code, wasmExport: 'binary2d', jsFallback: 'binary', run: runBinary(op) })),
  ...members(Row).flatMap(([op, code]): Route[] => [
    {
      what: `Row.${op}`, code, wasmExport: 'rowSoftmax', jsFallback: 'rowSoftmax',
      run: (backend) => runKernel(backend, [ROW_X], ROWS * COLS, (b, [x], out) => b.rowSoftmax(op, x, out, ROWS, COLS), 7),
    },
    {
      what: `Row.${op} gradient`, code, wasmExport: 'rowSoftmaxGrad', jsFallback: 'rowSoftmaxGrad',
      run: (backend) => runKernel(backend, [ROW_X, ROW_Y[op], ROW_G], ROWS * COLS, (b, [x, y, g], dx) => b.rowSoftmaxGrad(op, x, y, g, dx, ROWS, COLS), 7),
    },
  ]),
  ...members(Pool).flatMap(([op, code]): Route[] => [
    {
      what: `Pool.${op}`, code, wasmExport: 'pool2d', jsFallback: 'pool2d',
      run: (backend) => runKernel(backend, [IMAGE], POOL_G.length, (b, [x], out) => b.pool2d(op, x, out, POOL), 7),
    },
    {
      what: `Pool.${op} gradient`, code, wasmExport: 'pool2dGrad', jsFallback: 'pool2dGrad',
      run: (backend) => runKernel(backend, [IMAGE, POOL_G], IMAGE.length, (b, [x, g], dx) => b.pool2dGrad(op, x, g, dx, POOL), 7),
    },
  ]),
];

/** The unary and binary kernels with no member: the JS reference runs them on wasm memory. */
const jsOnly = [
  ...(Object.keys(UNARY) as UnaryKernel[]).filter((op) => !(op in Unary)).map((op) => ({ what: op, wasmExport: 'unary' as const, run: runUnary(op) })),
  ...(Object.keys(BINARY) as BinaryKernel[]).filter((op) => !(op in Binary)).map((op) => ({ what: op, wasmExport: 'binary2d' as const, run: runBinary(op) })),
];

/** Outputs that differ in some element by far more than float32 error (or in where NaNs are). */
function differ(p: FloatArray, q: FloatArray): boolean {
  return p.some((v, i) => Number.isNaN(v) !== Number.isNaN(q[i]) || Math.abs(v - q[i]) > 1e-3 * (1 + Math.abs(q[i])));
}

it('reads members from every enum (so the tests below are not vacuous)', () => {
  for (const e of [Unary, Binary, Row, Pool]) expect(members(e).length).toBeGreaterThan(0);
});

it('the inputs tell apart every two members that share an export', () => {
  const js = new JsBackend();
  const outputs = routes.map((r) => ({ ...r, out: r.run(js) }));
  for (const p of outputs) {
    for (const q of outputs) {
      if (p.wasmExport === q.wasmExport && p.code < q.code) expect(differ(p.out, q.out), `${p.what} and ${q.what} give the same output`).toBe(true);
    }
  }
});

describe.each(flavoursHere())('%s build', (flavour: WasmFlavour) => {
  const js = new JsBackend();
  let kernels: WasmKernels;
  let wasm: WasmBackend;
  beforeAll(async () => {
    // A module's exports object is frozen: the backend gets a plain copy, whose functions a spy can wrap.
    const { instance } = await WebAssembly.instantiate(wasmBuilds()[flavour]!, {});
    kernels = { ...instance.exports } as unknown as WasmKernels;
    wasm = new WasmBackend(kernels, flavour);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(routes.map((r) => [`${r.what} runs in wasm: ${r.wasmExport}(${r.code}, …)`, r] as const))('%s, as the reference', (_, route) => {
    const ref = route.run(js);
    const toWasm = vi.spyOn(kernels, route.wasmExport);
    const toJs = vi.spyOn(JsBackend.prototype, route.jsFallback);
    const got = route.run(wasm);
    expect(toWasm.mock.calls.map((args: unknown[]) => args[0])).toEqual([route.code]);
    expect(toJs).not.toHaveBeenCalled();
    // Routing is tested here, precision in parity.test.ts: a loose float32 tolerance.
    expectClose(got, ref, 1e-5, route.what);
  });

  it.each(jsOnly.map((r) => [r.what, r] as const))('%s has no code: the JS reference runs it, on wasm memory', (_, route) => {
    const toWasm = vi.spyOn(kernels, route.wasmExport);
    expectClose(route.run(wasm), route.run(js), 0, route.what);
    expect(toWasm).not.toHaveBeenCalled();
  });
});
