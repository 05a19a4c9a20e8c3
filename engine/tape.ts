// Reverse-mode autodiff and memory scopes.
//
// Every op applied while grad mode is on, to at least one input that
// requires a gradient, records a Node on its output: the primitive, its
// inputs, its parameters and its gradient rule. The nodes form the tape;
// backward() walks it from the loss in reverse topological order, applying
// each rule (the chain rule, one primitive at a time).
//
// Forward mode (jvp.ts) needs no tape: while a tangent trace is active,
// record() hands every op's output to it, which computes the output's
// tangent on the spot. When no trace is active this costs one null check.

import { add } from './ops/binary';
import { PIECEWISE_CONSTANT, type Primitive, type PrimitiveParams, type Rule } from './ops/primitive';
import { show, sameShape, stridesOf } from './shape';
import { keep, onesLike, Tensor } from './tensor';

export interface Node<P extends Primitive = Primitive> {
  primitive: P;
  inputs: readonly Tensor[];
  params: PrimitiveParams[P];
  rule: Exclude<Rule<P>, typeof PIECEWISE_CONSTANT>;
}

/** A checkpointed segment (checkpoint.ts): one node standing for the many
 * its function records, which its rule recomputes. Not a primitive. */
export interface CheckpointNode {
  primitive: 'checkpoint';
  /** fn's own inputs, then the tensors it closes over that need gradients. */
  inputs: readonly Tensor[];
  params: CheckpointParams;
  rule: (g: Tensor, node: { inputs: readonly Tensor[]; output: Tensor; params: CheckpointParams; wants: readonly boolean[] }) => (Tensor | null)[];
}

export interface CheckpointParams {
  fn: (...inputs: Tensor[]) => Tensor;
  /** How many of the node's inputs are fn's arguments. */
  arity: number;
  /** Nodes fn recorded (and the tape does not keep). */
  ops: number;
}

/** What a tensor's `node` can be: a primitive application or a checkpoint. */
export type TapeNode = Node | CheckpointNode;

// --- grad mode -------------------------------------------------------------

let gradEnabled = true;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs fn without recording: for evaluation, and inside optimizers. */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs fn with recording on, even inside noGrad or a gradient rule (for
 * checkpoint's recomputation). */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const saved = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = saved;
  }
}

/** Called by every op on its fresh output. */
export function record<P extends Primitive>(
  output: Tensor,
  primitive: P,
  inputs: readonly Tensor[],
  params: PrimitiveParams[P],
  // Any rule of the family: each family indexes its own typed table.
  rule: Rule<P> | Rule<never>,
): Tensor {
  if (gradEnabled && rule !== PIECEWISE_CONSTANT && inputs.some((t) => t.requiresGrad)) {
    output.requiresGrad = true;
    output.node = { primitive, inputs, params, rule } as unknown as Node;
  }
  if (trace !== null) traceOp(trace, output, primitive, inputs, params);
  return output;
}

// --- forward mode ----------------------------------------------------------

/** What jvp() (jvp.ts) puts in place while its function runs. */
export interface TangentTrace {
  /** Sets the tangent of `output` from the tangents of `inputs`. */
  push<P extends Primitive>(output: Tensor, primitive: P, inputs: readonly Tensor[], params: PrimitiveParams[P]): void;
  tangentOf(t: Tensor): Tensor | undefined;
}

let trace: TangentTrace | null = null;

/** Runs fn with `next` as the tangent trace (null: none), then restores the old one. */
export function withTangentTrace<T>(next: TangentTrace | null, fn: () => T): T {
  const saved = trace;
  trace = next;
  try {
    return fn();
  } finally {
    trace = saved;
  }
}

// The tangent rule's own ops carry no tangents of their own.
function traceOp<P extends Primitive>(active: TangentTrace, output: Tensor, primitive: P, inputs: readonly Tensor[], params: PrimitiveParams[P]): void {
  withTangentTrace(null, () => active.push(output, primitive, inputs, params));
}

// --- backward --------------------------------------------------------------

/** Accumulates ∂loss/∂leaf into leaf.grad for every leaf that requires a
 * gradient. `loss` must have one element unless a cotangent `seed` (same
 * shape as loss) is given. Calling it twice adds the gradients twice, as
 * PyTorch does; zero them between steps (optimizer.zeroGrad()). */
export function backward(loss: Tensor, seed?: Tensor): void {
  if (!loss.requiresGrad) throw new Error('backward(): the loss does not depend on anything that requires a gradient');
  if (!seed && loss.size !== 1) throw new Error(`backward(): loss has shape ${show(loss.shape)}; pass a seed`);
  chainRule(loss, seed ?? null, []);
}

/** The gradients of `root` (seeded with g) with respect to each of `stops`,
 * which the walk treats as leaves: it does not go past them, and returns
 * their gradients (null where none reaches them) instead of accumulating
 * them. Other leaves accumulate into .grad as in backward(). For
 * checkpoint(), whose rule backpropagates through a recomputed segment. */
export function gradientsAt(root: Tensor, g: Tensor, stops: readonly Tensor[]): (Tensor | null)[] {
  return chainRule(root, g, stops);
}

/**
 * backward() with every adjoint shown: for each tensor the walk reaches,
 * intermediates included, its adjoint ∂root/∂t (seeded with `seed`, or 1),
 * in the order the walk settles them (reverse topological: a tensor's
 * adjoint is final once every node that consumed it has passed its share
 * back). Leaves accumulate into .grad as in backward(). The values are
 * copies; nothing of the walk outlives the call. For readers, not training:
 * the chapter on autodiff draws these.
 */
export function backwardWithAdjoints(root: Tensor, seed?: Tensor): { order: Tensor[]; adjoints: Map<Tensor, Float64Array> } {
  if (!root.requiresGrad) throw new Error('backwardWithAdjoints(): the root does not depend on anything that requires a gradient');
  const order: Tensor[] = [];
  const adjoints = new Map<Tensor, Float64Array>();
  chainRule(root, seed ?? null, [], (t, g) => {
    order.push(t);
    adjoints.set(t, g.toFloat64Array());
  });
  return { order, adjoints };
}

/** The chain rule from `root` (seeded with `seed`, or 1) down to the leaves,
 * which accumulate their gradients into .grad. The walk stops at `stops`,
 * whose gradients it returns instead. `settled` hears each tensor's final
 * adjoint as the walk reaches it. */
function chainRule(root: Tensor, seed: Tensor | null, stops: readonly Tensor[], settled?: (t: Tensor, g: Tensor) => void): (Tensor | null)[] {
  const stopSet = stops.length ? new Set(stops) : null;
  const order = topologicalOrder(root, stopSet);
  // Gradients carry no tangents (forward-over-reverse is not supported).
  return withTangentTrace(null, () =>
    noGrad(() =>
      scope(() => {
        const grads = new Map<Tensor, Tensor>([[root, seed ?? onesLike(root)]]);
        for (let i = order.length - 1; i >= 0; i--) {
          const t = order[i];
          const g = grads.get(t);
          if (!g || stopSet?.has(t)) continue;
          settled?.(t, g);
          if (t.node) applyRule(t, t.node, g, grads);
          else accumulateLeafGrad(t, g);
        }
        return stops.map((x) => grads.get(x) ?? null);
      }),
    ),
  );
}

/** One step of the chain rule: the node's rule pulls g back to its inputs,
 * whose gradients add up over every path. */
function applyRule(t: Tensor, node: TapeNode, g: Tensor, grads: Map<Tensor, Tensor>): void {
  const { inputs, params, rule, primitive } = node;
  for (const x of inputs) {
    if (x.disposed && !x.released) throw new Error(`backward(): an input of ${primitive} was freed; call backward() inside the scope that built the graph`);
  }
  const wants = inputs.map((x) => x.requiresGrad);
  const inputGrads = rule(g, { inputs, output: t, params, wants } as never);
  inputs.forEach((x, k) => {
    const gx = inputGrads[k];
    if (!wants[k] || !gx) return;
    if (!sameShape(gx.shape, x.shape)) {
      throw new Error(`rule of ${primitive} gave a gradient of shape ${show(gx.shape)} for an input of ${show(x.shape)}`);
    }
    const prev = grads.get(x);
    grads.set(x, prev ? add(prev, gx) : gx);
  });
}

function accumulateLeafGrad(leaf: Tensor, g: Tensor): void {
  const b = leaf.backend;
  if (!leaf.grad) {
    // The leaf's gradient outlives backward's scope; it is freed with the
    // leaf (or by zeroGrad).
    const grad = keep(onesLike(leaf));
    b.copyStrided(g.storage, 0, stridesOf(g.shape), grad.storage, 0, stridesOf(g.shape), g.shape);
    leaf.grad = grad;
  } else {
    const strides = stridesOf(g.shape);
    b.binary('add', leaf.grad.storage, strides, g.storage, strides, leaf.grad.storage, g.shape);
  }
}

/** Tensors that lead to `root` through recorded nodes, inputs first; the
 * walk does not go past `stops`. */
function topologicalOrder(root: Tensor, stops: ReadonlySet<Tensor> | null): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>([root]);
  // Iterative DFS (deep graphs would overflow a recursive one).
  const stack: [Tensor, number][] = [[root, 0]];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [t, next] = top;
    const inputs = (stops?.has(t) ? null : t.node?.inputs) ?? [];
    if (next < inputs.length) {
      top[1]++;
      const x = inputs[next];
      if (x.requiresGrad && !seen.has(x)) {
        seen.add(x);
        stack.push([x, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order;
}

// --- scopes ----------------------------------------------------------------

const scopes: Set<Tensor>[] = [];

/** Called by the Tensor constructor: the innermost scope owns new tensors. */
export function track(t: Tensor): void {
  if (scopes.length) scopes[scopes.length - 1].add(t);
}

export function untrack(t: Tensor): void {
  for (const s of scopes) s.delete(t);
}

/** Runs fn and then frees every tensor created inside it, except the ones
 * it returns (a tensor, or tensors inside returned arrays and plain
 * objects) and persistent ones (parameters, optimizer state, gradients of
 * leaves). Returned tensors pass to the enclosing scope. fn must be
 * synchronous: a Promise would escape the scope's end. */
export function scope<T>(fn: () => T): T {
  const mine = new Set<Tensor>();
  scopes.push(mine);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    scopes.pop();
    for (const t of mine) if (!t.persistent) t.dispose();
    throw error;
  }
  scopes.pop();
  if (result instanceof Promise) throw new Error('scope(fn): fn must be synchronous');
  const kept = new Set<Tensor>();
  collectTensors(result, kept);
  // Under a tangent trace a returned tensor keeps its tangent with it.
  if (trace !== null) keepTangents(trace, kept);
  const parent = scopes[scopes.length - 1];
  for (const t of mine) {
    if (kept.has(t)) parent?.add(t);
    else if (!t.persistent) t.dispose();
  }
  return result;
}

/** Runs fn and returns, with its result, the tensors it created that are
 * still alive, in creation order. Unlike scope() it frees nothing: they stay
 * with the enclosing scope. */
export function withCreated<T>(fn: () => T): { result: T; created: Tensor[] } {
  const mine = new Set<Tensor>();
  scopes.push(mine);
  try {
    return { result: fn(), created: [...mine].sort((a, b) => a.id - b.id) };
  } finally {
    scopes.pop();
    const parent = scopes[scopes.length - 1];
    if (parent) for (const t of mine) parent.add(t);
  }
}

/** The tensors in a value as scope() finds them: a tensor, or tensors in
 * arrays and plain objects. */
export function tensorsIn(value: unknown): Set<Tensor> {
  const found = new Set<Tensor>();
  collectTensors(value, found);
  return found;
}

function keepTangents(active: TangentTrace, kept: Set<Tensor>): void {
  for (const t of [...kept]) {
    const tangent = active.tangentOf(t);
    if (tangent) kept.add(tangent);
  }
}

function collectTensors(value: unknown, into: Set<Tensor>, depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 8) return;
  if (value instanceof Tensor) {
    into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectTensors(v, into, depth + 1);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) collectTensors(v, into, depth + 1);
  }
}
