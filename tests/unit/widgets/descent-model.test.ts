import { describe, expect, it } from 'vitest';
import descentModel, { fieldOf, type DescentConfig } from '@/components/widgets/descent-playground/model';
import { openRun } from '../helpers/open-run';
import { SURFACES, SURFACE_NAMES, type SurfaceName } from '@/components/widgets/descent-playground/surfaces';
import { descentSchema } from '@/components/widgets/descent-playground/schema';
import { defaultsOf } from '@/components/widgets/kit/schema';
import { decodeState, encodeState } from '@/components/widgets/kit/url-codec';
import { getBackend } from '@/engine';

const base: DescentConfig = { surface: 'bowl', kappa: 20, start: [-1.6, 1.3], optimizer: 'gd', lr: 0.1, momentum: 0.9, speed: 60, maxSteps: 500 };

describe('descent playground model', () => {
  it('gradient descent on the bowl follows θ ← θ − η·θ exactly', () => {
    const run = openRun(descentModel, base);
    run.step();
    run.step();
    const path = run.snapshot().path;
    // ∇½‖θ‖² = θ, so each step multiplies θ by (1 − η) = 0.9.
    expect(path[2]).toBeCloseTo(-1.6 * 0.9, 6);
    expect(path[5]).toBeCloseTo(1.3 * 0.81, 6);
    run.dispose();
  });

  it('every optimiser reaches each landscape’s minimum region', () => {
    for (const optimizer of ['gd', 'momentum', 'adam'] as const) {
      const lr = optimizer === 'adam' ? 0.05 : 0.05;
      const run = openRun(descentModel, { ...base, surface: 'ravine', optimizer, lr });
      let loss = Infinity;
      for (let i = 0; i < 400; i++) loss = run.step();
      expect(loss, optimizer).toBeLessThan(1e-3);
      run.dispose();
    }
  });

  it('a huge learning rate diverges, and the path keeps only finite points', () => {
    const run = openRun(descentModel, { ...base, surface: 'ravine', lr: 5 });
    let diverged = false;
    let loss = 0;
    for (let i = 0; i < 200 && !diverged; i++) {
      loss = run.step();
      diverged = run.diverged!(loss, 1);
    }
    expect(diverged).toBe(true);
    const path = run.snapshot().path;
    expect(path.every(Number.isFinite)).toBe(true);
    run.dispose();
  });

  it('changes the learning rate mid-run and refuses structural changes', () => {
    const run = openRun(descentModel, base);
    run.set({ lr: 0.5 });
    run.step();
    expect((run.snapshot().path)[2]).toBeCloseTo(-1.6 * 0.5, 6);
    expect(() => run.set({ surface: 'ravine' })).toThrow(/cannot change/);
    run.dispose();
  });

  it('evaluates each surface on a grid with the engine, matching the surface formula', () => {
    for (const name of SURFACE_NAMES) {
      const [x0, x1, y0, y1] = SURFACES[name].domain;
      const grid = { nx: 4, ny: 3, x0, x1, y0, y1 };
      const field = fieldOf(name, grid);
      expect(field.length).toBe(12);
      expect(Array.from(field).every(Number.isFinite)).toBe(true);
    }
    const f = fieldOf('rosenbrock', { nx: 1, ny: 1, x0: 0.5, x1: 1.5, y0: 0.5, y1: 1.5 });
    expect(f[0]).toBe(0); // the minimum (1, 1) is the only cell centre
  });

  it('leaves the backend’s memory as it found it', () => {
    const before = getBackend().bytesInUse();
    const run = openRun(descentModel, { ...base, optimizer: 'adam' });
    for (let i = 0; i < 1000; i++) run.step();
    run.snapshot();
    run.dispose();
    expect(getBackend().bytesInUse()).toBe(before);
  });
});

describe('descent playground links', () => {
  it('a link naming a landscape without rates gets that landscape’s suggested rates, as the menu does', () => {
    for (const name of SURFACE_NAMES) {
      const { state } = decodeState(descentSchema, `v.1~fn.${name}`);
      expect({ lr: state.lr, adamLr: state.adamLr }).toEqual(SURFACES[name].suggested);
    }
    expect(decodeState(descentSchema, 'v.1~fn.rosenbrock~lr.0.03').state.lr).toBe(0.03);
  });

  it('the schema’s plain defaults are the default landscape’s suggestions, so a fresh widget writes no rate into its link', () => {
    const defaults = defaultsOf(descentSchema);
    expect({ lr: defaults.lr, adamLr: defaults.adamLr }).toEqual(SURFACES[defaults.surface as SurfaceName].suggested);
    expect(encodeState(descentSchema, defaults)).toBe('v.1');
  });
});
