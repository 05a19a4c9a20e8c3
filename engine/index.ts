// The engine's public API. Everything a widget or worker needs is exported
// here; deeper paths are internals.

// tensors and backends
export type { Backend, Conv2dSpec, DType, FloatArray, GatherSpec, Pool2dSpec, PoolKernel, Storage } from './backend/backend';
export { JsBackend } from './backend/js';
export { createWasmBackend, supportedFlavours } from './backend/wasm/load';
export type { WasmBuilds } from './backend/wasm/load';
export type { WasmBackend, WasmFlavour } from './backend/wasm';
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
export { backward, backwardWithAdjoints, isGradEnabled, noGrad, scope } from './tape';
export { checkpoint } from './checkpoint';
export { recordTape } from './tape-record';
export type { TapeEntry, TapeRecord } from './tape-record';
export { jacobian, jvp } from './jvp';
export type { JacobianMode, JacobianResult, JvpResult } from './jvp';
export { checkGrads, checkJvp } from './gradcheck';
export type { GradCheckInput, GradCheckOptions, GradCheckReport } from './gradcheck';

// primitives
export {
  abs,
  add,
  avgPool2d,
  broadcastTo,
  concat,
  conv1d,
  conv2d,
  conv2dFilterGrad,
  conv2dInputGrad,
  cos,
  detach,
  div,
  equal,
  erf,
  exp,
  gather,
  greater,
  greaterEqual,
  less,
  lessEqual,
  log,
  log1p,
  matmul,
  max,
  maximum,
  maxPool2d,
  mean,
  minimum,
  mul,
  neg,
  notEqual,
  pad,
  pow,
  reshape,
  scatterAdd,
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
export type {
  Conv1dOptions,
  Conv2dOptions,
  ConvGeometry,
  Indices,
  MatmulOptions,
  Operand,
  Padding2d,
  Pool2dOptions,
  PoolGeometry,
  Primitive,
} from './ops';

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
export { loadParameters, parameterCount, prefixed, snapshotParameters } from './nn/module';
export { LayerNorm, layerNorm } from './nn/norm';
export { dropout } from './nn/dropout';
export type { DropoutOptions } from './nn/dropout';
export { causalMask, MultiHeadAttention, scaledDotProductAttention } from './nn/attention';
export type { AttentionOptions, AttentionResult, MultiHeadAttentionOptions, MultiHeadForwardOptions } from './nn/attention';
export { Embedding, PositionalEmbedding, sinusoidalPositions } from './nn/embedding';
export type { EmbeddingOptions, PositionalKind } from './nn/embedding';
export { CNN, cnnFeatureSize, Conv2d, globalPool2d, Pool2d } from './nn/conv';
export type { CnnOptions, Conv2dLayerOptions } from './nn/conv';
export { Transformer, TransformerBlock } from './nn/transformer';
export type { BlockForwardOptions, TransformerBlockOptions, TransformerForwardOptions, TransformerOptions } from './nn/transformer';
export { generate, sampleLogits } from './nn/sample';
export type { GenerateOptions, LanguageModel, SampleOptions } from './nn/sample';
export { BigramModel } from './nn/bigram';
export type { Module } from './nn/module';

// training
export { bceWithLogits, huber, mae, mse, softmaxCrossEntropy } from './losses';
export type { CrossEntropyOptions, LossOptions, Reduction } from './losses';
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
