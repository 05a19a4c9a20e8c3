/**
 * The classifier widget's model: it learns, it is deterministic, it keeps
 * memory flat, and the behaviour each "Try this" prompt of chapter 3
 * promises actually happens at the settings the prompt names.
 */
import { describe, expect, it } from 'vitest';
import { getBackend } from '@/engine';
import classifier, { type ClassifierConfig } from '@/components/widgets/classifier-2d/model';
import { openRun } from '../helpers/open-run';
import { confusionAt } from '@/components/widgets/classifier-2d/calibration';
import { multiclassBoundaries } from '@/components/widgets/classifier-2d/boundary';
import { classifierSchema, DOMAIN, FIELD_GRID, MAX_STEPS, type ClassifierParams } from '@/components/widgets/classifier-2d/schema';
import { defaultsOf } from '@/components/widgets/kit/schema';

const defaults = defaultsOf(classifierSchema) as ClassifierParams;
const base: ClassifierConfig = {
  dataset: defaults.dataset,
  n: defaults.n,
  noise: defaults.noise,
  loss: defaults.loss,
  init: defaults.init,
  lr: defaults.lr,
  speed: defaults.speed,
  maxSteps: MAX_STEPS,
  grid: FIELD_GRID,
};

type Snap = {
  losses: Float32Array;
  field: Float32Array;
  trainProbs: Float32Array;
  labels: Float32Array;
  weights: Float32Array;
  relCount: Float32Array;
  relFrequency: Float32Array;
  relConfidence: Float32Array;
  ece: number;
  testAccuracy: number;
  classes: number;
};

function train(over: Partial<ClassifierConfig>, steps: number, seed = defaults.seed) {
  const run = openRun(classifier, { ...base, ...over }, seed);
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) losses.push(run.step());
  const snap = run.snapshot() as unknown as Snap;
  run.dispose();
  return { losses, snap };
}

const trainAccuracy = (s: Snap, tau = 0.5) => {
  const c = confusionAt(s.trainProbs, s.labels, tau);
  return (c.tp + c.tn) / s.labels.length;
};

describe('classifier-2d model', () => {
  it('learns the default two blobs: the loss falls and held-out accuracy passes 90%', () => {
    const { losses, snap } = train({}, 300);
    expect(losses[299]).toBeLessThan(losses[0] / 3);
    expect(snap.testAccuracy).toBeGreaterThan(0.9);
    expect(snap.classes).toBe(2);
    expect(snap.field.length).toBe(FIELD_GRID.nx * FIELD_GRID.ny);
    expect(Array.from(snap.field).every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  it('learns three blobs with softmax: three probabilities per cell that sum to 1', () => {
    const { snap } = train({ dataset: 'blobs3' }, 300);
    expect(snap.classes).toBe(3);
    expect(snap.testAccuracy).toBeGreaterThan(0.85);
    expect(snap.field.length).toBe(FIELD_GRID.nx * FIELD_GRID.ny * 3);
    for (let c = 0; c < 50; c++) expect(snap.field[3 * c] + snap.field[3 * c + 1] + snap.field[3 * c + 2]).toBeCloseTo(1, 5);
  });

  it('is deterministic: the same seed and settings give the same losses bit for bit', () => {
    expect(train({}, 40).losses).toEqual(train({}, 40).losses);
    expect(train({}, 5, 2).losses).not.toEqual(train({}, 5, 1).losses);
  });

  it('changes the learning rate mid-run and refuses structural changes', () => {
    const a = openRun(classifier, base, 1);
    const b = openRun(classifier, { ...base, lr: 0.1 }, 1);
    a.set({ lr: 0.1, speed: 10 });
    expect(a.stepsPerSecond!()).toBe(10);
    expect(a.step()).toBe(b.step());
    expect(() => a.set({ dataset: 'xor' })).toThrow(/cannot change/);
    a.dispose();
    b.dispose();
  });

  it('evaluates the field on any grid', () => {
    const run = openRun(classifier, base, 1);
    const field = run.evaluate('field', { grid: { nx: 3, ny: 2, x0: -1, x1: 1, y0: -1, y1: 1 } });
    expect(Array.from(field)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]); // zero weights: σ(0) everywhere
    expect(() => run.evaluate('nope' as never)).toThrow();
    run.dispose();
  });

  it('leaves the backend’s memory as it found it', () => {
    const before = getBackend().bytesInUse();
    const run = openRun(classifier, { ...base, dataset: 'blobs3', loss: 'sq' }, 3);
    for (let i = 0; i < 500; i++) run.step();
    run.snapshot();
    run.evaluate('field', { grid: { nx: 4, ny: 4, x0: -1, x1: 1, y0: -1, y1: 1 } });
    run.dispose();
    expect(getBackend().bytesInUse()).toBe(before);
  });
});

describe('chapter 3’s prompts for the classifier hold at the settings they name', () => {
  it('τ = 0.9 trades false positives for false negatives, τ = 0.1 the reverse', () => {
    const { snap } = train({}, 300);
    const mid = confusionAt(snap.trainProbs, snap.labels, 0.5);
    const high = confusionAt(snap.trainProbs, snap.labels, 0.9);
    const low = confusionAt(snap.trainProbs, snap.labels, 0.1);
    expect(high.fp).toBeLessThanOrEqual(1);
    expect(high.fn).toBeGreaterThan(mid.fn + 5);
    expect(low.fn).toBeLessThanOrEqual(1);
    expect(low.fp).toBeGreaterThan(mid.fp + 5);
  });

  it('confidently wrong: squared loss stalls, cross-entropy recovers within about fifty steps', () => {
    const sq = train({ init: 'wrong', loss: 'sq' }, 100);
    expect(sq.losses[99]).toBeGreaterThan(0.85 * sq.losses[0]);
    expect(trainAccuracy(sq.snap)).toBeLessThan(0.1);
    const stuck = train({ init: 'wrong', loss: 'sq' }, 1500);
    expect(trainAccuracy(stuck.snap)).toBeLessThan(0.6); // every point on one side, or still swapped
    const ce = train({ init: 'wrong', loss: 'ce' }, 50);
    expect(trainAccuracy(ce.snap)).toBeGreaterThan(0.9);
  });

  it('XOR: the loss stays at log 2 and every prediction falls in the two bins either side of ½', () => {
    const { losses, snap } = train({ dataset: 'xor' }, 500);
    expect(losses[499]).toBeCloseTo(Math.log(2), 1);
    const counts = Array.from(snap.relCount);
    expect(counts[4] + counts[5]).toBe(counts.reduce((a, b) => a + b, 0));
    expect(snap.ece).toBeLessThan(0.1);
  });

  it('ten noisy points: separable, over-confident on held-out data; 400 points: calibrated', () => {
    const few = train({ n: 10, noise: 0.5 }, 3000);
    expect(few.losses[2999]).toBeLessThan(0.01);
    expect(few.snap.testAccuracy).toBeGreaterThanOrEqual(0.8);
    expect(few.snap.testAccuracy).toBeLessThan(0.9);
    expect(few.snap.ece).toBeGreaterThan(0.1);
    const counts = Array.from(few.snap.relCount);
    expect(counts[9]).toBe(Math.max(...counts));
    expect(few.snap.relFrequency[9]).toBeGreaterThan(0.7);
    expect(few.snap.relFrequency[9]).toBeLessThan(0.85);
    const many = train({ n: 400, noise: 0.5 }, 3000);
    expect(many.snap.ece).toBeLessThan(0.04);
  });

  it('three blobs: three straight walls that meet at one point', () => {
    const { snap } = train({ dataset: 'blobs3' }, 300);
    const walls = multiclassBoundaries(snap.weights, 3, DOMAIN);
    expect(walls.length).toBe(3);
    // Each wall has one end on the window's edge and one at the common point.
    const inner = walls.map(([ax, ay, bx, by]) => (Math.max(Math.abs(ax), Math.abs(ay)) < 1.49 ? [ax, ay] : [bx, by]));
    for (const p of inner.slice(1)) {
      expect(p[0]).toBeCloseTo(inner[0][0], 4);
      expect(p[1]).toBeCloseTo(inner[0][1], 4);
    }
  });
});
