import { describe, expect, it } from 'vitest';
import { add, backward, backwardWithAdjoints, JsBackend, log, mul, scope, sin, sub, tensor, withBackend } from '@/engine';

describe('backwardWithAdjoints', () => {
  it('reports every adjoint, intermediates included, root first, and agrees with backward()', () => {
    withBackend(new JsBackend({ dtype: 'float64' }), () =>
      scope(() => {
        // f(x₁, x₂) = ln x₁ + x₁x₂ − sin x₂ at (2, 5): x₁ and x₂ each fan out to two nodes.
        const x1 = tensor([2]);
        const x2 = tensor([5]);
        x1.requiresGrad = x2.requiresGrad = true;
        const v1 = log(x1);
        const v2 = mul(x1, x2);
        const v3 = sin(x2);
        const v4 = add(v1, v2);
        const f = sub(v4, v3);
        const { order, adjoints } = backwardWithAdjoints(f);
        expect(order[0]).toBe(f);
        expect(new Set(order)).toEqual(new Set([f, v4, v3, v2, v1, x1, x2]));
        // Each tensor is settled after every tensor computed from it.
        expect(order.indexOf(v4)).toBeLessThan(order.indexOf(v1));
        expect(order.indexOf(v2)).toBeLessThan(order.indexOf(x1));
        expect(adjoints.get(v3)![0]).toBe(-1);
        expect(adjoints.get(v2)![0]).toBe(1);
        // Adjoints add where a value fans out: x̄₁ = 1/x₁ + x₂, x̄₂ = x₁ − cos x₂.
        expect(adjoints.get(x1)![0]).toBeCloseTo(0.5 + 5, 14);
        expect(adjoints.get(x2)![0]).toBeCloseTo(2 - Math.cos(5), 14);
        expect(x1.grad!.item()).toBeCloseTo(5.5, 14);
        const viaBackward = (() => {
          const a = tensor([2]);
          const b = tensor([5]);
          a.requiresGrad = b.requiresGrad = true;
          backward(sub(add(log(a), mul(a, b)), sin(b)));
          return [a.grad!.item(), b.grad!.item()];
        })();
        expect([adjoints.get(x1)![0], adjoints.get(x2)![0]]).toEqual(viaBackward);
      }),
    );
  });

  it('refuses a root that depends on nothing trainable', () => {
    expect(() => backwardWithAdjoints(tensor([1]))).toThrow(/does not depend/);
  });
});
