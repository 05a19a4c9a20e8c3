// Properties of attention: weights are distributions, the causal mask hides
// the future, and without positions attention is permutation-equivariant.

import { describe, expect, it } from 'vitest';
import {
  causalMask, gather, MultiHeadAttention, noGrad, Rng, scaledDotProductAttention, scope, tensor, Transformer,
  TransformerBlock, type Tensor,
} from '@/engine';

const randomTensor = (shape: number[], seed: number) => {
  const rng = new Rng(seed);
  return tensor(Array.from({ length: shape.reduce((a, b) => a * b) }, () => rng.normal()), shape);
};

/** Rows of the last axis of [..., T, T] weights. */
function rows(w: Tensor): number[][] {
  const t = w.shape[w.ndim - 1];
  const v = Array.from(w.toArray());
  return Array.from({ length: v.length / t }, (_, r) => v.slice(r * t, (r + 1) * t));
}

/** x [B, T, D] with its time steps reordered: out[:, i] = x[:, perm[i]]. */
const permuteTime = (x: Tensor, perm: number[]) => gather(x, perm, 1);

describe('scaled dot-product attention', () => {
  it('each row of the weights sums to 1', () => {
    scope(() => {
      const q = randomTensor([2, 3, 5, 4], 1);
      const k = randomTensor([2, 3, 7, 4], 2);
      const v = randomTensor([2, 3, 7, 6], 3);
      const { output, weights } = scaledDotProductAttention(q, k, v);
      expect(output.shape).toEqual([2, 3, 5, 6]);
      expect(weights.shape).toEqual([2, 3, 5, 7]);
      for (const row of rows(weights)) expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    });
  });

  it('with the causal mask, no position attends to a later one', () => {
    scope(() => {
      const x = randomTensor([2, 6, 4], 4);
      const { weights } = scaledDotProductAttention(x, x, x, { causal: true });
      rows(weights).forEach((row, r) => {
        const i = r % 6;
        expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
        row.forEach((w, j) => (j > i ? expect(w).toBe(0) : expect(w).toBeGreaterThan(0)));
      });
    });
  });

  it('causalMask aligns the last query with the last key', () => {
    scope(() => {
      expect(Array.from(causalMask(2, 4).toArray())).toEqual([1, 1, 1, 0, 1, 1, 1, 1]);
    });
  });

  it('equals softmax(q·kᵀ/√d)·v on a hand example', () => {
    scope(() => {
      // one query that matches the second key: scores [0, 2]/√2
      const { output, weights } = scaledDotProductAttention(tensor([[1, 1]]), tensor([[1, -1], [1, 1]]), tensor([[10, 0], [0, 10]]));
      const p = 1 / (1 + Math.exp(-2 / Math.SQRT2));
      expect(weights.toArray()[1]).toBeCloseTo(p, 6);
      expect(Array.from(output.toArray())).toEqual([expect.closeTo(10 * (1 - p), 5), expect.closeTo(10 * p, 5)]);
    });
  });
});

describe('multi-head attention and transformer blocks', () => {
  const perm = [3, 0, 4, 1, 2];

  it('permuting the tokens permutes multi-head attention’s output the same way', () => {
    const mha = new MultiHeadAttention({ dModel: 8, heads: 2, rng: new Rng(5) });
    scope(() => {
      const x = randomTensor([2, 5, 8], 6);
      const { output, weights } = mha.forward(x);
      expect(weights.shape).toEqual([2, 2, 5, 5]);
      const permuted = mha.forward(permuteTime(x, perm)).output;
      const expected = permuteTime(output, perm).toArray();
      permuted.toArray().forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    });
    mha.dispose();
  });

  it('so does a whole transformer block without a causal mask', () => {
    const block = new TransformerBlock({ dModel: 8, heads: 4, rng: new Rng(7) });
    scope(() => {
      const x = randomTensor([1, 5, 8], 8);
      const expected = permuteTime(block.forward(x, { causal: false }).output, perm).toArray();
      block.forward(permuteTime(x, perm), { causal: false }).output.toArray().forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    });
    block.dispose();
  });

  it('a decoder’s output at position t does not depend on tokens after t', () => {
    const model = new Transformer({ vocabSize: 7, context: 8, dModel: 8, heads: 2, layers: 2, rng: new Rng(9) });
    noGrad(() =>
      scope(() => {
        const a = model.forward([1, 2, 3, 4, 5, 6]).toArray();
        const b = model.forward([1, 2, 3, 0, 0, 0]).toArray();
        const differs = (t: number) => a.slice(t * 7, t * 7 + 7).some((v, j) => v !== b[t * 7 + j]);
        expect([0, 1, 2, 3, 4, 5].map(differs)).toEqual([false, false, false, true, true, true]);
      }),
    );
    model.dispose();
  });

  it('without the causal mask, position t sees the tokens after it, and its weights there are not 0', () => {
    const model = new Transformer({ vocabSize: 7, context: 8, dModel: 8, heads: 2, layers: 2, rng: new Rng(9), causal: false });
    noGrad(() =>
      scope(() => {
        const a = model.forward([1, 2, 3, 4, 5, 6]).toArray();
        const b = model.forward([1, 2, 3, 0, 0, 0]).toArray();
        // Every position's output changes when later tokens change: nothing hides the future.
        expect([0, 1, 2, 3, 4, 5].map((t) => a.slice(t * 7, t * 7 + 7).some((v, j) => v !== b[t * 7 + j]))).toEqual([true, true, true, true, true, true]);
      }),
    );
    const [first] = model.attentionMaps([0, 3, 5, 2]);
    expect(first[0][1]).toBeGreaterThan(0); // row 0 attends to position 1
    model.dispose();
  });

  it("with positional 'none' and no mask, reordering the tokens reorders the outputs: attention alone is equivariant", () => {
    const tokens = [1, 4, 2, 6, 3];
    const perm = [3, 0, 4, 1, 2];
    const run = (positional: 'none' | 'learned') => {
      const model = new Transformer({ vocabSize: 7, context: 8, dModel: 8, heads: 2, layers: 2, rng: new Rng(12), positional, causal: false });
      const out = noGrad(() =>
        scope(() => {
          const a = model.forward(tokens).toArray();
          const b = model.forward(perm.map((p) => tokens[p])).toArray();
          // Output row i of the reordered input should be output row perm[i] of the original.
          return perm.map((p, i) => Math.max(...Array.from({ length: 7 }, (_, j) => Math.abs(b[i * 7 + j] - a[p * 7 + j]))));
        }),
      );
      expect(model.namedParameters().some(([n]) => n.startsWith('positions'))).toBe(positional === 'learned');
      model.dispose();
      return Math.max(...out);
    };
    expect(run('none')).toBeLessThan(1e-5);
    expect(run('learned')).toBeGreaterThan(1e-3); // positions break the symmetry
  });

  it('a decoder returns every layer’s and head’s attention weights', () => {
    const model = new Transformer({ vocabSize: 7, context: 8, dModel: 8, heads: 2, layers: 3, rng: new Rng(10), positional: 'sinusoidal' });
    const maps = model.attentionMaps([0, 3, 5, 2]);
    expect(maps.length).toBe(3);
    for (const layer of maps) {
      expect(layer.length).toBe(2);
      for (const head of layer) {
        expect(head.length).toBe(16);
        for (let i = 0; i < 4; i++) {
          const row = Array.from(head.slice(i * 4, i * 4 + 4));
          expect(row.reduce((s, w) => s + w)).toBeCloseTo(1, 6);
          expect(row.slice(i + 1).every((w) => w === 0)).toBe(true);
        }
      }
    }
    scope(() => {
      const { logits, attention } = model.forward(tensor([[1, 2], [3, 4]]), { attention: true });
      expect(logits.shape).toEqual([2, 2, 7]);
      expect(attention.map((w) => w.shape)).toEqual([[2, 2, 2, 2], [2, 2, 2, 2], [2, 2, 2, 2]]);
    });
    expect(model.parameters().length).toBe(model.namedParameters().length);
    expect(model.namedParameters().map(([n]) => n)).toContain('blocks.2.attention.query.weight');
    expect(model.namedParameters().some(([n]) => n.startsWith('positions'))).toBe(false); // sinusoidal: no parameters
    model.dispose();
  });
});
