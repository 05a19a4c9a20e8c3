// Chapter 7's lab on the wasm kernels the worker uses: names below the
// bigram, reversal learned with a head that reads the mirrored digit, what
// the mask and the positions change, the pasted-text checks, and the maps
// as the engine's attention weights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBackend, setBackend, type Backend } from '@/engine';
import { buildAttentionLab, type AttentionLabConfig } from '@/components/widgets/attention-lab/model';
import { corpusOf, probeTokens } from '@/components/widgets/attention-lab/corpus';
import { textLines, textProblem } from '@/components/widgets/attention-lab/text-check';
import { flavoursHere, wasmBackend } from '../engine-wasm/wasm-files';

const base: AttentionLabConfig = {
  task: 'names', text: '', length: 6, context: 16, layers: 2, heads: 4, width: 32, causal: true, positions: true,
  lr: 0.003, temperature: 1, topK: 0, probe: 'emma', batch: 16, maxSteps: 6000,
};

let previous: Backend;
beforeAll(async () => {
  previous = getBackend();
  setBackend(await wasmBackend(flavoursHere()[0]));
});
afterAll(() => setBackend(previous));

function train(config: Partial<AttentionLabConfig>, steps: number, seed = 1) {
  const run = buildAttentionLab({ ...base, ...config }, seed);
  for (let i = 0; i < steps; i++) run.step();
  const frame = run.snapshot();
  run.dispose();
  return frame;
}

describe('attention-lab', () => {
  it('on first names, the held-out loss goes below the bigram baseline within 200 steps', () => {
    const frame = train({}, 200);
    // Seed 1: 2.355 nats per character against the bigram's 2.441.
    expect(frame.bigramLoss!).toBeCloseTo(2.441, 2);
    expect(frame.heldOut.at(-1)!).toBeLessThan(frame.bigramLoss!);
    expect(frame.samples!.length).toBe(6);
    // The maps are the engine's attention weights: each row sums to 1, and nothing is above the diagonal.
    const maps = frame.maps!;
    expect(maps.labels).toEqual(['<s>', 'e', 'm', 'm', 'a']);
    const L = maps.length;
    for (let m = 0; m < maps.layers * maps.heads; m++) {
      for (let i = 0; i < L; i++) {
        const row = Array.from(maps.data.subarray(m * L * L + i * L, m * L * L + (i + 1) * L));
        expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
        expect(row.slice(i + 1).every((w) => w === 0)).toBe(true);
      }
    }
  });

  it('reverses held-out digits after 300 steps, with a head whose answer rows read the mirrored digit', () => {
    const frame = train({ task: 'reverse', batch: 32, probe: '314152' }, 300);
    expect(frame.heldOut.at(-1)!).toBeGreaterThanOrEqual(0.95);
    expect(frame.mirror!.weight).toBeGreaterThanOrEqual(0.5);
    expect(frame.maps!.labels).toEqual(['3', '1', '4', '1', '5', '2', '|', '2', '5', '1', '4', '1']);
    // Its own answer, written greedily from the digits and the separator alone.
    expect(frame.samples).toEqual(['2 5 1 4 1 3']);
  });

  it('without positions, reversal is learned later and worse (the mask alone leaks some order)', () => {
    const withPositions = train({ task: 'reverse', batch: 32 }, 300);
    const without = train({ task: 'reverse', batch: 32, positions: false }, 300);
    expect(without.heldOut.at(-1)!).toBeLessThan(withPositions.heldOut.at(-1)! - 0.1);
  });

  it('without the mask, training loss collapses by peeking while the loss as it generates is worse than the bigram', () => {
    const frame = train({ causal: false }, 200);
    expect(frame.trainLoss.at(-1)!).toBeLessThan(0.1);
    expect(frame.peeking!.at(-1)!).toBeLessThan(0.1);
    expect(frame.heldOut.at(-1)!).toBeGreaterThan(frame.bigramLoss!);
  });

  it('temperature and top-k change the samples, never the model: top-k 1 is greedy whatever T', () => {
    const run = buildAttentionLab(base, 3);
    for (let i = 0; i < 100; i++) run.step();
    const loss = run.snapshot().heldOut.at(-1);
    run.live.topK(1);
    run.live.temperature(2);
    const a = run.snapshot().samples!;
    run.live.temperature(0.5);
    const b = run.snapshot().samples!;
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(1); // greedy from <s>: the same line every time
    expect(run.snapshot().heldOut.at(-1)).toBe(loss);
    run.dispose();
  });

  it('a shorter context cuts every name, for the model and the bigram alike', () => {
    const corpus = corpusOf('names', { length: 6, text: '', context: 8 });
    if (corpus.kind !== 'lines') throw new Error('names are lines');
    expect(Math.max(...corpus.train.map((s) => s.length))).toBe(9);
    expect(probeTokens(corpus, 'emmanuelle').labels).toEqual(['<s>', 'e', 'm', 'm', 'a', 'n', 'u', 'e']);
    const run = buildAttentionLab({ ...base, context: 8, probe: 'emmanuelle' }, 1);
    run.step();
    expect(run.snapshot().maps!.length).toBe(8);
    run.dispose();
  });

  it('checks pasted text before training on it', () => {
    expect(textProblem('')).toMatch(/empty/);
    expect(textProblem('   \n ')).toMatch(/empty/);
    expect(textProblem('aaaa aaaa\naaaa')).toMatch(/one distinct character/);
    expect(textProblem('ab\u0000cd')).toMatch(/binary/);
    expect(textProblem('\u0001\u0002\u0003ab')).toMatch(/binary/);
    expect(textProblem('x'.repeat(100_001))).toMatch(/at most 100,000/);
    expect(textProblem('hello\nworld')).toBeNull();
    expect(textLines('  one two \n\n' + 'x'.repeat(20), 15)).toEqual(['one two', 'x'.repeat(15), 'x'.repeat(5)]);
    expect(() => corpusOf('text', { length: 6, text: 'a b\nc d' })).toThrow(/at least 10/);
    const corpus = corpusOf('text', { length: 6, text: Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n') });
    expect(corpus.kind).toBe('lines');
    // Characters the text does not have are left out of the probe.
    expect(probeTokens(corpus, 'line z9').labels).toEqual(['<s>', 'l', 'i', 'n', 'e', '␣', '9']);
  });
});
