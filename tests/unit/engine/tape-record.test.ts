// recordTape: the nodes one step records, what each keeps for backward, and
// byte figures that agree with bytesInUse().

import { describe, expect, it } from 'vitest';
import {
  add, backward, checkpoint, getBackend, JsBackend, Linear, mse, noGrad, recordTape, Rng, scope, tanh, tensor, withBackend, zeros,
  type Backend, type Tensor,
} from '@/engine';
import { gradientRules, tapeNotes } from '@/engine/ops';
import { PIECEWISE_CONSTANT, type Primitive, type TapeNote } from '@/engine/ops/primitive';
import { unaryTapeNotes } from '@/engine/ops/unary';
import type { Node } from '@/engine/tape';
import { rows } from './op-rows';

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('recordTape on a two-layer network', () => {
  it('lists each node with shapes, gradient needs, its rule and the bytes it keeps, and those bytes are what bytesInUse measures', () => {
    const rng = new Rng(2);
    const [l1, l2] = [new Linear(2, 4, { rng }), new Linear(4, 1, { rng })];
    const x = tensor(Array.from({ length: 16 }, () => rng.normal()), [8, 2]);
    const y = tensor(Array.from({ length: 8 }, () => rng.normal()), [8, 1]);
    const step = (free: boolean) =>
      scope(() => {
        const before = getBackend().bytesInUse();
        const tape = recordTape(() => mse(l2.forward(tanh(l1.forward(x))), y));
        if (free) tape.freeUnsaved();
        const held = getBackend().bytesInUse() - before;
        backward(tape.result);
        const grads = [l1.weight, l1.bias!, l2.weight, l2.bias!].map((p) => p.grad!.toArray());
        [l1, l2].forEach((l) => l.parameters().forEach((p) => (p.grad!.dispose(), (p.grad = null))));
        return { entries: tape.entries, allocated: tape.allocatedBytes, heldForBackward: tape.heldForBackward, held, grads };
      });
    const kept = step(false);
    const freed = step(true);

    expect(kept.entries.map((e) => e.op)).toEqual(['matmul', 'add', 'tanh', 'matmul', 'add', 'sub', 'mul', 'sum', 'div']);
    const [mm1, bias1, act] = kept.entries;
    const { outputId, inputIds, ...rule } = mm1;
    // Ids name the tensors: the matmul reads x and W, and the bias add reads the matmul's output.
    expect(inputIds).toEqual([x.id, l1.weight.id]);
    expect(bias1.inputIds).toEqual([outputId, l1.bias!.id]);
    expect(act.inputIds).toEqual([bias1.outputId]);
    expect(rule).toEqual({
      op: 'matmul',
      inputShapes: [[8, 2], [4, 2]],
      outputShape: [8, 4],
      requiresGrad: [false, true],
      vjp: 'C = A·Bᵀ: dA = G·B, dB = Gᵀ·A',
      saves: [0], // dW = Gᵀ·X reads X; X needs no gradient, so W is not read
      savedBytes: 0, // X existed before the step
    });
    expect(act).toMatchObject({ op: 'tanh', vjp: 'dx = g·(1 − y²)', saves: ['output'], savedBytes: 8 * 4 * 4 });
    // Without freeing, the scope holds everything the forward allocated.
    expect(kept.held).toBe(kept.allocated);
    // Freed down to what the rules read: the measured bytes equal the sum of
    // the per-node figures, and backward gives the same gradients, bit for bit.
    expect(freed.held).toBe(freed.heldForBackward);
    expect(freed.heldForBackward).toBeLessThan(freed.allocated);
    freed.grads.forEach((g, i) => expect(bits(g)).toEqual(bits(kept.grads[i])));
    [l1, l2, x, y].forEach((t) => t.dispose());
  });

  it('shows a checkpointed segment as one node that keeps its inputs', () => {
    const rng = new Rng(5);
    const layer = new Linear(3, 3, { rng });
    const x = tensor(Array.from({ length: 6 }, () => rng.normal()), [2, 3]);
    scope(() => {
      const before = getBackend().bytesInUse();
      const tape = recordTape(() => mse(checkpoint((h) => tanh(layer.forward(h)), tanh(x)), zeros([2, 3])));
      expect(tape.entries.map((e) => e.op)).toEqual(['checkpoint', 'sub', 'mul', 'sum', 'div']);
      expect(tape.entries[0]).toMatchObject({
        inputShapes: [[2, 3], [3, 3], [3]],
        requiresGrad: [false, true, true],
        saves: [0, 1, 2],
        vjp: "recompute the segment's 3 ops from its inputs, then backpropagate g through them",
        savedBytes: 6 * 4, // tanh(x) is the step's; the weights are not
      });
      tape.freeUnsaved();
      expect(getBackend().bytesInUse() - before).toBe(tape.heldForBackward);
      backward(tape.result);
      expect(layer.weight.grad).not.toBeNull();
    });
    layer.dispose();
    x.dispose();
  });
});

/** Every node behind y (through inputs that need gradients). */
function nodesBehind(y: Tensor): [Tensor, Node][] {
  const found: [Tensor, Node][] = [];
  const seen = new Set<Tensor>();
  const walk = (t: Tensor) => {
    if (seen.has(t) || !t.node || t.node.primitive === 'checkpoint') return;
    seen.add(t);
    found.push([t, t.node]);
    t.node.inputs.filter((x) => x.requiresGrad).forEach(walk);
  };
  walk(y);
  return found;
}

describe.each([
  ['float32', new JsBackend()],
  ['float64', new JsBackend({ dtype: 'float64' })],
])('the tape notes of every op in the table (%s)', (_, backend: Backend) => {
  const run = (fn: (...xs: Tensor[]) => Tensor, values: Float32Array[], shapes: number[][], constant: boolean[], free: boolean) =>
    withBackend(backend, () =>
      scope(() => {
        const xs = values.map((v, i) => {
          const t = tensor(v, shapes[i]);
          t.requiresGrad = !constant[i];
          return t;
        });
        const before = backend.bytesInUse();
        // fn's output passes through an add, which reads neither operand, so
        // that even the last op's output is freed unless its own note keeps it.
        const tape = recordTape(() => add(fn(...xs), 0));
        if (free) tape.freeUnsaved();
        const held = backend.bytesInUse() - before;
        const y = tape.result;
        backward(y, tensor(Array.from({ length: y.size }, (_, k) => Math.sin(k + 1)), y.shape));
        return { held, heldForBackward: tape.heldForBackward, ops: tape.entries.map((e) => e.op), grads: xs.map((x) => x.grad?.toArray() ?? null) };
      }),
    );

  it.each(rows)('%s: backward needs only what the notes say, and their bytes are the measured ones', (name, fn, inputs) => {
    const rng = new Rng(name.length);
    const values = inputs.map((s) => Float32Array.from(s.values ?? Array.from({ length: s.shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(s.low ?? -2, s.high ?? 2))));
    const shapes = inputs.map((s) => s.shape);
    const constant = inputs.map((s) => !!s.constant);
    const all = run(fn, values, shapes, constant, false);
    const lean = run(fn, values, shapes, constant, true);
    expect(lean.held).toBe(lean.heldForBackward);
    lean.grads.forEach((g, i) => expect(g && bits(g)).toEqual(all.grads[i] && bits(all.grads[i]!)));
  });

  it.each(rows)('%s: each tensor a note says its rule reads, it does read', (_, fn, inputs) => {
    withBackend(backend, () =>
      scope(() => {
        const xs = inputs.map((s) => {
          const t = zeros(s.shape);
          backend.write(t.storage, Array.from({ length: t.size }, (_, k) => (s.values ? s.values[k] : 0.3 + 0.1 * Math.sin(k))));
          t.requiresGrad = !s.constant;
          return t;
        });
        for (const [output, node] of nodesBehind(fn(...xs))) {
          const wants = node.inputs.map((x) => x.requiresGrad);
          const context = { inputs: node.inputs, output, params: node.params, wants };
          const note = tapeNotes[node.primitive] as TapeNote<Primitive>;
          const rule = gradientRules[node.primitive];
          if (rule === PIECEWISE_CONSTANT) throw new Error('recorded a piecewise-constant node');
          for (const saved of note.saves(context as never).filter((t): t is Tensor => !!t)) {
            const gone = zeros(saved.shape);
            gone.dispose();
            const swap = (t: Tensor) => (t === saved ? gone : t);
            const without = { ...context, inputs: node.inputs.map(swap), output: swap(output) };
            expect(() => noGrad(() => rule(zeros(output.shape), without as never)), `${node.primitive} reads what it saves`).toThrow(/disposed/);
          }
        }
      }),
    );
  });

  it('the table exercises every primitive that records a node', () => {
    const seen = new Set(rows.flatMap(([, fn, inputs]) => run(fn, inputs.map((s) => new Float32Array(s.shape.reduce((a, b) => a * b, 1)).fill(0.5)), inputs.map((s) => s.shape), inputs.map((s) => !!s.constant), false).ops));
    const recording = (Object.keys(gradientRules) as Primitive[]).filter((p) => gradientRules[p] !== PIECEWISE_CONSTANT);
    expect(recording.filter((p) => !seen.has(p))).toEqual([]);
  });
});

describe('the tape note table', () => {
  it('has a one-line rule for every primitive', () => {
    for (const p of Object.keys(gradientRules) as Primitive[]) {
      const { vjp } = tapeNotes[p];
      expect(typeof vjp === 'string' ? vjp : vjp({ transA: false, transB: false } as never)).toMatch(/\S/);
    }
    expect(Object.keys(tapeNotes).sort()).toEqual(Object.keys(gradientRules).sort());
  });

  it('does not compile without a note for every primitive (checked by tsc)', () => {
    // @ts-expect-error — the unary notes alone leave most primitives without one
    const incomplete: { [P in Primitive]: TapeNote<P> } = { ...unaryTapeNotes };
    expect(incomplete).toBeTruthy();
  });
});
