/**
 * Every wasm kernel against the JS reference, on random data and awkward
 * sizes (1, 3, 7, 33, 129: not multiples of the 4-lane SIMD width or of the
 * 4×8 matmul block), for both builds. Tolerance: float32 kernels against a
 * reference that accumulates in doubles, so |Δ| ≤ 1e-5·(1 + |ref|)·√k for
 * sums over k terms, and 2e-6·(1 + |ref|) for elementwise results.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { JsBackend, type Backend, type WasmBackend } from '@/engine';
import type { BinaryKernel, MatmulSpec, UnaryKernel } from '@/engine/backend/backend';
import { flavoursHere, wasmBackend } from './wasm-files';
import { expectClose, randomValues, runKernel } from './compare';

const SIZES = [1, 3, 7, 33, 129];



function put(backend: Backend, values: Float32Array) {
  const s = backend.alloc(values.length);
  backend.write(s, values);
  return s;
}


const flavours = flavoursHere();

it('both builds validate in the test workers (relaxed needs --experimental-wasm-relaxed-simd)', () => {
  expect(flavours).toEqual(['relaxed', 'simd']);
});

describe.each(flavours)('%s build', (flavour) => {
  let wasm: WasmBackend;
  const js = new JsBackend();
  beforeAll(async () => {
    wasm = await wasmBackend(flavour);
  });

  /** Runs the same kernel call on both backends and compares the output storage. */
  function both(inputs: Float32Array[], outLength: number, call: (b: Backend, ins: ReturnType<Backend['alloc']>[], out: ReturnType<Backend['alloc']>) => void) {
    return { ref: runKernel(js, inputs, outLength, call), got: runKernel(wasm, inputs, outLength, call) };
  }

  it.each(SIZES.flatMap((m) => SIZES.map((n) => [m, n])))('matmul %i×k·k×%i, every transpose', (m, n) => {
    for (const k of [1, 7, 33]) {
      for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
        const spec: MatmulSpec = { m, k, n, transA, transB, batchShape: [], aBatchStrides: [], bBatchStrides: [] };
        const { ref, got } = both([randomValues(m * k, m + k), randomValues(k * n, n * k + 1)], m * n, (b, [a, bb], out) => b.matmul(a, bb, out, spec));
        expectClose(got, ref, 1e-5 * Math.sqrt(k), `matmul ${m}×${k}×${n} tA=${transA} tB=${transB}`);
      }
    }
  });

  // Sizes whose B is large enough for the cache-blocked kernel, with k and n
  // crossing the 256-wide block edges and ragged rows and columns.
  it.each([
    [37, 300, 530],
    [18, 513, 263],
  ])('cache-blocked matmul %i×%i·%i×…, every transpose', (m, k, n) => {
    expect(wasm.kernels.matmulScratchBytes(m, k, n)).toBeGreaterThan(0);
    for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const spec: MatmulSpec = { m, k, n, transA, transB, batchShape: [], aBatchStrides: [], bBatchStrides: [] };
      const { ref, got } = both([randomValues(m * k, m), randomValues(k * n, n)], m * n, (b, [a, bb], out) => b.matmul(a, bb, out, spec));
      expectClose(got, ref, 1e-5 * Math.sqrt(k), `matmul ${m}×${k}×${n} tA=${transA} tB=${transB}`);
    }
  });

  it('batched matmul with a broadcast batch', () => {
    const [m, k, n] = [7, 5, 9];
    // A has batch shape [3], B is shared by every batch (stride 0).
    const spec: MatmulSpec = { m, k, n, transA: false, transB: true, batchShape: [3], aBatchStrides: [m * k], bBatchStrides: [0] };
    const { ref, got } = both([randomValues(3 * m * k, 1), randomValues(n * k, 2)], 3 * m * n, (b, [a, bb], out) => b.matmul(a, bb, out, spec));
    expectClose(got, ref, 1e-5 * Math.sqrt(k), 'batched matmul');
  });

  const unaryOps: UnaryKernel[] = ['neg', 'abs', 'sqrt', 'relu', 'exp', 'log', 'tanh', 'sigmoid', 'identity', 'erf', 'sin', 'gelu', 'geluTanh', 'geluTanhDerivative'];
  it.each(unaryOps)('unary %s', (op) => {
    for (const n of SIZES) {
      const positive = op === 'sqrt' || op === 'log';
      const values = randomValues(n, n + 3, positive ? 0.01 : -5, positive ? 10 : 5);
      if (n > 3 && !positive) values[2] = Number.NaN;
      const { ref, got } = both([values], n, (b, [x], out) => b.unary(op, x, out, n));
      expectClose(got, ref, 2e-6, `${op} n=${n}`);
    }
  });

  // The SIMD exp and tanh (engine/wasm/assembly/simd.ts) over their whole
  // range, at the edges of the float range, and near 0 (where tanh must
  // keep its relative accuracy).
  // GELU's left tail is ½x(1 + tanh u) with tanh u → −1: float32 cancels
  // there, so it gets an absolute allowance as well.
  it.each([
    ['exp', -87, 88.7, 3e-7, 0],
    ['exp', -1, 1, 3e-7, 0],
    ['tanh', -10, 10, 6e-7, 0],
    ['tanh', -0.3, 0.3, 3e-7, 0],
    ['sigmoid', -30, 30, 3e-7, 0],
    ['geluTanh', -6, 6, 1e-6, 1e-7],
  ] as const)('%s on [%d, %d]: error ≤ %d relative + %d', (op, lo, hi, rel, abs) => {
    const n = 4001;
    const xs = Float32Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
    const { ref, got } = both([xs], n, (b, [x], out) => b.unary(op, x, out, n));
    for (let i = 0; i < n; i++) {
      if (!(Math.abs(got[i] - ref[i]) <= rel * Math.abs(ref[i]) + abs + 1e-30)) expect.fail(`${op}(${xs[i]}) = ${got[i]}, reference ${ref[i]}`);
    }
  });

  it('exp, tanh, sigmoid and GELU at ±∞, NaN and beyond the float range', () => {
    const edges = Float32Array.from([-Infinity, Infinity, NaN, -200, -90, 89, 200, 0, -0, 1e-8, -1e-8]);
    for (const op of ['exp', 'tanh', 'sigmoid', 'geluTanh', 'geluTanhDerivative'] as const) {
      const { ref, got } = both([edges], edges.length, (b, [x], out) => b.unary(op, x, out, edges.length));
      expectClose(got, ref, 2e-6, op);
    }
  });

  /** Rows with −∞ (masked) entries, huge magnitudes and an ordinary spread. */
  function rowValues(rows: number, cols: number, seed: number): Float32Array {
    const v = randomValues(rows * cols, seed, -4, 4);
    for (let r = 0; r < rows; r++) {
      if (r % 3 === 1 && cols > 1) v[r * cols] = -Infinity;
      if (r % 3 === 2) v[r * cols + cols - 1] += 1000;
    }
    return v;
  }

  it.each(SIZES.flatMap((rows) => SIZES.map((cols) => [rows, cols])))('row softmax, log-softmax, logsumexp and their gradients, %i rows × %i', (rows, cols) => {
    const x = rowValues(rows, cols, rows * 7 + cols);
    const g = randomValues(rows * cols, rows + cols);
    for (const op of ['softmax', 'logSoftmax', 'logsumexp'] as const) {
      const outLength = op === 'logsumexp' ? rows : rows * cols;
      const { ref, got } = both([x], outLength, (b, [xs], out) => b.rowSoftmax(op, xs, out, rows, cols));
      expectClose(got, ref, 2e-6, `${op} forward`);
      const dx = both([x, new Float32Array(ref), g.subarray(0, outLength)], rows * cols, (b, [xs, ys, gs], out) => b.rowSoftmaxGrad(op, xs, ys, gs, out, rows, cols));
      expectClose(dx.got, dx.ref, 2e-6 * Math.sqrt(cols), `${op} backward`);
    }
  });

  // One logit far above the rest: its log-probability is −Σ exp(zⱼ − m),
  // tiny but not 0, and cross-entropy reads it. Relative error here, where
  // the absolute tolerance above could not tell 2e-9 from 0. Also rows with
  // tied maxima and a large offset (x − m must be taken before − log Σ).
  it.each([3, 7, 33, 129])('log-softmax keeps the digits of log-probabilities near 0, %i columns', (cols) => {
    const margins = [16, 20, 25, 30];
    const rows: number[][] = margins.map((d, r) => Array.from({ length: cols }, (_, j) => (j === r % cols ? 40 : 40 - d - (j % 3))));
    rows.push(Array.from({ length: cols }, (_, j) => (j < 2 ? 1000 : 980 - j)));
    const x = Float32Array.from(rows.flat());
    const { ref, got } = both([x], x.length, (b, [xs], out) => b.rowSoftmax('logSoftmax', xs, out, rows.length, cols));
    for (let r = 0; r < rows.length; r++) {
      const top = r < margins.length ? r * cols + (r % cols) : r * cols;
      expect(ref[top]).toBeLessThan(0);
      expect(Math.abs(got[top] - ref[top]), `row ${r}: ${got[top]} vs ${ref[top]}`).toBeLessThanOrEqual(1e-5 * Math.abs(ref[top]));
    }
    expectClose(got, ref, 2e-6, 'log-softmax, confident rows');
  });

  it.each(SIZES.flatMap((rows) => SIZES.map((cols) => [rows, cols])))('layer norm and its gradient, %i rows × %i', (rows, cols) => {
    const x = randomValues(rows * cols, rows * 3 + cols, -3, 5);
    const [w, bias, g] = [randomValues(cols, 1), randomValues(cols, 2), randomValues(rows * cols, 3)];
    const y = both([x, w, bias], rows * cols, (b, [xs, ws, bs], out) => b.layerNorm(xs, ws, bs, out, rows, cols, 1e-5));
    expectClose(y.got, y.ref, 1e-5, 'layer norm forward');
    // dx, dw and db side by side in one output: [dx | dw | db].
    const grads = both([x, w, g], rows * cols + 2 * cols, (b, [xs, ws, gs], out) => {
      const [dx, dw, db] = [b.alloc(rows * cols), b.alloc(cols), b.alloc(cols)];
      b.layerNormGrad(xs, ws, gs, dx, dw, db, rows, cols, 1e-5);
      b.copyStrided(dx, 0, [1], out, 0, [1], [rows * cols]);
      b.copyStrided(dw, 0, [1], out, rows * cols, [1], [cols]);
      b.copyStrided(db, 0, [1], out, rows * cols + cols, [1], [cols]);
      for (const s of [dx, dw, db]) b.free(s);
    });
    expectClose(grads.got, grads.ref, 1e-5 * Math.sqrt(Math.max(rows, cols)), 'layer norm backward');
  });

  const binaryOps: BinaryKernel[] = ['add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'pow', 'greater', 'greaterEqual', 'less', 'lessEqual', 'equal', 'notEqual'];
  const layouts: { name: string; shape: number[]; a: [number[], number]; b: [number[], number] }[] = [
    { name: 'same shape', shape: [33, 7], a: [[7, 1], 231], b: [[7, 1], 231] },
    { name: 'row broadcast (bias)', shape: [33, 7], a: [[7, 1], 231], b: [[0, 1], 7] },
    { name: 'column broadcast', shape: [33, 7], a: [[1, 0], 33], b: [[7, 1], 231] },
    { name: 'scalar', shape: [129], a: [[1], 129], b: [[0], 1] },
    { name: '3-d with a middle broadcast', shape: [3, 5, 7], a: [[35, 7, 1], 105], b: [[7, 0, 1], 21] },
    { name: 'a block repeated over leading axes (attention mask)', shape: [3, 2, 5, 7], a: [[70, 35, 7, 1], 210], b: [[0, 0, 7, 1], 35] },
    { name: 'a column repeated over a leading axis', shape: [3, 5, 7], a: [[35, 7, 1], 105], b: [[0, 1, 0], 5] },
  ];
  it.each(binaryOps)('binary %s in every layout', (op) => {
    for (const layout of layouts) {
      const size = layout.shape.reduce((p, d) => p * d, 1);
      const lo = op === 'pow' ? 0.1 : -3;
      // Comparisons see whole numbers (so ties occur) and a NaN on each side.
      const comparison = !['add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'pow'].includes(op);
      const values = (n: number, seed: number) => {
        const v = randomValues(n, seed, lo, 3);
        if (!comparison) return v;
        const whole = v.map(Math.round);
        if (n > 2) whole[seed % 3] = NaN;
        return whole;
      };
      const { ref, got } = both([values(layout.a[1], 5), values(layout.b[1], 6)], size, (b, [x, y], out) =>
        b.binary(op, x, layout.a[0], y, layout.b[0], out, layout.shape),
      );
      expectClose(got, ref, 2e-6, `${op} ${layout.name}`);
    }
  });

  it('where in every layout, with a NaN condition (true, as ≠ 0)', () => {
    for (const layout of layouts) {
      const size = layout.shape.reduce((p, d) => p * d, 1);
      const cond = Float32Array.from(randomValues(layout.b[1], 7), (v, i) => (i === 1 ? NaN : v > 0 ? 1 : 0));
      const { ref, got } = both([cond, randomValues(layout.a[1], 5), randomValues(layout.b[1], 6)], size, (b, [c, x, y], out) =>
        b.where(c, layout.b[0], x, layout.a[0], y, layout.b[0], out, layout.shape),
      );
      expectClose(got, ref, 0, `where ${layout.name}`);
    }
  });

  it('reductions over leading, trailing, middle and scattered axes', () => {
    const shape = [7, 33, 3];
    const values = randomValues(7 * 33 * 3, 9);
    for (const op of ['sum', 'max'] as const) {
      for (const axes of [[0], [1], [2], [0, 1], [1, 2], [0, 2], [0, 1, 2], []]) {
        const outLength = shape.filter((_, d) => !axes.includes(d)).reduce((p, d) => p * d, 1);
        const { ref, got } = both([values], outLength, (b, [x], out) => b.reduce(op, x, shape, axes, out));
        expectClose(got, ref, 1e-5 * Math.sqrt(231), `${op} over [${axes}]`);
      }
    }
  });

  it('fused SGD (plain, momentum, Nesterov, L2) and Adam/AdamW updates', () => {
    for (const n of SIZES) {
      for (const hyper of [
        { lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, firstStep: false },
        { lr: 0.1, momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0.01, firstStep: true },
        { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: false, weightDecay: 0, firstStep: false },
        { lr: 0.05, momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0.01, firstStep: false },
      ]) {
        const checkP = both([randomValues(n, 1), randomValues(n, 2), randomValues(n, 3)], n, (b, [p, g, v], out) => {
          b.sgdUpdate(p, g, hyper.momentum ? v : null, n, hyper);
          b.copyStrided(p, 0, [1], out, 0, [1], [n]);
        });
        expectClose(checkP.got, checkP.ref, 2e-6, `sgd ${JSON.stringify(hyper)} n=${n}`);
      }
      for (const decoupled of [false, true]) {
        const hyper = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, decoupled, step: 3 };
        const positive = randomValues(n, 4, 0, 1);
        const { ref, got } = both([randomValues(n, 1), randomValues(n, 2), randomValues(n, 3), positive], n, (b, [p, g, m, v], out) => {
          b.adamUpdate(p, g, m, v, n, hyper);
          b.copyStrided(p, 0, [1], out, 0, [1], [n]);
        });
        expectClose(got, ref, 2e-6, `adam decoupled=${decoupled} n=${n}`);
      }
    }
  });

  it('fill and the inherited kernels (copyStrided, where) work on wasm memory', () => {
    const { ref, got } = both([randomValues(33 * 7, 1)], 7 * 33, (b, [x], out) => b.copyStrided(x, 0, [1, 7], out, 0, [33, 1], [7, 33]));
    expectClose(got, ref, 0, 'transpose via copyStrided');
    const filled = both([], 129, (b, _, out) => b.fill(out, 2.5));
    expectClose(filled.got, filled.ref, 0, 'fill');
  });

  it('keeps views valid across memory growth and returns every byte it lends', () => {
    const before = wasm.bytesInUse();
    const small = put(wasm, randomValues(5, 1));
    const pages = wasm.kernels.memory.buffer.byteLength;
    const big = wasm.alloc(4 * 1024 * 1024); // 16 MiB: the memory must grow
    expect(wasm.kernels.memory.buffer.byteLength).toBeGreaterThan(pages);
    expectClose(wasm.read(small), randomValues(5, 1), 0, 'data survives growth');
    wasm.free(big);
    wasm.free(small);
    expect(wasm.bytesInUse()).toBe(before);
    expect(() => wasm.read(small)).toThrow(/after free/);
  });
});
