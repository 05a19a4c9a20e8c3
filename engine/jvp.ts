// Forward mode: Jacobian-vector products in one pass that carries tangents.
//
// jvp(f, x, ẋ) runs f once. Every primitive applied hands its output to the
// trace below (tape.ts: record()), which computes the output's tangent
// ẏ = Σᵢ ∂y/∂xᵢ·ẋᵢ right away from its inputs' tangents by the primitive's
// tangent rule (ops/index.ts: jvpRules). Nothing is kept for later: a
// tangent is needed only until the ops that read its tensor have run, so
// jvp frees every intermediate (and its tangent) when f returns.
// Composites (softmax, attention, losses …) have no tangent code: their
// primitives carry the tangents through.
//
// One jvp gives one column of the Jacobian, J·v; one backward gives one row,
// uᵀ·J. So for f: Rⁿ → Rᵐ the whole Jacobian takes n forward passes or m
// reverse ones (jacobian() below counts them): forward mode wins for few
// inputs and many outputs, reverse mode for a scalar loss of many weights.

import { jvpRules } from './ops';
import { detach } from './ops/unary';
import { PIECEWISE_CONSTANT, type Primitive, type PrimitiveParams } from './ops/primitive';
import { sameShape, show, sizeOf } from './shape';
import { backward, noGrad, scope, type TangentTrace, withTangentTrace } from './tape';
import { type Tensor, tensor, zerosLike } from './tensor';

/** Tangents by tensor, for the length of one jvp() call. */
class Tangents implements TangentTrace {
  readonly of = new Map<Tensor, Tensor>();

  push<P extends Primitive>(output: Tensor, primitive: P, inputs: readonly Tensor[], params: PrimitiveParams[P]): void {
    const tangents = inputs.map((x) => this.of.get(x) ?? null);
    if (tangents.every((t) => t === null)) return;
    const rule = jvpRules[primitive];
    if (rule === PIECEWISE_CONSTANT) return;
    const wants = tangents.map((t) => t !== null);
    const tangent = noGrad(() => rule(tangents, { inputs, output, params, wants }));
    if (!tangent) return;
    if (!sameShape(tangent.shape, output.shape)) {
      throw new Error(`tangent rule of ${primitive} gave shape ${show(tangent.shape)} for an output of ${show(output.shape)}`);
    }
    this.of.set(output, tangent);
  }

  tangentOf(t: Tensor): Tensor | undefined {
    return this.of.get(t);
  }
}

export interface JvpResult<R> {
  /** fn(...primals) */
  outputs: R;
  /** J·tangents, in the same structure as outputs (zeros where an output
   * does not depend on the primals). */
  tangents: R;
}

/** Runs fn(...primals) once, carrying `tangents` (one per primal, same
 * shapes) forward, and returns the outputs with their tangents J·v. fn may
 * return a tensor or an array of tensors. Tensors fn closes over have zero
 * tangent. Intermediates are freed when fn returns; outputs and tangents pass
 * to the enclosing scope. Tangents are not themselves differentiable
 * (backward() does not see them), and backward() inside fn carries none. */
export function jvp<R extends Tensor | readonly Tensor[]>(fn: (...primals: Tensor[]) => R, primals: readonly Tensor[], tangents: readonly Tensor[]): JvpResult<R> {
  if (primals.length !== tangents.length) throw new Error(`jvp: ${primals.length} primals but ${tangents.length} tangents`);
  primals.forEach((x, i) => {
    const t = tangents[i];
    if (!sameShape(x.shape, t.shape)) throw new Error(`jvp: tangent ${i} has shape ${show(t.shape)}, its primal ${show(x.shape)}`);
    if (x.backend !== t.backend) throw new Error(`jvp: tangent ${i} is on another backend than its primal`);
  });
  return scope(() => {
    const trace = new Tangents();
    primals.forEach((x, i) => trace.of.set(x, tangents[i]));
    const outputs = withTangentTrace(trace, () => fn(...primals));
    const tangentOf = (y: Tensor) => trace.of.get(y) ?? zerosLike(y);
    const outputTangents = Array.isArray(outputs) ? outputs.map(tangentOf) : tangentOf(outputs as Tensor);
    return { outputs, tangents: outputTangents as R };
  });
}

export type JacobianMode = 'forward' | 'reverse';

export interface JacobianResult {
  /** ∂fᵢ/∂xⱼ, shaped [...f(x).shape, ...x.shape]. */
  jacobian: Tensor;
  /** Passes it took: n JVPs (forward, one column each) or m VJPs (reverse,
   * one row each, after a single recorded forward pass). */
  passes: number;
}

/** The Jacobian of fn at x, column by column (forward mode: one jvp() along
 * each input direction eⱼ) or row by row (reverse mode: one backward()
 * seeded with each output direction eᵢ). Both give the same matrix; the
 * pass count is what differs. In reverse mode, parameters fn closes over
 * accumulate gradients too, as in any backward(). */
export function jacobian(fn: (x: Tensor) => Tensor, x: Tensor, mode: JacobianMode): JacobianResult {
  const n = x.size;
  const unit = (like: { shape: readonly number[] }, i: number) => {
    const values = new Float64Array(sizeOf(like.shape));
    values[i] = 1;
    return tensor(values, like.shape, x.backend);
  };
  let outShape: readonly number[] = [];
  let entries = new Float64Array(0);
  let passes = 0;
  if (mode === 'forward') {
    for (let j = 0; j < n; j++) {
      scope(() => {
        const { outputs: y, tangents: column } = jvp(fn, [x], [unit(x, j)]);
        if (j === 0) [outShape, entries] = [y.shape, new Float64Array(y.size * n)];
        column.toFloat64Array().forEach((v, i) => (entries[i * n + j] = v));
      });
      passes++;
    }
  } else {
    scope(() => {
      const leaf = detach(x);
      leaf.requiresGrad = true;
      const y = fn(leaf);
      [outShape, entries] = [y.shape, new Float64Array(y.size * n)];
      if (!y.requiresGrad) return; // f does not depend on x: J = 0
      for (let i = 0; i < y.size; i++) {
        backward(y, unit(y, i));
        passes++;
        if (!leaf.grad) continue; // this output does not depend on x
        entries.set(leaf.grad.toFloat64Array(), i * n);
        leaf.grad.dispose();
        leaf.grad = null;
      }
    });
  }
  return { jacobian: tensor(entries, [...outShape, ...x.shape], x.backend), passes };
}
