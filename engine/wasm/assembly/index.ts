// The kernels the engine's wasm backend calls. Memory is managed from
// JavaScript (engine/backend/wasm/allocator.ts): these functions only read
// and write at the byte offsets they are given, and never allocate.
export { matmul, matmulBlocked, matmulScratchBytes, transpose2d } from './matmul';
export { unary, binary2d, where2d, axpy, fill, zero, copy4d } from './elementwise';
export { reduceSum, reduceMax } from './reduce';
export { sgd, adam } from './optim';
export { rowSoftmax, rowSoftmaxGrad, layerNorm, layerNormGrad } from './rows';
export { convGeometry, conv2d, conv2dInputGrad, conv2dFilterGrad } from './conv';
export { poolGeometry, pool2d, pool2dGrad } from './pool';
export { checkIndices, gather, scatterAdd } from './gather';

/** First byte past the module's static data: where the JS allocator may start. */
export function heapBase(): usize {
  return __heap_base;
}
