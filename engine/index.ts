// The engine's public API. Everything a widget or worker needs is exported
// here; deeper paths are internals.

// tensors and backends
export type { Backend, DType, FloatArray, Storage } from './backend/backend';
export { JsBackend } from './backend/js';
export {
  arange,
  full,
  getBackend,
  keep,
  linspace,
  ones,
  onesLike,
  parameter,
  rand,
  randn,
  scalar,
  setBackend,
  Tensor,
  tensor,
  withBackend,
  zeros,
  zerosLike,
} from './tensor';

// autodiff and memory
export { backward, isGradEnabled, noGrad, scope } from './tape';
export { checkGrads } from './gradcheck';
export type { GradCheckInput, GradCheckOptions, GradCheckReport } from './gradcheck';

// primitives
export {
  abs,
  add,
  broadcastTo,
  concat,
  cos,
  detach,
  div,
  equal,
  erf,
  exp,
  greater,
  greaterEqual,
  less,
  lessEqual,
  log,
  log1p,
  matmul,
  max,
  maximum,
  mean,
  minimum,
  mul,
  neg,
  notEqual,
  pad,
  pow,
  reshape,
  sign,
  sin,
  slice,
  sqrt,
  squeeze,
  sub,
  sum,
  sumTo,
  transpose,
  unsqueeze,
  where,
} from './ops';
export type { MatmulOptions, Operand, Primitive } from './ops';

// composites and layers
export { activations, elu, gelu, geluTanh, leakyRelu, relu, sigmoid, silu, softplus, step, tanh } from './nn/activations';
export type { ActivationName } from './nn/activations';
export { logSoftmax, logsumexp, softmax } from './nn/softmax';
export { heNormal, heUniform, xavierNormal, xavierUniform } from './nn/init';
export type { InitName } from './nn/init';
export { Linear } from './nn/linear';
export type { LinearOptions } from './nn/linear';
export { MLP } from './nn/mlp';
export type { MlpOptions } from './nn/mlp';
export { loadParameters, parameterCount, snapshotParameters } from './nn/module';
export type { Module } from './nn/module';

// training
export { bceWithLogits, huber, mae, mse, softmaxCrossEntropy } from './losses';
export type { LossOptions, Reduction } from './losses';
export {
  Adam,
  AdamW,
  adamStep,
  adamwStep,
  clipGradNorm,
  momentumStep,
  nesterovStep,
  Optimizer,
  OPTIMIZER_FORMULAS,
  SGD,
  sgdStep,
} from './optim';
export type { AdamOptions, OptimizerState, SgdOptions } from './optim';
export { argmax, accuracy } from './metrics';
export { cholesky, leastSquares, solveSymmetric } from './solver';
export type { LeastSquaresOptions, LeastSquaresResult } from './solver';

// randomness and data
export { Rng } from './random';
export * from './data';
