// Batched matrix product with optional transposes of either operand.

import { broadcastShapes, broadcastStrides, show } from '../shape';
import { record } from '../tape';
import { empty, type Tensor, zeros } from '../tensor';
import { tangentSum } from './binary';
import type { JvpTable, NoteTable, RuleTable } from './primitive';
import { sumTo } from './reduce';

export interface MatmulOptions {
  /** Use Aᵀ (of A's last two axes) instead of A. */
  transA?: boolean;
  /** Use Bᵀ (of B's last two axes) instead of B. */
  transB?: boolean;
}

export const matmulRules: RuleTable<'matmul'> = {
  // C = op(A)·op(B)  ⇒  dC = op(A)·d op(B) + d op(A)·op(B). Pulling g back:
  //   C = A B    : dA = g Bᵀ,   dB = Aᵀ g
  //   C = Aᵀ B   : dA = B gᵀ,   dB = A g
  //   C = A Bᵀ   : dA = g B,    dB = gᵀ A
  //   C = Aᵀ Bᵀ  : dA = Bᵀ gᵀ,  dB = gᵀ Aᵀ
  // Batch axes that were broadcast are summed back (sumTo).
  matmul: (g, { inputs: [a, b], params: { transA, transB }, wants }) => {
    let da: Tensor | null = null;
    let db: Tensor | null = null;
    if (wants[0]) {
      da = !transA
        ? matmul(g, b, { transB: !transB })
        : matmul(b, g, { transA: transB, transB: true });
      da = sumTo(da, a.shape);
    }
    if (wants[1]) {
      db = !transB
        ? matmul(a, g, { transA: !transA })
        : matmul(g, a, { transA: true, transB: transA });
      db = sumTo(db, b.shape);
    }
    return [da, db];
  },
};

// For the tape viewer: the rule's four cases (keyed transA, transB); dA
// reads B and dB reads A.
const matmulVjp = {
  '00': 'C = A·B: dA = G·Bᵀ, dB = Aᵀ·G',
  '10': 'C = Aᵀ·B: dA = B·Gᵀ, dB = A·G',
  '01': 'C = A·Bᵀ: dA = G·B, dB = Gᵀ·A',
  '11': 'C = Aᵀ·Bᵀ: dA = Bᵀ·Gᵀ, dB = Gᵀ·Aᵀ',
} as const;
export const matmulTapeNotes: NoteTable<'matmul'> = {
  matmul: {
    vjp: ({ transA, transB }) => matmulVjp[`${+transA}${+transB}` as keyof typeof matmulVjp],
    saves: ({ inputs: [a, b], wants }) => [wants[1] && a, wants[0] && b],
  },
};

export const matmulJvpRules: JvpTable<'matmul'> = {
  // Ċ = op(Ȧ)·op(B) + op(A)·op(Ḃ): the product rule, one matmul a term.
  matmul: ([da, db], { inputs: [a, b], output, params }) => tangentSum(output, da && matmul(da, b, params), db && matmul(a, db, params)),
};

/** op(A)·op(B) over the last two axes; leading (batch) axes broadcast.
 * Both operands need at least two axes (reshape a vector to 1×n). */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const transA = options.transA ?? false;
  const transB = options.transB ?? false;
  if (a.ndim < 2 || b.ndim < 2) throw new Error(`matmul needs ≥2-D operands, got ${show(a.shape)} and ${show(b.shape)}`);
  if (a.backend !== b.backend) throw new Error('matmul: operands on different backends');
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const [m, k] = transA ? [ac, ar] : [ar, ac];
  const [k2, n] = transB ? [bc, br] : [br, bc];
  if (k !== k2) throw new Error(`matmul: inner sizes differ: ${show(a.shape)}${transA ? 'ᵀ' : ''} · ${show(b.shape)}${transB ? 'ᵀ' : ''}`);
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batchShape = broadcastShapes(aBatch, bBatch);
  const out = empty([...batchShape, m, n], a.backend);
  a.backend.matmul(a.storage, b.storage, out.storage, {
    m,
    k,
    n,
    transA,
    transB,
    batchShape,
    aBatchStrides: broadcastStrides(aBatch, batchShape).map((s) => s * ar * ac),
    bBatchStrides: broadcastStrides(bBatch, batchShape).map((s) => s * br * bc),
  });
  return record(out, 'matmul', [a, b], { transA, transB }, matmulRules.matmul);
}
