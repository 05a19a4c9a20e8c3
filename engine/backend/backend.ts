// The kernel interface. Every byte of tensor data lives in storage that a
// Backend hands out; the engine only ever holds opaque handles and passes
// them, with shapes and strides, to the kernels below.
//
// Why handles and not Float32Arrays: the wasm backend keeps tensors in wasm
// memory, which can grow, and growing detaches every existing view. So
// engine code never keeps a view across an allocation: it asks for one with
// `view()` right when it reads, or copies with `read()`.
//
// All shapes are row-major. A stride of 0 means "broadcast along this axis".

/** Element types a backend can store. The engine's tensors are float32; a
 * float64 backend exists so that gradient checks have an exact reference. */
export type DType = 'float32' | 'float64';

export type FloatArray = Float32Array | Float64Array;

/** An allocation owned by a backend. Opaque to the engine: only its length
 * (in elements) is public; each backend knows what else is inside. */
export interface Storage {
  readonly length: number;
}

/** Elementwise functions of one input. `sign` and `step` are piecewise
 * constant (gradient 0); `identity` copies. */
export type UnaryKernel =
  | 'identity'
  | 'neg'
  | 'exp'
  | 'log'
  | 'log1p'
  | 'sqrt'
  | 'abs'
  | 'sign'
  | 'step'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'erf'
  | 'sin'
  | 'cos'
  | 'gelu'
  | 'geluTanh'
  // Derivatives, for gradient rules only (not primitives):
  | 'geluDerivative'
  | 'geluTanhDerivative';

/** Elementwise functions of two inputs. Comparisons return 1 or 0. */
export type BinaryKernel =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'greater'
  | 'greaterEqual'
  | 'less'
  | 'lessEqual'
  | 'equal'
  | 'notEqual';

export type ReduceKernel = 'sum' | 'max';

/** Functions of each row of a [rows, cols] matrix (the last axis of a
 * tensor): softmax and log-softmax (out [rows, cols]) and logsumexp
 * (out [rows]). Each subtracts the row's maximum first, so any magnitude is
 * safe; −∞ entries get weight 0. */
export type RowKernel = 'softmax' | 'logSoftmax' | 'logsumexp';

/** A batched matrix product out[b] = op(A[b]) · op(B[b]), where op transposes
 * when asked. op(A) is m×k, op(B) is k×n. Batch dims broadcast: the element
 * offset of batch index (i0, i1, …) in A is Σ i_d · aBatchStrides[d]. */
export interface MatmulSpec {
  m: number;
  k: number;
  n: number;
  transA: boolean;
  transB: boolean;
  batchShape: readonly number[];
  aBatchStrides: readonly number[];
  bBatchStrides: readonly number[];
}

/** Geometry of a 2-D convolution, NHWC. x is [batch, inH, inW, inC]; the
 * filter is [kernelH, kernelW, inC/groups, outC] (HWIO); out is
 * [batch, outH, outW, outC]. Output pixel (oh, ow) reads input rows
 * oh·strideH − padTop + kh·dilationH (and likewise for columns); reads
 * outside the input are zeros. Output channel co belongs to group
 * ⌊co / (outC/groups)⌋ and sees only that group's inC/groups input channels. */
export interface Conv2dSpec {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  outC: number;
  kernelH: number;
  kernelW: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  padTop: number;
  padLeft: number;
  groups: number;
}

export type PoolKernel = 'max' | 'avg';

/** Geometry of 2-D pooling, NHWC, each channel on its own: x is
 * [batch, inH, inW, channels], out [batch, outH, outW, channels]. A window
 * covers rows oh·strideH − padTop … + windowH − 1 (and likewise columns);
 * positions outside the input are skipped (max ignores them, avg divides by
 * the number of positions inside). */
export interface Pool2dSpec {
  batch: number;
  inH: number;
  inW: number;
  channels: number;
  outH: number;
  outW: number;
  windowH: number;
  windowW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
}

/** Gather along one axis of x viewed as [outer, axisSize, inner]: the result
 * is [outer, count, inner] with out[o, i, :] = x[o, indices[i], :].
 * Indices are stored as floats holding integers in [0, axisSize). */
export interface GatherSpec {
  outer: number;
  axisSize: number;
  inner: number;
  count: number;
}

/** Hyper-parameters of the fused SGD update (see engine/optim.ts). */
export interface SgdHyper {
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
  /** True on the optimizer's first step: PyTorch starts the buffer at g. */
  firstStep: boolean;
}

/** Hyper-parameters of the fused Adam/AdamW update (see engine/optim.ts). */
export interface AdamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** true: AdamW (θ ← θ − ηλθ); false: L2 penalty added to the gradient. */
  decoupled: boolean;
  /** 1-based step count t for the bias corrections 1 − β^t. */
  step: number;
}

export interface Backend {
  readonly name: string;
  readonly dtype: DType;

  // --- memory -------------------------------------------------------------
  /** A new zero-filled storage of `length` elements. */
  alloc(length: number): Storage;
  /** A new storage whose contents are unspecified, for outputs a kernel
   * overwrites entirely (saves zeroing reused wasm memory). Optional:
   * `empty()` falls back to alloc. */
  allocUninitialized?(length: number): Storage;
  /** Returns the storage to the backend; using it afterwards is an error. */
  free(storage: Storage): void;
  /** Bytes held by live storages (what a scope must give back). */
  bytesInUse(): number;
  /** Copies `values` into the storage starting at element `offset`. */
  write(storage: Storage, values: ArrayLike<number>, offset?: number): void;
  /** A view of the storage's elements. Valid only until the next alloc. */
  view(storage: Storage): FloatArray;
  /** A copy of the storage's elements, safe to keep. */
  read(storage: Storage): FloatArray;
  fill(storage: Storage, value: number): void;

  // --- kernels ------------------------------------------------------------
  // `out` is always a distinct storage, except that elementwise kernels allow
  // out === a when a is not broadcast (in-place updates).

  /** out[i] = f(x[i]) for i < length. */
  unary(op: UnaryKernel, x: Storage, out: Storage, length: number): void;

  /** out[idx] = f(a[idx·aStrides], b[idx·bStrides]) over every index of
   * outShape (broadcast axes have stride 0). */
  binary(
    op: BinaryKernel,
    a: Storage,
    aStrides: readonly number[],
    b: Storage,
    bStrides: readonly number[],
    out: Storage,
    outShape: readonly number[],
  ): void;

  /** out[idx] = cond[idx] != 0 ? a[idx] : b[idx], each with broadcast strides. */
  where(
    cond: Storage,
    condStrides: readonly number[],
    a: Storage,
    aStrides: readonly number[],
    b: Storage,
    bStrides: readonly number[],
    out: Storage,
    outShape: readonly number[],
  ): void;

  /** Reduces x (of xShape) over `axes` (sorted, unique) into out, whose
   * element order is xShape without those axes. */
  reduce(op: ReduceKernel, x: Storage, xShape: readonly number[], axes: readonly number[], out: Storage): void;

  matmul(a: Storage, b: Storage, out: Storage, spec: MatmulSpec): void;

  /** A RowKernel over each of `rows` rows of `cols` elements (see RowKernel). */
  rowSoftmax(op: RowKernel, x: Storage, out: Storage, rows: number, cols: number): void;
  /** Its vector-Jacobian product, from the input x, the output y and g
   * (shaped like y): softmax dx = y ⊙ (g − Σⱼ gⱼyⱼ); log-softmax
   * dx = g − exp(y)·Σⱼ gⱼ; logsumexp dx = g_row · exp(x − y_row). */
  rowSoftmaxGrad(op: RowKernel, x: Storage, y: Storage, g: Storage, dx: Storage, rows: number, cols: number): void;
  /** Layer norm of each row: out = (x − μ)·r ⊙ w + b, with μ and σ² the
   * row's mean and biased variance, r = 1/√(σ² + eps), w and b of length cols. */
  layerNorm(x: Storage, w: Storage, b: Storage, out: Storage, rows: number, cols: number, eps: number): void;
  /** Its vector-Jacobian product for g shaped like x. With x̂ = (x − μ)·r
   * and ĝ = g ⊙ w: dx = r·(ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂)) per row,
   * dw = Σ_rows g ⊙ x̂, db = Σ_rows g (dw and db are overwritten). */
  layerNormGrad(x: Storage, w: Storage, g: Storage, dx: Storage, dw: Storage, db: Storage, rows: number, cols: number, eps: number): void;

  /** For every index of `shape`: dst[dstOffset + idx·dstStrides] =
   * src[srcOffset + idx·srcStrides]. Covers transpose, slice, pad, concat
   * and broadcast. */
  copyStrided(
    src: Storage,
    srcOffset: number,
    srcStrides: readonly number[],
    dst: Storage,
    dstOffset: number,
    dstStrides: readonly number[],
    shape: readonly number[],
  ): void;

  /** Direct convolution: out = x ⋆ w (see Conv2dSpec). */
  conv2d(x: Storage, w: Storage, out: Storage, spec: Conv2dSpec): void;
  /** The convolution's transpose applied to g (shaped like its output):
   * dx[n, ih, iw, ci] = Σ g[n, oh, ow, co]·w[kh, kw, ci, co] over every
   * (oh, ow, kh, kw) that read (ih, iw). dx has x's shape. */
  conv2dInputGrad(g: Storage, w: Storage, dx: Storage, spec: Conv2dSpec): void;
  /** dw[kh, kw, ci, co] = Σ x[n, ih, iw, ci]·g[n, oh, ow, co] over every
   * batch index and output pixel. dw has the filter's shape. */
  conv2dFilterGrad(x: Storage, g: Storage, dw: Storage, spec: Conv2dSpec): void;

  /** Max or average over each window (see Pool2dSpec). */
  pool2d(op: PoolKernel, x: Storage, out: Storage, spec: Pool2dSpec): void;
  /** The pooling's vector-Jacobian product: g (shaped like the output)
   * flows back to x's shape. Max sends each window's g to the first
   * position holding the window's maximum; avg spreads it evenly. */
  pool2dGrad(op: PoolKernel, x: Storage, g: Storage, dx: Storage, spec: Pool2dSpec): void;
  /** For each output of max pooling (shaped like it), the flat index into x
   * of the position pool2dGrad sends its gradient to: the window's first
   * maximum (−1 for a window with no position inside x). Stored as floats,
   * exact below 2²⁴ elements; for the tangent rule, ẏ = gather(ẋ, indices). */
  pool2dArgmax(x: Storage, indices: Storage, spec: Pool2dSpec): void;

  /** out[o, i, :] = x[o, indices[i], :] (see GatherSpec). Throws on an index
   * that is not an integer in range. */
  gather(x: Storage, indices: Storage, out: Storage, spec: GatherSpec): void;
  /** The transpose of gather: out (zeroed first, [outer, axisSize, inner])
   * gets src[o, i, :] added into out[o, indices[i], :]; repeated indices add up. */
  scatterAdd(src: Storage, indices: Storage, out: Storage, spec: GatherSpec): void;

  // --- fused optimizer updates (in place; one call per parameter) ---------
  /** SGD with optional momentum/Nesterov and L2 decay. `velocity` is
   * required when momentum > 0. */
  sgdUpdate(param: Storage, grad: Storage, velocity: Storage | null, length: number, hyper: SgdHyper): void;
  adamUpdate(param: Storage, grad: Storage, m: Storage, v: Storage, length: number, hyper: AdamHyper): void;
}
