/**
 * Chapter 5's widgets compute what they show with the engine: graph-trace's
 * adjoints are the engine's backward() and agree with float64 central
 * differences on every expression of its menu; the tape viewer's byte
 * figures are the backend's own bytesInUse; the chapter's numbers are these.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backward, getBackend, JsBackend, scope, tensor, withBackend } from '@/engine';
import { EXPRESSIONS, EXPRESSION_NAMES, inputValues } from '@/components/widgets/graph-trace/expressions';
import graphModel, { countPasses, ENGINE_EXPRESSIONS, traceExpression } from '@/components/widgets/graph-trace/model';
import { layoutGraph, progressOf, revealed } from '@/components/widgets/graph-trace/draw';
import { stepSentence } from '@/components/widgets/graph-trace/painter';
import { tapeReport, type TapeConfig } from '@/components/widgets/tape-viewer/model';
import { playgroundState } from '@/components/widgets/tape-viewer/View';
import { openRun } from '../helpers/open-run';

const chapter = readFileSync(new URL('../../../content/05-autodiff.mdx', import.meta.url), 'utf8');

describe('graph-trace', () => {
  it('every expression: each trainable input’s adjoint is backward()’s gradient, and matches central differences in float64', () => {
    for (const name of EXPRESSION_NAMES) {
      const t = traceExpression(name, []);
      const spec = EXPRESSIONS[name];
      // backward() on its own, on fresh tensors.
      const direct = withBackend(new JsBackend({ dtype: 'float64' }), () =>
        scope(() => {
          const leaves = spec.inputs.map((inp, i) => {
            const x = tensor(inputValues(name, [])[i], inp.shape);
            x.requiresGrad = inp.trainable;
            return x;
          });
          backward(ENGINE_EXPRESSIONS[name](leaves));
          return leaves.filter((_, i) => spec.inputs[i].trainable).map((x) => Array.from(x.grad!.toFloat64Array()));
        }),
      );
      expect(t.checks.length, name).toBe(direct.length);
      t.checks.forEach((c, i) => {
        const node = t.nodes.find((n) => n.id === c.node)!;
        expect(node.adjoint, `${name} ${c.name}`).toEqual(direct[i]);
        expect(c.autodiff).toEqual(direct[i]);
        c.autodiff.forEach((g, k) => expect(Math.abs(g - c.finite[k]), `${name} ${c.name}[${k}]`).toBeLessThan(1e-8));
      });
      // The output's adjoint is the seed; data and constants get none.
      expect(t.nodes.find((n) => n.id === t.output)!.adjoint).toEqual([1]);
      for (const n of t.nodes) if (n.kind === 'constant') expect(n.adjoint).toBeNull();
    }
  });

  it('the trace expression is the chapter’s: its values and adjoints are the numbers the chapter prints', () => {
    const t = traceExpression('trace', []);
    const ops = t.nodes.filter((n) => n.kind === 'op').sort((a, b) => a.forward! - b.forward!);
    expect(ops.map((n) => n.op)).toEqual(['log', 'mul', 'sin', 'add', 'sub']);
    expect(ops.map((n) => n.value[0].toFixed(4))).toEqual(['0.6931', '10.0000', '-0.9589', '10.6931', '11.6521']);
    for (const v of ['0.6931', '-0.9589', '10.6931', '11.6521', '1.7163']) expect(chapter).toContain(v);
    const x1 = t.nodes.find((n) => n.label === 'x₁')!;
    const x2 = t.nodes.find((n) => n.label === 'x₂')!;
    expect(x1.adjoint![0]).toBe(5.5);
    expect(x2.adjoint![0].toFixed(4)).toBe('1.7163');
  });

  it('steps: forward over the ops, then backward over every value with an adjoint; the sentence says what each did', () => {
    const t = traceExpression('trace', []);
    const p = progressOf(t, 0);
    expect([p.forwardSteps, p.backwardSteps]).toEqual([5, 7]);
    expect(stepSentence(t, 3)).toBe('Forward, step 3 of 5: v₃ = sin(x₂) = −0.9589.');
    expect(stepSentence(t, 6)).toContain('the seed');
    expect(stepSentence(t, 12)).toMatch(/x̄₁ = 5\.5, passed back by 2 readers, added: v₁ \(ln: .*\); v₂ \(×: .*\)\./);
    const x1 = t.nodes.find((n) => n.label === 'x₁')!;
    expect(revealed(x1, 11, 5).adjoint).toBe(false);
    expect(revealed(x1, 12, 5).adjoint).toBe(true);
    // Laid out so that every op sits after all its inputs.
    for (const orientation of ['across', 'down'] as const) {
      const layout = layoutGraph(t, orientation);
      for (const n of t.nodes) {
        for (const i of n.inputs) {
          const [a, b] = [layout.placed.get(i)!, layout.placed.get(n.id)!];
          expect(orientation === 'across' ? a.x < b.x : a.y < b.y).toBe(true);
        }
      }
    }
  });

  it('counts passes as the engine does: n forward, m reverse, the same Jacobian', () => {
    expect(countPasses(5, 2)).toEqual({ forward: 5, reverse: 2, disagreement: expect.any(Number) });
    expect(countPasses(5, 2).disagreement).toBeLessThan(1e-14);
    const run = openRun(graphModel, {});
    expect(run.evaluate('passes', { n: 1, m: 7 })).toMatchObject({ forward: 1, reverse: 7 });
  });
});

describe('tape-viewer', () => {
  const base: TapeConfig = { dataset: 'spiral', classes: 2, widths: [32, 32, 32, 32, 32, 32], activation: 'tanh', loss: 'ce', batch: 100, seed: 1, checkpoint: 'none' };

  it('its byte figures are the backend’s: what a step keeps equals what bytesInUse grows by, and nothing is left behind', () => {
    const before = getBackend().bytesInUse();
    const r = tapeReport(base);
    expect(getBackend().bytesInUse()).toBe(before);
    // Read back: the rows' kept bytes plus the loss itself (one float32, where backward starts), measured after freeing the rest.
    expect(r.cost.heldBytes).toBe(r.rows.reduce((n, row) => n + row.savedBytes, 0) + 4);
    expect(r.cost.allocatedBytes).toBeGreaterThan(r.cost.heldBytes);
  });

  it('the chapter’s figures: 235 kB kept and 79.2 kB read; in pairs 43.2 kB and 40.8 kB, six layer forwards again, the same gradients', () => {
    const plain = tapeReport(base);
    const pairs = tapeReport({ ...base, checkpoint: 'pairs' });
    const each = tapeReport({ ...base, checkpoint: 'each' });
    expect([plain.cost.allocatedBytes, plain.cost.heldBytes]).toEqual([235212, 79208]);
    expect([pairs.cost.allocatedBytes, pairs.cost.heldBytes, pairs.cost.recomputed]).toEqual([43212, 40808, 6]);
    expect(pairs.gradientGap).toBe(0);
    // One layer a segment: kept falls, read back does not.
    expect(each.cost.heldBytes).toBe(plain.cost.heldBytes);
    expect(each.cost.allocatedBytes).toBeLessThan(plain.cost.allocatedBytes / 2);
    for (const figure of ['235 kB', '79.2 kB', '43.2 kB', '40.8 kB']) expect(chapter).toContain(figure);
  });

  it('opens the network of a pasted playground link, and says why when it cannot', () => {
    expect(playgroundState('https://x.org/chapters/mlp/?playground=v.1~ds.xor~w.4_4~act.relu~opt.sgd#playground')).toMatchObject({ dataset: 'xor', widths: [4, 4], activation: 'relu' });
    expect(playgroundState('/chapters/mlp/')).toMatch(/no playground state/);
  });
});
