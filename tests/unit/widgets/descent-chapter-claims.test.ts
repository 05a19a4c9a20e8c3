/**
 * Chapter 1's numbers, read off the playground instances the chapter places
 * beside them: each instance's preset (taken from the MDX) is decoded and
 * run through the widget's own config, and the walks are stepped in the
 * engine as the worker would. If a claim in the prose stops matching what a
 * reader sees, one of these fails.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import descentModel, { type DescentConfig } from '@/components/widgets/descent-playground/model';
import widget from '@/components/widgets/descent-playground/widget';
import { descentSchema } from '@/components/widgets/descent-playground/schema';
import { decodeState } from '@/components/widgets/kit/url-codec';
import { openRun } from '../helpers/open-run';

const chapter = readFileSync(new URL('../../../content/01-learning.mdx', import.meta.url), 'utf8');
const presets = Object.fromEntries([...chapter.matchAll(/<DescentPlayground id="([^"]+)" preset="([^"]+)"/g)].map((m) => [m[1], m[2]]));

type Walk = { theta: [number, number]; loss: number; diverged: boolean; path: Float32Array };

/** The three walks (gradient descent, momentum, Adam) of an instance, with changes to its preset. */
function walks(id: string, change: Record<string, unknown> = {}, steps?: number): Record<'gd' | 'momentum' | 'adam', Walk> {
  const decoded = decodeState(descentSchema, presets[id]);
  expect(decoded.notices).toEqual([]);
  const params = { ...decoded.state, ...change } as typeof decoded.state;
  const out = {} as Record<'gd' | 'momentum' | 'adam', Walk>;
  const configs = widget.run!.config(params, undefined as never) as readonly DescentConfig[];
  for (const config of configs) {
    const run = openRun(descentModel, config);
    let diverged = false;
    let loss = NaN;
    const firstLoss = run.snapshot().losses[0];
    for (let i = 0; i < (steps ?? config.maxSteps) && !diverged; i++) {
      loss = run.step();
      diverged = run.diverged!(loss, firstLoss);
    }
    const path = run.snapshot().path;
    out[config.optimizer] = { theta: [path[path.length - 2], path[path.length - 1]], loss, diverged, path };
  }
  return out;
}

describe('chapter 1 places the playground where its numbers are', () => {
  it('has the four instances the text refers to', () => {
    expect(Object.keys(presets).sort()).toEqual(['bowl-regimes', 'ravine-adam', 'ravine-kappa-100', 'ravine-momentum']);
    expect(chapter).toMatch(/<DescentPlayground \/>/);
  });

  it('the bowl at η = 1.5 zig-zags inward, halving; 1 lands in one step; 2 bounces; 3 diverges', () => {
    const { gd } = walks('bowl-regimes', {}, 2);
    expect(gd.path[2]).toBeCloseTo(-1.6 * -0.5, 5);
    expect(gd.path[4]).toBeCloseTo(-1.6 * 0.25, 5);
    expect(walks('bowl-regimes', { lr: 1 }, 1).gd.theta.map(Math.abs)).toEqual([0, 0]);
    expect(walks('bowl-regimes', { lr: 2 }, 40).gd.theta[0]).toBeCloseTo(-1.6, 4);
    expect(walks('bowl-regimes', { lr: 3 }, 12).gd.diverged).toBe(true);
    expect(walks('bowl-regimes', { lr: 2.5 }, 40).gd.diverged).toBe(true);
  });

  it('κ = 100, η = 0.019: after 100 steps 15% of the floor remains and the zig-zag is about 2e-5', () => {
    const { gd } = walks('ravine-kappa-100');
    expect(gd.path.length / 2 - 1).toBe(100);
    expect(gd.theta[0] / -1.8).toBeCloseTo(0.15, 2);
    expect(gd.theta[0]).toBeCloseTo(-0.264, 3);
    expect(Math.abs(gd.theta[1])).toBeGreaterThan(1.5e-5);
    expect(Math.abs(gd.theta[1])).toBeLessThan(2.5e-5);
    expect(walks('ravine-kappa-100', { lr: 0.021 }).gd.diverged).toBe(true);
  });

  it('momentum 0.9 at the same rate: about fifty times lower loss, swings lingering at step 50', () => {
    const { gd, momentum } = walks('ravine-momentum');
    expect(gd.loss).toBeCloseTo(0.035, 3);
    expect(momentum.loss).toBeCloseTo(0.0007, 4);
    expect(gd.loss / momentum.loss).toBeGreaterThan(40);
    expect(gd.loss / momentum.loss).toBeLessThan(60);
    expect(Math.abs(momentum.theta[0])).toBeLessThan(0.01);
    const at50 = walks('ravine-momentum', { steps: 50 });
    expect(at50.momentum.theta[1]).toBeCloseTo(-0.05, 2);
    expect(at50.gd.theta[1]).toBeCloseTo(0.004, 3);
    const polyak = walks('ravine-momentum', { lr: 0.033, momentum: 0.67 });
    expect(polyak.gd.diverged).toBe(true);
    expect(polyak.momentum.loss).toBeLessThan(1e-14);
    expect(polyak.momentum.loss).toBeGreaterThan(1e-16);
  });

  it('Adam’s first step moves each coordinate by η; its θ at step 100 does not depend on κ', () => {
    const first = walks('ravine-adam', {}, 1).adam.theta;
    expect(first[0]).toBeCloseTo(-1.75, 5);
    expect(first[1]).toBeCloseTo(0.65, 5);
    const { adam, gd } = walks('ravine-adam');
    expect(adam.loss).toBeCloseTo(5e-5, 5);
    expect(gd.loss).toBeCloseTo(0.035, 3);
    // Crosses the floor around step 15 and overshoots.
    const crossed = walks('ravine-adam', {}, 20).adam.path;
    const signs = Array.from({ length: 20 }, (_, t) => Math.sign(crossed[2 * t + 3]));
    expect(signs.indexOf(-1) + 1).toBeGreaterThanOrEqual(14);
    expect(signs.indexOf(-1) + 1).toBeLessThanOrEqual(17);
    const stiff = walks('ravine-adam', { kappa: 1000 });
    expect(stiff.adam.theta[0]).toBeCloseTo(adam.theta[0], 4);
    expect(stiff.adam.theta[1]).toBeCloseTo(adam.theta[1], 4);
    expect(stiff.gd.diverged).toBe(true);
    const slow = walks('ravine-adam', { kappa: 1000, lr: 0.0019 }).gd;
    expect(slow.diverged).toBe(false);
    expect(1 - slow.theta[0] / -1.8).toBeCloseTo(1 / 6, 1);
  });

  it('the ravine at κ = 20: gradient descent bounces at η = 0.1 and diverges just above it', () => {
    const at = (lr: number) => walks('ravine-kappa-100', { kappa: 20, lr, steps: 300 }).gd;
    expect(Math.abs(at(0.1).theta[1])).toBeCloseTo(0.7, 3);
    expect(at(0.105).diverged).toBe(true);
    expect(at(0.09).diverged).toBe(false);
  });
});
