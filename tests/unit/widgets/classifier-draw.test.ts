/**
 * The classifier's pictures as code: boundaries in data coordinates, the
 * overlay, the reliability diagram and the loss chart as SVG snapshots,
 * and no NaN or Infinity in any markup, whatever the weights.
 */
import { describe, expect, it } from 'vitest';
import { binaryBoundary, multiclassBoundaries, segmentOn } from '@/components/widgets/classifier-2d/boundary';
import { drawLossChart, drawOverlay, drawReliability, fieldPixels, predictedClasses } from '@/components/widgets/classifier-2d/draw';
import { DOMAIN, FIELD_GRID } from '@/components/widgets/classifier-2d/schema';

const window = DOMAIN;

describe('decision boundaries', () => {
  it('a line across the window is cut at its edges', () => {
    // x₁ + x₂ = 0: the diagonal from (−1.5, 1.5) to (1.5, −1.5).
    const s = segmentOn([1, 1, 0], window)!;
    const ends = [[s[0], s[1]], [s[2], s[3]]].map(([a, b]) => [Math.round(a * 1e6) / 1e6, Math.round(b * 1e6) / 1e6]).sort((p, q) => p[0] - q[0]);
    expect(ends).toEqual([[-1.5, 1.5], [1.5, -1.5]]);
  });

  it('a line outside the window, or a zero normal, gives nothing', () => {
    expect(segmentOn([1, 0, -5], window)).toBeNull();
    expect(segmentOn([0, 0, 1], window)).toBeNull();
    expect(segmentOn([NaN, 1, 0], window)).toBeNull();
  });

  it('the binary boundary sits at z = logit(τ) and slides parallel as τ moves', () => {
    // W = (2, 0), b = 0: z = 2x₁, so z = c is the vertical line x₁ = c/2.
    const weights = Float32Array.of(2, 0, 0);
    const at = binaryBoundary(weights, Math.log(0.9 / 0.1), window)!;
    expect(at[0]).toBeCloseTo(Math.log(9) / 2, 6);
    expect(at[2]).toBeCloseTo(Math.log(9) / 2, 6);
    expect(binaryBoundary(Float32Array.of(0, 0, 0), 0, window)).toBeNull();
  });

  it('three classes: each pair’s wall only where those two lead', () => {
    // Logits x₁, −x₁, x₂ (W is [2, 3] row-major, then b).
    const weights = Float32Array.of(1, -1, 0, 0, 0, 1, 0, 0, 0);
    const walls = multiclassBoundaries(weights, 3, window);
    expect(walls.length).toBe(3);
    for (const [ax, ay, bx, by] of walls) for (const v of [ax, ay, bx, by]) expect(Math.abs(v)).toBeLessThanOrEqual(1.5 + 1e-9);
  });
});

const points = Float32Array.of(-0.5, -0.4, 0.6, 0.5, 0.2, -0.1, -0.3, 0.8);
const labels = Float32Array.of(0, 1, 1, 0);

describe('drawings', () => {
  it('overlay: axes, the boundary at τ, the τ = ½ line dashed, points, and rings on mistakes', () => {
    const state = { classes: 2, points, labels, trainProbs: Float32Array.of(0.1, 0.9, 0.4, 0.7), weights: Float32Array.of(1.5, 1.2, 0.1), tau: 0.6 };
    expect(Array.from(predictedClasses(state))).toEqual([0, 1, 0, 1]);
    const svg = drawOverlay(state);
    expect(svg).toContain('class="boundary"');
    expect(svg).toContain('class="boundary-half"');
    expect(svg.match(/<circle/g)?.length).toBe(4 + 2);
    expect(svg).toMatchSnapshot();
  });

  it('overlay for three classes, and for zero weights (no boundary at all)', () => {
    const three = drawOverlay({ classes: 3, points, labels: Float32Array.of(0, 1, 2, 0), trainProbs: new Float32Array(12).fill(1 / 3), weights: Float32Array.of(1, -1, 0, 0, 0, 1, 0, 0, 0), tau: 0.5 });
    expect(three).toMatchSnapshot();
    const zero = drawOverlay({ classes: 2, points, labels, trainProbs: new Float32Array(4).fill(0.5), weights: new Float32Array(3), tau: 0.5 });
    expect(zero).not.toContain('class="boundary"');
  });

  it('never writes NaN or Infinity, even for weights that overflowed', () => {
    const svg = drawOverlay({ classes: 2, points: Float32Array.of(NaN, 0, 0.2, Infinity, 0.1, 0.1), labels: Float32Array.of(0, 1, 1), trainProbs: Float32Array.of(NaN, 0.5, 1), weights: Float32Array.of(Infinity, NaN, 1), tau: 0.5 });
    expect(svg).not.toMatch(/NaN|Infinity/);
    const rel = drawReliability({ confidence: new Float32Array(10).fill(NaN), frequency: new Float32Array(10).fill(NaN), count: Float32Array.of(0, 0, 3, 0, 0, 0, 0, 0, 0, NaN), binary: true });
    expect(rel).not.toMatch(/NaN|Infinity/);
    expect(drawLossChart(Float32Array.of(0.7, NaN, Infinity, 0.3), 'cross-entropy')).not.toMatch(/NaN|Infinity/);
  });

  it('reliability diagram: bars for filled bins only, counts above, the diagonal', () => {
    const count = Float32Array.of(5, 0, 0, 2, 0, 0, 0, 0, 1, 12);
    const svg = drawReliability({ confidence: Float32Array.of(0.02, 0, 0, 0.35, 0, 0, 0, 0, 0.85, 0.97), frequency: Float32Array.of(0, 0, 0, 0.5, 0, 0, 0, 0, 1, 0.75), count, binary: true });
    expect(svg.match(/<rect/g)?.length).toBe(2 * 4);
    expect(svg).toContain('class="diagonal"');
    expect(svg).toContain('predicted p(class 1)');
    expect(drawReliability({ confidence: count, frequency: count, count, binary: false })).toContain('confidence (largest p)');
    expect(svg).toMatchSnapshot();
  });

  it('loss chart', () => {
    expect(drawLossChart(Float32Array.of(0.69, 0.5, 0.3, 0.2, 0.15), 'cross-entropy')).toMatchSnapshot();
    expect(drawLossChart(null, 'squared error')).not.toMatch(/NaN/);
  });

  it('field pixels: transparent where p = ½, class colours where sure', () => {
    const field = new Float32Array(FIELD_GRID.nx * FIELD_GRID.ny).fill(0.5);
    field[0] = 1; // bottom-left cell: canvas row ny − 1
    const px = fieldPixels(field, 2);
    expect(px[3]).toBe(0);
    const o = 4 * (FIELD_GRID.ny - 1) * FIELD_GRID.nx;
    expect(Array.from(px.slice(o, o + 4))).toEqual([0xd5, 0x5e, 0x00, Math.round(255 * 0.55)]);
  });
});
