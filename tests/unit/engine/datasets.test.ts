// Sequence tasks, first names and the tokenizer, generated shapes, the
// bigram baseline, next-token batches and the sampler.

import { describe, expect, it } from 'vitest';
import {
  allFirstNames, BigramModel, CharTokenizer, firstNames, generate, nextTokenBatch, Rng, sampleLogits, scope,
  SHAPE_CLASSES, shapeImages, softmaxCrossEntropy, solveSequenceTask, sequenceTask, tensor, Transformer,
} from '@/engine';

describe('sequence tasks', () => {
  it.each(['reverse', 'sort', 'copy'] as const)('%s: source, separator, answer; held-out sources are unseen', (kind) => {
    const task = sequenceTask(kind, { length: 5, alphabet: 6, train: 300, test: 100, seed: 3 });
    expect(task.vocabSize).toBe(7);
    expect(task.sequenceLength).toBe(10);
    const key = (s: Int32Array, i: number) => Array.from(s.slice(i * 5, i * 5 + 5)).join();
    const trainKeys = new Set(Array.from({ length: 300 }, (_, i) => key(task.train.sources, i)));
    expect(trainKeys.size).toBe(300);
    for (let i = 0; i < 100; i++) expect(trainKeys.has(key(task.test.sources, i))).toBe(false);
    const src = Array.from(task.test.sources.slice(0, 5));
    const answer = solveSequenceTask(kind, src);
    expect(Array.from(task.test.inputs.slice(0, 10))).toEqual([...src, 6, ...answer.slice(0, 4)]);
    expect(Array.from(task.test.targets.slice(0, 10))).toEqual([-1, -1, -1, -1, -1, ...answer]);
    expect(sequenceTask(kind, { length: 5, alphabet: 6, train: 300, test: 100, seed: 3 }).test.inputs).toEqual(task.test.inputs);
  });

  it('solves each task', () => {
    expect(solveSequenceTask('reverse', [3, 1, 2])).toEqual([2, 1, 3]);
    expect(solveSequenceTask('sort', [3, 1, 2])).toEqual([1, 2, 3]);
    expect(solveSequenceTask('copy', [3, 1, 2])).toEqual([3, 1, 2]);
  });
});

describe('first names', () => {
  it('has every distinct lower-case name once', () => {
    const names = allFirstNames();
    expect(names.length).toBe(8422);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^[a-z-]+$/.test(n))).toBe(true);
    expect(names).toContain('anne-marie');
  });

  it('splits them with a seed, and tokenizes with start and end tokens', () => {
    const a = firstNames({ seed: 1 });
    expect(a.validation.length).toBe(842);
    expect(a.train.length + a.validation.length).toBe(8422);
    expect(new Set([...a.train, ...a.validation]).size).toBe(8422);
    expect(firstNames({ seed: 1 }).validation).toEqual(a.validation);
    expect(firstNames({ seed: 2 }).validation).not.toEqual(a.validation);
    const tok = a.tokenizer;
    expect(tok.vocabSize).toBe(29); // <s>, </s>, '-', a–z
    const ids = tok.encode('ann-marie');
    expect(ids[0]).toBe(tok.startId);
    expect(ids.at(-1)).toBe(tok.endId);
    expect(ids.length).toBe(11);
    expect(tok.decode(ids)).toBe('ann-marie');
    expect(tok.decode([tok.startId, ...tok.encode('bo', { start: false }), ...tok.encode('zz')])).toBe('bo');
    expect(tok.token(tok.startId)).toBe(CharTokenizer.START);
    expect(() => tok.encode('Émile')).toThrow(/unknown character/);
  });

  it('nextTokenBatch pairs each input with the next token, padding targets with −1', () => {
    const tok = new CharTokenizer(['a', 'b']);
    const seqs = [tok.encode('ab'), tok.encode('b')];
    const batch = nextTokenBatch(seqs, [0, 1], 4, tok.endId);
    expect(Array.from(batch.inputs)).toEqual([0, 2, 3, 1, 0, 3, 1, 1]);
    expect(Array.from(batch.targets)).toEqual([2, 3, 1, -1, 3, 1, -1, -1]);
  });
});

describe('the bigram model', () => {
  it('estimates P(next | prev) with add-α smoothing; its loss is the mean NLL', () => {
    const seqs = [[0, 1, 2], [0, 1, 1]];
    const model = new BigramModel(3, seqs, 1);
    const p = (a: number, b: number) => Math.exp(model.logProbs[a * 3 + b]);
    expect(p(0, 1)).toBeCloseTo(3 / 5, 12);
    expect(p(0, 0) + p(0, 1) + p(0, 2)).toBeCloseTo(1, 12);
    const expected = -(Math.log(3 / 5) * 2 + Math.log(2 / 5) * 2) / 4;
    expect(model.loss(seqs)).toBeCloseTo(expected, 12);
  });

  it('softmaxCrossEntropy with ignoreIndex averages over the counted rows only', () => {
    scope(() => {
      const logits = tensor([[0, Math.log(3)], [5, 1], [1, 1]]);
      const loss = softmaxCrossEntropy(logits, [1, -1, 0], { ignoreIndex: -1 }).item();
      expect(loss).toBeCloseTo((Math.log(4 / 3) + Math.log(2)) / 2, 6);
    });
  });
});

describe('shape images', () => {
  it('balanced classes, NHWC 16×16×1, ink near 1 on background near 0, seeded', () => {
    const d = shapeImages({ n: 80, seed: 4 });
    expect(d.x.length).toBe(80 * 16 * 16);
    expect(d.labels).toEqual(SHAPE_CLASSES);
    expect([0, 1, 2, 3].map((c) => d.y.filter((y) => y === c).length)).toEqual([20, 20, 20, 20]);
    const clean = shapeImages({ n: 4, noise: 0, seed: 4 });
    for (let i = 0; i < 4; i++) {
      const img = clean.x.slice(i * 256, (i + 1) * 256);
      const inked = img.filter((v) => v > 0.5).length;
      expect(inked, clean.labels[clean.y[i]]).toBeGreaterThan(10);
      expect(inked).toBeLessThan(128);
      expect(Math.min(...img)).toBe(0);
    }
    expect(shapeImages({ n: 80, seed: 4 }).x).toEqual(d.x);
    expect(shapeImages({ n: 2, size: 24, seed: 1 }).x.length).toBe(2 * 24 * 24);
  });
});

describe('sampling', () => {
  const logits = [1, 3, 0.5, 2.5];

  it('temperature 0 and top-1 pick the largest logit', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 20; i++) {
      expect(sampleLogits(logits, { temperature: 0, rng })).toBe(1);
      expect(sampleLogits(logits, { topK: 1, temperature: 5, rng })).toBe(1);
    }
  });

  it('draws in proportion to softmax(logits/T), never outside the top k', () => {
    const rng = new Rng(2);
    const counts = [0, 0, 0, 0];
    const n = 20000;
    for (let i = 0; i < n; i++) counts[sampleLogits(logits, { rng, temperature: 2 })]++;
    const z = logits.map((l) => Math.exp(l / 2));
    const total = z.reduce((a, b) => a + b);
    counts.forEach((c, i) => expect(c / n).toBeCloseTo(z[i] / total, 1));
    const top2 = new Set(Array.from({ length: 500 }, () => sampleLogits(logits, { rng, topK: 2 })));
    expect([...top2].sort()).toEqual([1, 3]);
  });

  it('generate stops at the stop token and feeds at most `context` tokens', () => {
    const model = new Transformer({ vocabSize: 5, context: 3, dModel: 8, heads: 2, layers: 1, rng: new Rng(3) });
    const out = generate(model, [0, 1, 2, 3, 4], { maxNewTokens: 6, rng: new Rng(4) });
    expect(out.length).toBe(6);
    const stopped = generate(model, [0], { maxNewTokens: 50, rng: new Rng(5), stopToken: 2 });
    expect(stopped.at(-1) === 2 || stopped.length === 50).toBe(true);
    expect(stopped.slice(0, -1)).not.toContain(2);
    model.dispose();
  });
});
