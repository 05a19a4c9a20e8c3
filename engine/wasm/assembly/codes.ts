// The op codes the kernels switch on, shared by the AssemblyScript kernels
// and the TypeScript backend (engine/backend/wasm/index.ts), so this file
// must stay valid in both languages: plain enums, no AssemblyScript types.
// scripts/build-wasm.mjs compiles each `export enum` as a const enum (so the
// kernels see constants; its comment says why).
//
// A member is named after the backend's kernel (UnaryKernel, BinaryKernel,
// RowKernel, PoolKernel in engine/backend/backend.ts; a misspelt name fails
// tsc): the backend sends a kernel to wasm exactly when its name is here.
// A unary or binary kernel left out runs in the JS reference on views of
// wasm memory; every row and pool kernel must be here (tsc checks that too).

/** elementwise.ts: unary(op, …). */
export enum Unary {
  neg = 0,
  abs = 1,
  sqrt = 2,
  relu = 3,
  exp = 4,
  log = 5,
  tanh = 6,
  sigmoid = 7,
  identity = 8,
  geluTanh = 9,
  geluTanhDerivative = 10,
}

/** elementwise.ts: binary2d(op, …). Comparisons give 1 or 0 (NaN compares
 * false, except ≠). */
export enum Binary {
  add = 0,
  sub = 1,
  mul = 2,
  div = 3,
  maximum = 4,
  minimum = 5,
  greater = 6,
  greaterEqual = 7,
  less = 8,
  lessEqual = 9,
  equal = 10,
  notEqual = 11,
}

/** rows.ts: rowSoftmax(op, …) and rowSoftmaxGrad(op, …). */
export enum Row {
  softmax = 0,
  logSoftmax = 1,
  logsumexp = 2,
}

/** pool.ts: pool2d(op, …) and pool2dGrad(op, …). */
export enum Pool {
  max = 0,
  avg = 1,
}
