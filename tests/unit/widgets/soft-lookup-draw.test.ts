/**
 * soft-lookup's pictures and state: the two planes and the weight bars as
 * SVG markup (snapshots), the readout sentences, and links (a state
 * round-trips, points rounded to 2 decimals; the chapter's preset decodes).
 */
import { describe, expect, it } from 'vitest';
import { defaultsOf } from '@/components/widgets/kit/schema';
import { decodeState, encodeState } from '@/components/widgets/kit/url-codec';
import { convexHull, drawKeySpace, drawValueSpace, drawWeights, fromPixel, toPixel, weightsHeight } from '@/components/widgets/soft-lookup/draw';
import { softLookup } from '@/components/widgets/soft-lookup/model';
import { byPair, clampPoint, D_STEPS, indexed } from '@/components/widgets/soft-lookup/pairs';
import { entropyText, hiddenText, isOneHot, permutationText, sequenceText, spreadAside } from '@/components/widgets/soft-lookup/readouts';
import { softLookupSchema } from '@/components/widgets/soft-lookup/schema';
import { NOT_A_NUMBER } from '../plots/rng';

const defaults = defaultsOf(softLookupSchema);
const n = defaults.n;
const answer = softLookup({ query: defaults.query[0], keys: defaults.keys.slice(0, n), values: defaults.values.slice(0, n), scaled: true, d: 2, seed: 1, shift: 1 });

describe('soft-lookup drawing', () => {
  it('the key plane: the query, n keys with their score and weight, a halo per weight (snapshot)', () => {
    const svg = drawKeySpace({ query: defaults.query[0], keys: defaults.keys.slice(0, n), scores: byPair(answer.order, answer.scores), weights: byPair(answer.order, answer.weights), scaled: true });
    expect(svg.match(/class="key"/g)).toHaveLength(n);
    expect(svg.match(/class="halo"/g)).toHaveLength(n);
    expect(svg.match(/class="query"/g)).toHaveLength(1);
    expect(svg).toContain('k₄');
    expect(svg).toContain('s = q·kᵢ/√d');
    expect(svg).not.toMatch(NOT_A_NUMBER);
    expect(svg).toMatchSnapshot();
    // Before the worker answers: the points, no numbers.
    const bare = drawKeySpace({ query: [0, 0], keys: defaults.keys.slice(0, 2), scores: null, weights: null, scaled: false });
    expect(bare).not.toContain('class="halo"');
    expect(bare).not.toContain(' · a ');
    expect(bare).toContain('s = q·kᵢ (not divided)');
  });

  it('the value plane: values, their hull, a spoke per value as thick as its weight, and the output (snapshot)', () => {
    const svg = drawValueSpace({ values: defaults.values.slice(0, n), weights: byPair(answer.order, answer.weights), output: answer.output });
    expect(svg.match(/class="value"/g)).toHaveLength(n);
    expect(svg.match(/class="spoke"/g)).toHaveLength(n);
    expect(svg.match(/class="output"/g)).toHaveLength(1);
    expect(svg).toContain('class="hull"');
    // The heaviest pair's spoke is the thickest.
    const widths = [...svg.matchAll(/class="spoke" data-pair="(\d)" style="[^"]*stroke-width:([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const heaviest = byPair(answer.order, answer.weights).reduce((best, w, j, all) => (w > all[best] ? j : best), 0);
    expect(widths.reduce((best, w) => (w[1] > best[1] ? w : best))[0]).toBe(heaviest);
    expect(svg).toMatchSnapshot();
    expect(drawValueSpace({ values: defaults.values.slice(0, 2), weights: null, output: null })).not.toContain('class="output"');
  });

  it('the weight bars: one row per position, named by the pair sitting there (snapshot)', () => {
    const svg = drawWeights({ order: answer.order, weights: answer.weights });
    expect(svg.match(/class="weight"/g)).toHaveLength(n);
    expect(svg).toContain('class="uniform"');
    // Position 1 holds pair 4 after one permutation.
    expect(svg.indexOf('k₄, v₄')).toBeLessThan(svg.indexOf('k₁, v₁'));
    expect(svg).toMatchSnapshot();
    expect(weightsHeight(6)).toBeGreaterThan(weightsHeight(2));
    expect(drawWeights({ order: [0, 1], weights: [NaN, 1] })).not.toMatch(NOT_A_NUMBER);
  });

  it('pixels and points agree; a point dragged out of the square stays on its edge', () => {
    for (const p of [[0, 0], [1.25, -2.5], [-3, 3]] as const) expect(fromPixel(...toPixel(p))).toEqual(p);
    expect(fromPixel(-1000, 1000)).toEqual([-3, -3]);
    expect(clampPoint([0.123456, 9])).toEqual([0.12, 3]);
    expect(convexHull([[0, 0], [1, 0], [1, 1], [0, 1], [0.5, 0.5]])).toEqual([[0, 0], [1, 0], [1, 1], [0, 1]]);
    expect(D_STEPS).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512]);
    expect(indexed('a', 5)).toBe('a₆');
  });
});

describe('soft-lookup readouts', () => {
  it('say what the permutation did, for one query and for a sequence', () => {
    expect(permutationText({ ...answer, shift: 0 })).toMatch(/^Pairs in their first order/);
    expect(permutationText(answer)).toBe('Pairs permuted (rows now k₄ k₁ k₂ k₃): weights moved with their pairs, output unchanged (difference 0.000).');
    expect(sequenceText(answer)).toBe('As a sequence: with each key also a query (self-attention over the n pairs), the n outputs came out permuted the same way (difference 0.000).');
    expect(permutationText({ ...answer, permutation: { outputDifference: 0.25, weightsDifference: 0 } })).toContain('output moved by 0.250');
  });

  it('name the hidden coordinates, the entropy and the spread', () => {
    expect(hiddenText(2, 1)).toBe('d = 2: no hidden coordinates, q and the keys are the points you see.');
    expect(hiddenText(256, 3)).toBe('d − 2 = 254 hidden coordinates, random: q and each key also have 254 standard normal coordinates (seed 3) beside the 2 you drag.');
    expect(entropyText(-1e-9)).toBe('0.000 nats');
    expect(isOneHot([0.995, 0.005])).toBe(true);
    expect(isOneHot([0.5, 0.5])).toBe(false);
    expect(spreadAside(256, false)).toBe('not divided: grows like √d = 16.0');
  });
});

describe('soft-lookup state in a link', () => {
  it('the defaults are the bare version; moved points, d, scaling and a permutation round-trip', () => {
    expect(encodeState(softLookupSchema, defaults)).toBe('v.1');
    const keys = defaults.keys.slice();
    keys[1] = [-0.25, 2.75];
    const state = { ...defaults, n: 5, d: 128, scaled: false, seed: 9, shift: 2, query: [[-1.5, 0.05]] as const, keys };
    const link = encodeState(softLookupSchema, state);
    expect(link).toBe('v.1~n.5~d.128~sc.0~s.9~pm.2~q.-1.5,0.05~k.2,1_-0.25,2.75_0.5,-2_-2,-1_2,-1.2_-0.4,2.4');
    const back = decodeState(softLookupSchema, link);
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual(state);
  });

  it('the chapter’s preset decodes cleanly; bad values fall back with a notice', () => {
    const preset = decodeState(softLookupSchema, 'sc.0~d.256');
    expect(preset.notices).toEqual([]);
    expect(preset.state).toMatchObject({ scaled: false, d: 256, n: 4 });
    const bad = decodeState(softLookupSchema, 'v.1~d.1024~n.9~q.0,0_1,1~k.9,9');
    expect(bad.state.d).toBe(2);
    expect(bad.state.n).toBe(4);
    expect(bad.state.query).toEqual(defaults.query);
    expect(bad.state.keys).toEqual(defaults.keys);
    expect(bad.notices).toHaveLength(4);
  });
});
