/**
 * The softmax-temperature widget's pictures and readouts: snapshots of the
 * two bar charts, no bar for a value that is not a number, and the limit
 * and number wording.
 */
import { describe, expect, it } from 'vitest';
import { band, bandAt, drawLogits, drawProbabilities, indexed, LOGITS_BOX, probabilityText } from '@/components/widgets/softmax-temperature/draw';
import { expText, limitReached } from '@/components/widgets/softmax-temperature/readouts';
import softmaxModel, { softmaxReport } from '@/components/widgets/softmax-temperature/model';
import { openRun } from '../helpers/open-run';
import { softmaxSchema } from '@/components/widgets/softmax-temperature/schema';
import { defaultsOf } from '@/components/widgets/kit/schema';
import { getBackend } from '@/engine';

describe('softmax-temperature drawings', () => {
  it('logits: one bar per logit, the selected one outlined', () => {
    const svg = drawLogits({ logits: [3, 1.5, -2], selected: 1 });
    expect(svg.match(/class="logit/g)?.length).toBe(3);
    expect(svg.match(/class="logit selected"/g)?.length).toBe(1);
    expect(svg).toContain('z₃');
    expect(svg).toMatchSnapshot();
  });

  it('probabilities at the defaults, with the uniform line', () => {
    const r = softmaxReport({ logits: defaultsOf(softmaxSchema).logits, temperature: 1 });
    const svg = drawProbabilities({ probs: r.probs, naive: null });
    expect(svg).toContain('class="uniform"');
    expect(svg).toContain('uniform 1/K = 0.2');
    expect(svg).toMatchSnapshot();
  });

  it('the naive bars beside the stable ones; an overflowed one is named, not drawn', () => {
    const r = softmaxReport({ logits: [3, 1.5, 1, -0.5, -2], temperature: 0.02 });
    const svg = drawProbabilities({ probs: r.probs, naive: r.naiveProbs });
    expect(svg).toContain('∞/∞');
    expect(svg.match(/class="prob naive"/g)?.length).toBe(4);
    expect(svg.match(/class="prob"/g)?.length).toBe(5);
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(svg).toMatchSnapshot();
  });

  it('bands and hit-testing agree', () => {
    for (let i = 0; i < 6; i++) {
      const [a, b] = band(LOGITS_BOX, 6, i);
      expect(bandAt(LOGITS_BOX, 6, (a + b) / 2)).toBe(i);
    }
    expect(bandAt(LOGITS_BOX, 6, -100)).toBe(0);
    expect(bandAt(LOGITS_BOX, 6, 1e4)).toBe(5);
    expect(indexed('p', 7)).toBe('p₈');
  });
});

describe('softmax-temperature readouts', () => {
  it('names the limits', () => {
    expect(limitReached([0.996, 0.002, 0.002])).toBe('one-hot');
    expect(limitReached([0.205, 0.2, 0.2, 0.2, 0.195])).toBe('uniform');
    expect(limitReached([0.5, 0.5, 0])).toBeNull();
  });

  it('words for overflow, underflow and not-a-number', () => {
    expect(expText(Infinity)).toBe('∞ (overflow)');
    expect(expText(0)).toBe('0 (underflow)');
    expect(expText(NaN)).toBe('not a number');
    expect(expText(-25)).toBe('-25');
    expect(expText(3.733e32)).toBe('3.733e32');
    expect(probabilityText(NaN)).toBe('∞/∞');
  });

  it('the worker-side run only evaluates, and frees what it used', () => {
    const before = getBackend().bytesInUse();
    const run = openRun(softmaxModel, {});
    expect(() => run.step()).toThrow(/does not train/);
    const r = run.evaluate('report', { logits: [1, 2, 3], temperature: 0.5 });
    expect(r.argmax).toBe(2);
    run.dispose();
    expect(getBackend().bytesInUse()).toBe(before);
  });
});
