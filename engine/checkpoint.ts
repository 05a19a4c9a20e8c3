// Checkpointing (PyTorch's torch.utils.checkpoint): memory for compute.
//
// checkpoint(fn, ...inputs) runs fn's forward in a scope of its own, so every
// tensor fn creates on the way is freed when it returns: only the inputs
// (which exist anyway) and the output stay alive. On the output it records
// ONE node whose gradient rule runs fn again with recording on (the
// recomputation), backpropagates g through that fresh piece of tape and frees
// it. The recomputation runs the same kernels on the same values in the same
// order as the first pass, so the gradients equal those without the
// checkpoint to the bit (on one backend), at the cost of one more forward
// of fn per backward.
//
// Semantics, given that this engine frees memory by scope, not by reference
// count (nothing is freed before its scope ends, needed or not):
// - Between forward and backward a checkpoint holds fn's output; the rest of
//   what fn allocated is already freed. Without checkpointing it would all
//   stay alive until the enclosing scope ends.
// - During backward only one segment's recomputed tensors are alive at a
//   time: the rule frees them before it returns.
// - Tensors fn closes over that need gradients (a layer's weights, an
//   activation computed before) become inputs of the node by themselves, so
//   gradients reach them as without the checkpoint. They must still exist at
//   backward (call it inside the scope that built the graph, as always).
// - fn must be a deterministic function of its inputs and of what it closes
//   over: the recomputation must redo the same thing. No fresh random numbers
//   inside (dropout would draw another mask: pass the mask or a seeded Rng
//   made inside fn); a recomputation that reaches tensors the first pass did
//   not throws.
// - With recording off (noGrad) it is scope(fn): nothing is recorded. Under
//   jvp() tangents flow through fn's primitives as usual.

import { enableGrad, gradientsAt, scope, type CheckpointNode, type CheckpointParams } from './tape';
import { nextTensorId, type Tensor } from './tensor';

/** fn(...inputs), keeping none of fn's intermediate tensors for backward:
 * its gradient recomputes them (see above). Returns fn's output. */
export function checkpoint(fn: (...inputs: Tensor[]) => Tensor, ...inputs: Tensor[]): Tensor {
  const first = nextTensorId();
  const { output, segment } = scope(() => {
    const output = fn(...inputs);
    const madeByFn = output.requiresGrad && output.node !== null && output.id >= first;
    return { output, segment: madeByFn ? segmentOf(output, first, inputs) : null };
  });
  if (!segment) return output;
  const node: CheckpointNode = {
    primitive: 'checkpoint',
    inputs: [...inputs, ...segment.captured],
    params: { fn, arity: inputs.length, ops: segment.ops },
    rule: recompute,
  };
  output.node = node;
  return output;
}

/** The tape viewer's note: the rule reads every input (to run fn again). */
export const checkpointNote = {
  vjp: ({ ops }: CheckpointParams) => `recompute the segment's ${ops} ops from its inputs, then backpropagate g through them`,
  saves: ({ inputs }: { inputs: readonly Tensor[] }) => inputs,
};

// d fn = the chain rule through fn's own nodes: record them again, pull g
// back through them to the node's inputs, free them.
const recompute: CheckpointNode['rule'] = (g, { inputs, params: { fn, arity } }) =>
  scope(() => {
    const first = nextTensorId();
    const own = inputs.slice(0, arity);
    const output = enableGrad(() => fn(...own));
    const known = new Set(inputs);
    if (!output.requiresGrad || segmentOf(output, first, own).captured.some((t) => !known.has(t))) {
      throw new Error('checkpoint: recomputing fn reached tensors the first pass did not; fn must be deterministic and its tensors must outlive backward');
    }
    return gradientsAt(output, g, inputs);
  });

/** Walks the nodes fn recorded, from its output back to tensors it did not
 * make (their ids are below `first`): counts those nodes, and lists the
 * outside tensors they read that need gradients, apart from fn's inputs, in
 * creation order. */
function segmentOf(output: Tensor, first: number, inputs: readonly Tensor[]): { ops: number; captured: Tensor[] } {
  const own = new Set(inputs);
  const seen = new Set<Tensor>([output]);
  const stack = [output];
  const captured: Tensor[] = [];
  let ops = 0;
  while (stack.length) {
    const t = stack.pop()!;
    if (own.has(t)) continue;
    if (!t.node || t.id < first) {
      captured.push(t);
      continue;
    }
    ops++;
    for (const x of t.node.inputs) {
      if (x.requiresGrad && !seen.has(x)) {
        seen.add(x);
        stack.push(x);
      }
    }
  }
  return { ops, captured: captured.sort((a, b) => a.id - b.id) };
}
