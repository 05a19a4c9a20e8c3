// Tensor: a shape, a handle to storage owned by a backend, and the autodiff
// bookkeeping (requiresGrad, grad, the node that produced it).

import type { Backend, FloatArray, Storage } from './backend/backend';
import { JsBackend } from './backend/js';
import type { Rng } from './random';
import { type Shape, show, sizeOf } from './shape';
import { track, untrack } from './tape';
import type { TapeNode } from './tape';

let currentBackend: Backend | null = null;

/** The backend new tensors are allocated on (the JS float32 reference unless
 * set otherwise). */
export function getBackend(): Backend {
  return (currentBackend ??= new JsBackend());
}

export function setBackend(backend: Backend): void {
  currentBackend = backend;
}

/** Runs fn with `backend` as the current backend, then restores the old one. */
export function withBackend<T>(backend: Backend, fn: () => T): T {
  const saved = getBackend();
  currentBackend = backend;
  try {
    return fn();
  } finally {
    currentBackend = saved;
  }
}

let nextId = 0;

/** The id the next tensor will get: a tensor whose id is at least this was
 * created after the call. */
export function nextTensorId(): number {
  return nextId;
}

export class Tensor {
  readonly id = nextId++;
  readonly shape: readonly number[];
  readonly size: number;
  /** Set when this tensor needs a gradient: a parameter, an input under
   * test, or anything computed from one while grad mode is on. */
  requiresGrad = false;
  /** ∂loss/∂this after backward(), for leaves (tensors no op produced). */
  grad: Tensor | null = null;
  /** The primitive application (or checkpoint) that produced this tensor, if recorded. */
  node: TapeNode | null = null;
  /** Persistent tensors (parameters, optimizer state) outlive scopes. */
  persistent = false;
  disposed = false;
  /** Disposed by releaseData(): values gone, place in the graph kept. */
  released = false;

  /** Prefer the creation helpers (tensor, zeros, …); this wraps a storage
   * that the tensor now owns. */
  constructor(
    private readonly storageHandle: Storage,
    shape: Shape,
    readonly backend: Backend,
  ) {
    this.shape = [...shape];
    this.size = sizeOf(shape);
    if (storageHandle.length !== this.size) throw new Error(`storage of ${storageHandle.length} for shape ${show(shape)}`);
    track(this);
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** The backend handle. Throws once the tensor is disposed. */
  get storage(): Storage {
    if (this.disposed) {
      const why = this.released ? 'released (no gradient rule was to read it)' : 'disposed (freed by scope()?)';
      throw new Error(`tensor #${this.id} ${show(this.shape)} was ${why}`);
    }
    return this.storageHandle;
  }

  /** A copy of the values as float32, safe to keep and to transfer. */
  toArray(): Float32Array {
    const v = this.backend.view(this.storage);
    return v instanceof Float32Array ? v.slice() : Float32Array.from(v);
  }

  /** A copy of the values as float64. */
  toFloat64Array(): Float64Array {
    return Float64Array.from(this.backend.view(this.storage));
  }

  /** The backend's own view: no copy, but valid only until the next
   * allocation on this backend (wasm memory may grow and detach it). */
  view(): FloatArray {
    return this.backend.view(this.storage);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new Error(`item() needs one element, shape is ${show(this.shape)}`);
    return this.backend.view(this.storage)[0];
  }

  /** Frees the storage (and the gradient's) now. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.backend.free(this.storageHandle);
    this.disposed = true;
    this.node = null;
    this.grad?.dispose();
    this.grad = null;
    untrack(this);
  }

  /** Frees the values but keeps the tensor's place in the graph (its shape
   * and node), for a tensor that no gradient rule will read (see
   * recordTape's freeUnsaved). Reading it afterwards throws. */
  releaseData(): void {
    if (this.disposed) return;
    this.backend.free(this.storageHandle);
    this.disposed = true;
    this.released = true;
  }

  toString(): string {
    return `Tensor${show(this.shape)}[${Array.from(this.toArray().slice(0, 8), (v) => +v.toPrecision(5)).join(', ')}${this.size > 8 ? ', …' : ''}]`;
  }
}

/** A new tensor of zeros on the current backend (or a given one). */
export function zeros(shape: Shape, backend: Backend = getBackend()): Tensor {
  return new Tensor(backend.alloc(sizeOf(shape)), shape, backend);
}

/** A tensor with unspecified contents, for an op whose kernel writes every element. */
export function empty(shape: Shape, backend: Backend = getBackend()): Tensor {
  const length = sizeOf(shape);
  return new Tensor(backend.allocUninitialized ? backend.allocUninitialized(length) : backend.alloc(length), shape, backend);
}

export function full(shape: Shape, value: number, backend: Backend = getBackend()): Tensor {
  const t = zeros(shape, backend);
  if (value !== 0) backend.fill(t.storage, value);
  return t;
}

export function ones(shape: Shape, backend?: Backend): Tensor {
  return full(shape, 1, backend);
}

export function zerosLike(t: Tensor): Tensor {
  return zeros(t.shape, t.backend);
}

export function onesLike(t: Tensor): Tensor {
  return full(t.shape, 1, t.backend);
}

export function scalar(value: number, backend?: Backend): Tensor {
  return full([], value, backend);
}

type Nested = number | readonly Nested[];

/** A tensor from values: a flat array with a shape, or nested arrays whose
 * nesting gives the shape (tensor([[1, 2], [3, 4]]) is 2×2). */
export function tensor(values: ArrayLike<number> | Nested, shape?: Shape, backend: Backend = getBackend()): Tensor {
  let flat: ArrayLike<number>;
  let inferred: number[];
  if (typeof values === 'number') {
    flat = [values];
    inferred = [];
  } else if (Array.isArray(values)) {
    inferred = [];
    for (let v: Nested = values; Array.isArray(v); v = (v as readonly Nested[])[0]) inferred.push((v as readonly Nested[]).length);
    flat = flatten(values as readonly Nested[]);
  } else {
    flat = values as ArrayLike<number>;
    inferred = [flat.length];
  }
  const finalShape = shape ?? inferred;
  if (sizeOf(finalShape) !== flat.length) throw new Error(`${flat.length} values do not fill shape ${show(finalShape)}`);
  const t = zeros(finalShape, backend);
  backend.write(t.storage, flat);
  return t;
}

function flatten(values: readonly Nested[], into: number[] = []): number[] {
  for (const v of values) {
    if (typeof v === 'number') into.push(v);
    else flatten(v, into);
  }
  return into;
}

/** Evenly spaced values in [start, stop), like numpy.arange. */
export function arange(start: number, stop?: number, step = 1): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  const n = Math.max(0, Math.ceil((stop - start) / step));
  return tensor(Array.from({ length: n }, (_, i) => start + i * step), [n]);
}

/** n evenly spaced values from start to stop inclusive, like numpy.linspace. */
export function linspace(start: number, stop: number, n: number): Tensor {
  return tensor(Array.from({ length: n }, (_, i) => (n === 1 ? start : start + ((stop - start) * i) / (n - 1))), [n]);
}

/** Samples of N(mean, std²) from a seeded generator. */
export function randn(shape: Shape, rng: Rng, options: { mean?: number; std?: number } = {}): Tensor {
  const { mean = 0, std = 1 } = options;
  return tensor(Array.from({ length: sizeOf(shape) }, () => mean + std * rng.normal()), shape);
}

/** Samples of U[low, high) from a seeded generator. */
export function rand(shape: Shape, rng: Rng, options: { low?: number; high?: number } = {}): Tensor {
  const { low = 0, high = 1 } = options;
  return tensor(Array.from({ length: sizeOf(shape) }, () => rng.uniform(low, high)), shape);
}

/** Marks t as a trainable leaf that outlives every scope. */
export function parameter(t: Tensor): Tensor {
  t.requiresGrad = true;
  return keep(t);
}

/** Exempts t from scope cleanup; the caller disposes it when done. */
export function keep(t: Tensor): Tensor {
  t.persistent = true;
  untrack(t);
  return t;
}
