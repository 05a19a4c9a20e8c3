/**
 * The graph of one expression as the engine records it, in the worker: the
 * expression runs once on the engine's float64 reference kernels with
 * recording on; its tape (recordTape) gives every node and its gradient
 * rule, backwardWithAdjoints the adjoint of every value, and central
 * differences in float64 check each trainable input's gradient. Also the
 * pass counts of forward and reverse mode for a map Rⁿ → Rᵐ (jacobian()).
 */
import {
  add,
  backwardWithAdjoints,
  jacobian,
  JsBackend,
  log,
  matmul,
  mul,
  noGrad,
  pow,
  recordTape,
  Rng,
  scope,
  sigmoid,
  sin,
  softmaxCrossEntropy,
  sub,
  tanh,
  tensor,
  withBackend,
  type Tensor,
} from '@/engine';
import { defineQueryModel } from '@/workers/model';
import { EXPRESSIONS, inputValues, type ExpressionName } from './expressions';

/** Each expression with the engine's ops, from its inputs in the order of EXPRESSIONS. */
export const ENGINE_EXPRESSIONS: Record<ExpressionName, (inputs: Tensor[]) => Tensor> = {
  // In the order the chapter's trace lists: v₁ = ln x₁, v₂ = x₁x₂, v₃ = sin x₂, v₄ = v₁ + v₂, v₅ = v₄ − v₃.
  trace: ([x1, x2]) => {
    const v1 = log(x1);
    const v2 = mul(x1, x2);
    const v3 = sin(x2);
    return sub(add(v1, v2), v3);
  },
  neuron: ([w, x, b, y]) => mul(pow(sub(sigmoid(add(mul(w, x), b)), y), 2), 0.5),
  mlp: ([W1, x, b1, w2, b2, y]) => pow(sub(add(matmul(w2, tanh(add(matmul(W1, x), b1))), b2), y), 2),
  softmax: ([z]) => softmaxCrossEntropy(z, [0]),
};

const FLOAT64 = new JsBackend({ dtype: 'float64' });

export interface GraphNode {
  /** The tensor's id in the engine (stable within one trace). */
  id: number;
  kind: 'input' | 'constant' | 'op';
  /** The input's name, the primitive's name, or the constant's value. */
  label: string;
  /** The primitive, for an op node. */
  op: string | null;
  inputs: number[];
  shape: number[];
  value: number[];
  /** ∂f/∂v, once the backward walk settles it; null where no gradient flows (data, constants). */
  adjoint: number[] | null;
  /** The gradient rule in one line (op nodes). */
  vjp: string | null;
  /** Position among the op nodes in execution order. */
  forward: number | null;
  /** Position in the order the backward walk settles adjoints. */
  backward: number | null;
}

export interface GradientCheck {
  /** The input's name. */
  name: string;
  node: number;
  /** The engine's gradient (reverse mode) and central differences in float64 (h = 10⁻⁶), element by element. */
  autodiff: number[];
  finite: number[];
}

export interface Trace {
  nodes: GraphNode[];
  /** The node whose value is f. */
  output: number;
  value: number;
  checks: GradientCheck[];
}

/** Central differences of f in each element of the trainable inputs, in float64. */
function centralDifferences(name: ExpressionName, values: number[][], which: number, h = 1e-6): number[] {
  const spec = EXPRESSIONS[name];
  const at = (perturbed: number[][]) =>
    noGrad(() => scope(() => ENGINE_EXPRESSIONS[name](spec.inputs.map((inp, i) => tensor(perturbed[i], inp.shape))).item()));
  return values[which].map((_, k) => {
    const shifted = (d: number) => values.map((v, i) => (i === which ? v.map((x, j) => (j === k ? x + d : x)) : v));
    return (at(shifted(h)) - at(shifted(-h))) / (2 * h);
  });
}

export function traceExpression(name: ExpressionName, given: readonly number[]): Trace {
  const spec = EXPRESSIONS[name];
  if (!spec) throw new Error(`No expression "${name}"`);
  const values = inputValues(name, given);
  return withBackend(FLOAT64, () =>
    scope(() => {
      const leaves = spec.inputs.map((inp, i) => {
        const t = tensor(values[i], inp.shape);
        t.requiresGrad = inp.trainable;
        return t;
      });
      const tape = recordTape(() => ENGINE_EXPRESSIONS[name](leaves));
      const f = tape.result;
      const { order, adjoints } = backwardWithAdjoints(f);
      // Every tensor that leads to f, found by walking the recorded inputs.
      const tensors = new Map<number, Tensor>();
      const stack: Tensor[] = [f];
      while (stack.length) {
        const t = stack.pop()!;
        if (tensors.has(t.id)) continue;
        tensors.set(t.id, t);
        for (const x of t.node?.inputs ?? []) stack.push(x);
      }
      const entryOf = new Map(tape.entries.map((e, i) => [e.outputId, { entry: e, index: i }]));
      const settled = new Map(order.map((t, i) => [t.id, i]));
      const leafName = new Map(leaves.map((t, i) => [t.id, spec.inputs[i].name]));
      const nodes: GraphNode[] = [...tensors.values()]
        .sort((a, b) => a.id - b.id)
        .map((t) => {
          const recorded = entryOf.get(t.id);
          const name = leafName.get(t.id);
          const kind: GraphNode['kind'] = recorded ? 'op' : name !== undefined ? 'input' : 'constant';
          const value = Array.from(t.toFloat64Array());
          return {
            id: t.id,
            kind,
            label: recorded ? recorded.entry.op : (name ?? (value.length === 1 ? String(value[0]) : 'constant')),
            op: recorded ? recorded.entry.op : null,
            inputs: recorded ? recorded.entry.inputIds : [],
            shape: [...t.shape],
            value,
            adjoint: adjoints.has(t) ? Array.from(adjoints.get(t)!) : null,
            vjp: recorded ? recorded.entry.vjp : null,
            forward: recorded ? recorded.index : null,
            backward: settled.get(t.id) ?? null,
          };
        });
      const checks = spec.inputs.flatMap((inp, i) =>
        inp.trainable ? [{ name: inp.name, node: leaves[i].id, autodiff: Array.from(leaves[i].grad!.toFloat64Array()), finite: centralDifferences(name, values, i) }] : [],
      );
      return { nodes, output: f.id, value: f.item(), checks };
    }),
  );
}

/**
 * The Jacobian of x ↦ tanh(A x) with A a fixed random (m, n) matrix, built
 * both ways: the engine counts its passes (n forward, m reverse) and the two
 * Jacobians must agree.
 */
export function countPasses(n: number, m: number): { forward: number; reverse: number; disagreement: number } {
  return withBackend(FLOAT64, () =>
    scope(() => {
      const rng = new Rng(7);
      const A = tensor(Array.from({ length: m * n }, () => rng.normal() / Math.sqrt(n)), [m, n]);
      const x = tensor(Array.from({ length: n }, () => rng.normal()), [n, 1]);
      const f = (v: Tensor) => tanh(matmul(A, v));
      const fwd = jacobian(f, x, 'forward');
      const rev = jacobian(f, x, 'reverse');
      const a = fwd.jacobian.toFloat64Array();
      const b = rev.jacobian.toFloat64Array();
      let disagreement = 0;
      for (let i = 0; i < a.length; i++) disagreement = Math.max(disagreement, Math.abs(a[i] - b[i]));
      return { forward: fwd.passes, reverse: rev.passes, disagreement };
    }),
  );
}

export default defineQueryModel('graph-trace', {
  trace: ({ expression, values }: { expression: ExpressionName; values: readonly number[] }) => traceExpression(expression, values),
  passes: ({ n, m }: { n: number; m: number }) => countPasses(n, m),
});
