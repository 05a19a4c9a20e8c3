// The tape, readable: what one step records, node by node, and what it costs
// to keep for backward.
//
// recordTape(fn) runs fn as usual (recording on) and lists the nodes it
// recorded, in execution order: the primitive, the shapes, which inputs need
// gradients, the gradient rule in one line, and which tensors that rule will
// read. Those are what a tape must keep alive for backward; each byte of
// them is counted once, at the first node that needs it.
//
// Two byte counts, both in the backend's bytesInUse() terms:
// - allocatedBytes (measured): everything fn allocated and left alive. This
//   engine frees by scope, so all of it stays until the enclosing scope ends,
//   whether backward reads it or not.
// - heldForBackward (from the notes): what backward needs of that, the sum of
//   the nodes' savedBytes plus fn's result. freeUnsaved() frees the rest
//   (values only; the graph stays), after which bytesInUse() has grown by
//   exactly heldForBackward since fn started, and backward() still works:
//   the tests check both on every op, so the per-node figures are measured,
//   not assumed.

import { checkpointNote } from './checkpoint';
import { tapeNotes } from './ops';
import type { Primitive } from './ops/primitive';
import { tensorsIn, type TapeNode, withCreated } from './tape';
import { getBackend, type Tensor } from './tensor';

export interface TapeEntry {
  /** The primitive, or 'checkpoint' for a checkpointed segment. */
  op: Primitive | 'checkpoint';
  /** The ids of the node's output and inputs (Tensor.id): the graph's edges. */
  outputId: number;
  inputIds: number[];
  inputShapes: number[][];
  outputShape: number[];
  /** Per input: does it need a gradient? The rule computes none for the others. */
  requiresGrad: boolean[];
  /** The gradient rule in one line. */
  vjp: string;
  /** The tensors the rule reads: input positions, and 'output'. */
  saves: (number | 'output')[];
  /** Bytes of those that fn allocated and no earlier entry already keeps:
   * this node's share of heldForBackward. Tensors from before fn
   * (parameters, data) cost nothing here: they stay alive anyway. */
  savedBytes: number;
}

export interface TapeRecord<T> {
  /** What fn returned. */
  result: T;
  /** One per recorded node, in execution order. */
  entries: TapeEntry[];
  /** Measured: bytesInUse() when fn returned, minus before it started. */
  allocatedBytes: number;
  /** Σ savedBytes, plus the bytes of fn's result where no entry keeps it
   * (backward starts there). */
  heldForBackward: number;
  /** Frees the values of every tensor fn allocated that no gradient rule
   * reads (keeping the graph, so backward() still works) and returns the
   * bytes freed, measured. */
  freeUnsaved(): number;
}

/** Runs fn with recording and returns the tape it recorded (see above).
 * Bytes are those of the current backend; fn should create no persistent
 * tensors (they would count in allocatedBytes and belong to no entry). */
export function recordTape<T>(fn: () => T): TapeRecord<T> {
  const backend = getBackend();
  const before = backend.bytesInUse();
  const { result, created } = withCreated(fn);
  const allocatedBytes = backend.bytesInUse() - before;
  const mine = new Set(created);
  const ownBytes = (t: Tensor) => (mine.has(t) ? bytesOf(t) : 0);
  const kept = new Set<Tensor>();
  const entries = created.flatMap((t) => (t.node ? [describe(t, t.node, kept, ownBytes)] : []));
  const results = tensorsIn(result);
  let heldForBackward = entries.reduce((n, e) => n + e.savedBytes, 0);
  for (const t of results) if (!kept.has(t)) heldForBackward += ownBytes(t);

  const freeUnsaved = () => {
    const start = backend.bytesInUse();
    for (const t of created) {
      const leafWithGrad = t.requiresGrad && !t.node;
      if (!kept.has(t) && !results.has(t) && !leafWithGrad) t.releaseData();
    }
    return start - backend.bytesInUse();
  };
  return { result, entries, allocatedBytes, heldForBackward, freeUnsaved };
}

function describe(output: Tensor, node: TapeNode, kept: Set<Tensor>, ownBytes: (t: Tensor) => number): TapeEntry {
  const requiresGrad = node.inputs.map((x) => x.requiresGrad);
  const context = { inputs: node.inputs, output, params: node.params, wants: requiresGrad };
  const note = node.primitive === 'checkpoint' ? checkpointNote : tapeNotes[node.primitive];
  const read = note.saves(context as never).filter((t): t is Tensor => !!t);
  let savedBytes = 0;
  for (const t of read) {
    if (kept.has(t)) continue;
    kept.add(t);
    savedBytes += ownBytes(t);
  }
  return {
    op: node.primitive,
    outputId: output.id,
    inputIds: node.inputs.map((x) => x.id),
    inputShapes: node.inputs.map((x) => [...x.shape]),
    outputShape: [...output.shape],
    requiresGrad,
    vjp: typeof note.vjp === 'string' ? note.vjp : note.vjp(node.params as never),
    saves: read.map((t) => (t === output ? 'output' : node.inputs.indexOf(t))),
    savedBytes,
  };
}

/** What a tensor occupies in bytesInUse(). */
function bytesOf(t: Tensor): number {
  return t.size * (t.backend.dtype === 'float64' ? 8 : 4);
}
