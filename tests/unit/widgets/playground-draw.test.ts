import { describe, expect, it } from 'vitest';
import { BACKGROUND, CLASS_COLORS, rgbBytes } from '@/components/plots';
import { accuracyChart, decisionImage, DIVERGING, lossChart, pointsSvg, unitImage } from '@/components/widgets/playground/draw';
import { edgeBuckets, inputFields, networkLayout, thumbnailStrip, unitAt, EDGE_LEVELS } from '@/components/widgets/playground/network';
import { NOT_A_NUMBER } from '../plots/rng';

const pixel = (p: Uint8ClampedArray, k: number) => Array.from(p.slice(4 * k, 4 * k + 4));

describe('unit fields as pixels', () => {
  it('zero is the page colour, ±1 the ends of the scale, NaN transparent; rows flip to canvas order', () => {
    // 2 × 2 grid, bottom row first: [0, 1] bottom, [−1, NaN] top.
    const p = unitImage([0, 1, -1, NaN], 2, 'light');
    expect(pixel(p, 2)).toEqual([...rgbBytes(BACKGROUND.light), 255]); // bottom-left cell, canvas row 1
    expect(pixel(p, 3)).toEqual([...rgbBytes(DIVERGING.light[1]), 255]);
    expect(pixel(p, 0)).toEqual([...rgbBytes(DIVERGING.light[0]), 255]);
    expect(pixel(p, 1)[3]).toBe(0);
  });

  it('a unit within ±1 keeps its true size; a larger one is scaled by its largest value', () => {
    const small = unitImage([0.5, 0.5, 0.5, 0.5], 2, 'dark');
    const big = unitImage([5, 10, 10, 10], 2, 'dark');
    const full = [...rgbBytes(DIVERGING.dark[1]), 255];
    expect(pixel(small, 0)).not.toEqual(full);
    expect(pixel(big, 0)).toEqual(full);
    expect(pixel(big, 2)).toEqual(pixel(small, 0)); // 5 of 10 looks like 0.5 of 1
  });
});

describe('decision field', () => {
  it('mixes class colours by probability, and discretized takes the most likely class outright', () => {
    const probs = Float32Array.from([0.9, 0.1, 0.5, 0.5, 0.2, 0.8, NaN, NaN]);
    const soft = decisionImage(probs, 2, 2, false);
    const hard = decisionImage(probs, 2, 2, true);
    // Cell 1 (bottom right, canvas pixel 3) is undecided: transparent when soft, class 0 when discretized (first on ties).
    expect(pixel(soft, 3)[3]).toBe(0);
    expect(pixel(hard, 3).slice(0, 3)).toEqual(rgbBytes(CLASS_COLORS[0]));
    expect(pixel(hard, 0).slice(0, 3)).toEqual(rgbBytes(CLASS_COLORS[1])); // cell 2, top left
    expect(pixel(soft, 1)[3]).toBe(0); // NaN cell
    expect(pixel(hard, 1)[3]).toBe(0);
  });
});

describe('network diagram', () => {
  it('lays out a column per layer, centred, thumbnails shrinking for wide layers', () => {
    const small = networkLayout([2, 3, 2]);
    expect(small.columns.map((c) => c.length)).toEqual([2, 3, 2]);
    expect(small.columns[1].map((u) => [u.x, u.y, u.size])).toMatchSnapshot();
    const wide = networkLayout([2, 32, 32, 3]);
    expect(wide.columns[1][0].size).toBeLessThan(small.columns[1][0].size);
    for (const c of wide.columns) for (const u of c) expect(u.y - u.size / 2).toBeGreaterThanOrEqual(0);
    expect(Math.max(...wide.columns[1].map((u) => u.y + u.size / 2))).toBeLessThanOrEqual(wide.height);
  });

  it('finds the unit under a point', () => {
    const layout = networkLayout([2, 4, 2]);
    const u = layout.columns[1][2];
    expect(unitAt(layout, u.x + 3, u.y - 3)).toMatchObject({ column: 1, unit: 2 });
    expect(unitAt(layout, (layout.columns[0][0].x + u.x) / 2, u.y)).toBeNull();
  });

  it('draws each weight as an edge, grouped by sign and size, skipping non-finite ones', () => {
    const layout = networkLayout([2, 2, 2]);
    // Layer 1: W (2 × 2); layer 2: W (2 × 2).
    const weights = Float32Array.from([0.1, -0.1, 3, NaN, -1.9, 0.6, 0.05, -0.05]);
    const buckets = edgeBuckets(layout, weights);
    const edges = buckets.reduce((s, b) => s + b.lines.length / 4, 0);
    expect(edges).toBe(7);
    const strongest = buckets.find((b) => b.sign === 1 && b.level === EDGE_LEVELS - 1)!;
    expect(strongest.lines.length).toBe(4); // w = 3 alone
    expect(buckets.find((b) => b.sign === 0 && b.level === EDGE_LEVELS - 1)?.lines.length).toBe(4); // w = −1.9
    expect(buckets.map((b) => [b.sign, b.level, b.width.toFixed(2), b.lines.map((v) => Math.round(v))])).toMatchSnapshot();
  });

  it('between wide layers draws only the weights at least as large as their mean', () => {
    const layout = networkLayout([2, 20, 20, 2]);
    // 40 + 400 + 40 weights; in the 20 × 20 block, |w| alternates 0.1 and 0.5 (mean 0.3).
    const weights = Float32Array.from({ length: 480 }, (_, k) => (k >= 40 && k < 440 ? (k % 2 ? 0.5 : -0.1) : 0.2));
    const edges = edgeBuckets(layout, weights).reduce((s, b) => s + b.lines.length / 4, 0);
    expect(edges).toBe(40 + 200 + 40);
  });

  it('puts the inputs’ and units’ thumbnails side by side in one strip', () => {
    const t = 2;
    const inputs = inputFields(t, 1);
    expect(Array.from(inputs)).toEqual([-0.5, 0.5, -0.5, 0.5, -0.5, -0.5, 0.5, 0.5]);
    const units = Float32Array.from([1, 1, 1, 1, -1, -1, -1, -1]);
    const { pixels, count } = thumbnailStrip(inputs, units, t, 'light');
    expect(count).toBe(4);
    expect(pixels.length).toBe(4 * t * t * 4);
    // Unit 0 (third thumbnail) is solid purple: strip columns 4 and 5 of both rows.
    const purple = [...rgbBytes(DIVERGING.light[1]), 255];
    for (const k of [4, 5, 12, 13]) expect(pixel(pixels, k)).toEqual(purple);
  });
});

describe('points and charts', () => {
  const data = {
    x: Float32Array.from([0.1, 0.2, -0.5, 0.5, 0.9, -0.9, 5, 5, -0.3, -0.6]),
    y: Int32Array.from([0, 1, 0, 1, 1]),
    nTrain: 2,
    nValidation: 1,
    classes: 2,
  };

  it('draws training points filled, validation points as ringed squares and test points ringed, leaving out points off the plane', () => {
    const withHeldOut = pointsSvg(data, true);
    expect(withHeldOut.match(/<circle/g)?.length).toBe(3); // 2 training, 1 test (the other is off the plane)
    expect(withHeldOut.match(/<rect/g)?.length).toBe(1);
    expect(withHeldOut).toMatch(/class="validation-points"[^>]*><rect/);
    const trainOnly = pointsSvg(data, false);
    expect(trainOnly.match(/<circle/g)?.length).toBe(2);
    expect(trainOnly).not.toMatch(/<rect|validation-points|test-points/);
    expect(withHeldOut).toMatchSnapshot();
  });

  // Rows: step, loss (training, validation, test), accuracy (training, validation, test).
  const history = Float32Array.from([
    0, 0.7, 0.72, 0.71, 0.5, 0.49, 0.48,
    10, 0.3, 0.33, 0.35, 0.8, 0.78, 0.75,
    20, NaN, 0.4, Infinity, 0.9, NaN, 0.85,
    30, 0.1, 0.15, 0.2, 1, 0.97, 0.95,
  ]);

  it('charts loss (log axis) and accuracy with a chance line, and never writes NaN', () => {
    const loss = lossChart(history).markup;
    const accuracy = accuracyChart(history, 2).markup;
    expect(loss).not.toMatch(NOT_A_NUMBER);
    expect(accuracy).not.toMatch(NOT_A_NUMBER);
    expect(accuracy).toContain('chance');
    expect(loss).toMatchSnapshot();
    expect(accuracy).toMatchSnapshot();
    expect(lossChart(new Float32Array(0)).markup).not.toMatch(NOT_A_NUMBER);
    // The scales' key changes only when an axis does.
    expect(lossChart(history.slice(0, 21)).key).toBe(lossChart(history.slice(0, 21)).key);
    // One line per set, named for the browser tests.
    for (const chart of [lossChart(history), accuracyChart(history, 2)]) expect(chart.lines.map((l) => l.name)).toEqual(['training', 'validation', 'test']);
    expect(accuracyChart(history, 3).key).not.toBe(accuracyChart(history, 2).key);
  });
});
