import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { add, backward, getBackend, MLP, mul, noGrad, Rng, scope, sum, tensor, type Tensor } from '@/engine';
import playgroundModel, { dataOf, lossOf, refineGrid, splitOf, type PlaygroundConfig } from '@/components/widgets/playground/model';
import { openRun, type OpenRun } from '../helpers/open-run';
import { evaluateFields, evaluateUnit, fieldSize, macsPerPoint, poolInto, thumbSize } from '@/components/widgets/playground/fields';
import { configOf, DEFAULTS, PRESETS, playgroundSchema, presetOf, type PlaygroundParams } from '@/components/widgets/playground/schema';
import { decodeState, encodeState } from '@/components/widgets/kit/url-codec';

const preset = (name: string) => ({ ...DEFAULTS, ...PRESETS.find((p) => p.name === name)!.params }) as PlaygroundParams;
const config = (patch: Partial<PlaygroundConfig> = {}): PlaygroundConfig => ({ ...configOf(DEFAULTS), ...patch });

/** Steps until test accuracy ≥ goal (checked every `every` steps), or −1. */
function stepsTo(run: OpenRun<typeof playgroundModel>, goal: number, limit: number, every = 50): number {
  for (let s = 1; s <= limit; s++) {
    run.step();
    if (s % every === 0 && (run.snapshot({ playing: false }).testAccuracy ?? 0) >= goal) return s;
  }
  return -1;
}

describe('playground model', () => {
  it('the spiral preset (2 arms, no noise, half for training, 3 × 16 tanh, Adam) reaches 90% test accuracy within 2,000 steps', () => {
    const p = preset('spiral');
    expect(p).toMatchObject({ dataset: 'spiral', classes: 2, noise: 0, trainPercent: 50, widths: [16, 16, 16], activation: 'tanh', optimizer: 'adam' });
    const run = openRun(playgroundModel, configOf(p), p.seed);
    const reached = stepsTo(run, 0.9, 2000);
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThanOrEqual(2000);
    run.dispose();
  });

  it('learns every data set with a hidden layer, and a linear model cannot learn XOR', () => {
    for (const dataset of ['xor', 'circles', 'moons', 'blobs'] as const) {
      const run = openRun(playgroundModel, config({ dataset, classes: 3, widths: [8, 8], lr: 0.02 }), 3);
      expect(stepsTo(run, 0.9, 1500), dataset).toBeGreaterThan(0);
      run.dispose();
    }
    const linear = openRun(playgroundModel, config({ dataset: 'xor', widths: [] }), 3);
    for (let s = 0; s < 1000; s++) linear.step();
    expect(linear.snapshot({ playing: false }).testAccuracy).toBeLessThan(0.75);
    linear.dispose();
  });

  it('with no activation, depth changes nothing: circles stay out of reach of a line', () => {
    const run = openRun(playgroundModel, config({ dataset: 'circles', widths: [8, 8, 8, 8], activation: 'linear' }), 2);
    for (let s = 0; s < 1500; s++) run.step();
    expect(run.snapshot({ playing: false }).testAccuracy).toBeLessThan(0.75);
    run.dispose();
  });

  it('the squared loss trains too (SGD with momentum, full batch)', () => {
    const run = openRun(playgroundModel, config({ dataset: 'moons', loss: 'sq', optimizer: 'momentum', lr: 0.3, batch: 0, widths: [8] }), 1);
    const first = run.step();
    expect(stepsTo(run, 0.85, 1500)).toBeGreaterThan(0);
    expect(run.snapshot({ playing: false }).trainLoss).toBeLessThan(first);
    run.dispose();
  });

  it('same seed, same run, step for step; another seed, another run', () => {
    const losses = (seed: number) => {
      const run = openRun(playgroundModel, config({ widths: [8, 8] }), seed);
      const out = Array.from({ length: 30 }, () => run.step());
      run.dispose();
      return out;
    };
    expect(losses(4)).toEqual(losses(4));
    expect(losses(5)).not.toEqual(losses(4));
  });

  it('counts epochs: one per pass over the training points', () => {
    const run = openRun(playgroundModel, config({ trainPercent: 50, batch: 10 }), 1); // 250 points: 25 steps an epoch
    for (let s = 0; s < 24; s++) run.step();
    expect(run.epoch!()).toBe(0);
    run.step();
    expect(run.epoch!()).toBe(1);
    run.set({ batch: 0 }); // full batch: one step, one epoch
    run.step();
    expect(run.epoch!()).toBe(2);
    run.dispose();
  });

  it('takes learning rate, momentum, batch size and L2 mid-run, and refuses structural changes', () => {
    const run = openRun(playgroundModel, config({ optimizer: 'momentum' }), 1);
    run.step();
    expect(run.stepsPerSecond!()).toBe(DEFAULTS.speed);
    run.set({ lr: 0.5, momentum: 0.5, batch: 50, l2: 0.01, speed: 40 });
    expect(Number.isFinite(run.step())).toBe(true);
    expect(run.stepsPerSecond!()).toBe(40);
    expect(() => run.set({ widths: [4] })).toThrow(/cannot change/);
    run.dispose();
  });

  it('a paused snapshot carries fresh fields; a playing one thins them out', () => {
    const run = openRun(playgroundModel, config({ widths: [4, 3] }), 1);
    const first = run.snapshot({ playing: false });
    expect(first.fields).not.toBeNull();
    const { n, t, probs, units, weights } = first.fields!;
    expect(probs.length).toBe(n * n * 2);
    expect(units.length).toBe((4 + 3) * t * t);
    expect(weights.length).toBe(2 * 4 + 4 * 3 + 3 * 2);
    expect(first.history.length).toBe(7);
    // Nothing changed: nothing to recompute.
    expect(run.snapshot({ playing: false }).fields).toBeNull();
    let now = 1e6;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => now);
    run.step();
    expect(run.snapshot({ playing: true }).fields?.step).toBe(1);
    run.step();
    now += 20;
    expect(run.snapshot({ playing: true }).fields).toBeNull(); // too soon after the last picture
    now += 100;
    expect(run.snapshot({ playing: true }).fields?.step).toBe(2);
    run.step();
    expect(run.snapshot({ playing: false }).fields?.step).toBe(3); // a pause or step: always fresh
    clock.mockRestore();
    run.dispose();
  });

  it('evaluates the data, one unit at full resolution, and exports its weights as JSON', () => {
    const cfg = config({ widths: [5, 3] });
    const run = openRun(playgroundModel, cfg, 1);
    const data = run.evaluate('data');
    expect(data.nTrain).toBe(250);
    expect(data.nValidation).toBe(125);
    expect(Array.from(data.y)).toEqual(Array.from(dataOf(cfg).y));
    const unit = run.evaluate('unit', { layer: 1, unit: 2 });
    expect(unit.field.length).toBe(unit.n * unit.n);
    expect(unit.field.every((v) => v >= -1 && v <= 1)).toBe(true); // tanh
    expect(() => run.evaluate('unit', { layer: 2, unit: 0 })).toThrow(/no hidden layer/);
    const json = JSON.parse(JSON.stringify(run.evaluate('export')));
    expect(json.sizes).toEqual([2, 5, 3, 2]);
    expect(json.layers.map((l: { weight: number[][] }) => [l.weight.length, l.weight[0].length])).toEqual([[5, 2], [3, 5], [2, 3]]);
    run.dispose();
  });

  it('leaves the backend’s memory as it found it', () => {
    const before = getBackend().bytesInUse();
    const run = openRun(playgroundModel, config({ widths: [8, 8] }), 1);
    for (let i = 0; i < 300; i++) {
      run.step();
      if (i % 50 === 0) run.snapshot({ playing: false });
    }
    run.evaluate('unit', { layer: 0, unit: 0 });
    run.dispose();
    expect(getBackend().bytesInUse()).toBe(before);
  });

  it('a reckless learning rate wrecks the fit but leaves every number it reports finite', () => {
    const run = openRun(playgroundModel, config({ optimizer: 'adam', lr: 3, widths: [32, 32], activation: 'relu' }), 1);
    const losses = Array.from({ length: 300 }, () => run.step());
    expect(Math.max(...losses)).toBeGreaterThan(100); // it blew up on the way
    const frame = run.snapshot({ playing: false });
    for (const v of [frame.trainLoss, frame.validationLoss, frame.testLoss, frame.trainAccuracy, frame.validationAccuracy, frame.testAccuracy]) expect(Number.isFinite(v)).toBe(true);
    for (const a of [frame.fields!.probs, frame.fields!.units, frame.fields!.weights, frame.history]) expect(a.every(Number.isFinite)).toBe(true);
    run.dispose();
  });
});

describe('playground data: training, validation and test', () => {
  it('the training share as set; the held-out points halved into validation and test', () => {
    expect(splitOf(50)).toEqual({ nTrain: 250, nValidation: 125, nTest: 125 });
    expect(splitOf(10)).toEqual({ nTrain: 50, nValidation: 225, nTest: 225 });
    expect(splitOf(15)).toEqual({ nTrain: 75, nValidation: 212, nTest: 213 });
    for (let tr = 10; tr <= 90; tr += 5) {
      const { nTrain, nValidation, nTest } = splitOf(tr);
      expect(nTrain + nValidation + nTest).toBe(500);
      expect(Math.abs(nValidation - nTest)).toBeLessThanOrEqual(1);
    }
  });

  it('three disjoint parts of one data set, the same for the same data seed', () => {
    const cfg = config({ dataset: 'moons', noise: 0.15, trainPercent: 10, dataSeed: 7 });
    const data = dataOf(cfg);
    expect([data.nTrain, data.nValidation, data.x.length / 2 - data.nTrain - data.nValidation]).toEqual([50, 225, 225]);
    // Disjoint: no point (x₁, x₂) lies in two parts (the generator draws them at random, so none repeats).
    const key = (i: number) => `${data.x[2 * i]},${data.x[2 * i + 1]}`;
    const part = (from: number, to: number) => new Set(Array.from({ length: to - from }, (_, k) => key(from + k)));
    const held = data.nTrain + data.nValidation;
    const parts = [part(0, data.nTrain), part(data.nTrain, held), part(held, 500)];
    expect(new Set(parts.flatMap((p) => [...p])).size).toBe(500);
    // Each part holds both classes.
    for (const [from, to] of [[0, data.nTrain], [data.nTrain, held], [held, 500]]) expect(new Set(data.y.subarray(from, to)).size).toBe(2);
    // Deterministic for a seed, different for another.
    const again = dataOf(cfg);
    expect(Array.from(again.x)).toEqual(Array.from(data.x));
    expect(Array.from(again.y)).toEqual(Array.from(data.y));
    expect(Array.from(dataOf({ ...cfg, dataSeed: 8 }).x)).not.toEqual(Array.from(data.x));
  });

  it('reports loss and accuracy on the validation set, measured on those points alone', () => {
    const cfg = config({ dataset: 'circles', widths: [6], trainPercent: 30 });
    const run = openRun(playgroundModel, cfg, 2);
    for (let s = 0; s < 200; s++) run.step();
    const frame = run.snapshot({ playing: false });
    expect(frame.validationLoss).toBeGreaterThan(0);
    expect(frame.validationAccuracy).toBeGreaterThan(0.5);
    // The same number from the exported weights, on the validation points.
    const json = run.evaluate('export');
    expect(json.data.split).toEqual({ train: [0, 150], validation: [150, 325], test: [325, 500] });
    const data = dataOf(cfg);
    const net = new MLP({ sizes: [2, 6, 2], activation: 'tanh', rng: new Rng(2) });
    noGrad(() =>
      net.layers.forEach((l, i) => {
        l.weight.backend.write(l.weight.storage, Float32Array.from(json.layers[i].weight.flat()));
        l.bias!.backend.write(l.bias!.storage, Float32Array.from(json.layers[i].bias));
      }),
    );
    const loss = noGrad(() => scope(() => lossOf('ce', net.forward(tensor(data.x.subarray(300, 650), [175, 2])) as Tensor, data.y.subarray(150, 325)).item()));
    expect(loss).toBeCloseTo(frame.validationLoss!, 5);
    expect(json.metrics.validationLoss).toBeCloseTo(frame.validationLoss!, 6);
    // The history's columns: step, then loss on training, validation, test, then accuracy on each.
    const row = frame.history.slice(-7);
    expect(Array.from(row)).toEqual([200, frame.trainLoss, frame.validationLoss, frame.testLoss, frame.trainAccuracy, frame.validationAccuracy, frame.testAccuracy].map((v) => Math.fround(v!)));
    net.dispose();
    run.dispose();
  });
});

describe('playground L2 penalty: λ Σ‖W‖² on the weight matrices, as the text says', () => {
  // One full-batch SGD step of the widget against a step on the penalised loss
  // L + λ Σ_l ‖W_l‖², differentiated by the engine: every weight's gradient is
  // the data gradient + 2λW, and the biases get no penalty at all.
  it('one SGD step of the playground descends L + λ Σ‖W‖²; biases move as without the penalty', () => {
    const [lambda, lr, seed] = [0.05, 0.1, 3];
    const cfg = config({ dataset: 'xor', widths: [4, 3], optimizer: 'sgd', lr, batch: 0, l2: lambda });
    const stepped = (l2: number) => {
      const run = openRun(playgroundModel, { ...cfg, l2 }, seed);
      run.step();
      const json = run.evaluate('export');
      run.dispose();
      return json.layers as { weight: number[][]; bias: number[] }[];
    };
    const withPenalty = stepped(lambda);
    const without = stepped(0);
    // By hand: the same network (the run's seed draws it), the penalised loss, one step.
    const data = dataOf(cfg);
    const net = new MLP({ sizes: [2, 4, 3, 2], activation: 'tanh', rng: new Rng(seed) });
    const before = net.layers.map((l) => ({ w: Array.from(l.weight.toArray()), b: Array.from(l.bias!.toArray()) }));
    scope(() => {
      const dataLoss = lossOf('ce', net.forward(tensor(data.x.subarray(0, 2 * data.nTrain), [data.nTrain, 2])) as Tensor, data.y.subarray(0, data.nTrain));
      const penalty = net.layers.reduce((acc: Tensor, l) => add(acc, sum(mul(l.weight, l.weight))), tensor([0]));
      backward(add(dataLoss, mul(sum(penalty), lambda)));
    });
    net.layers.forEach((l, i) => {
      const gw = l.weight.grad!.toArray();
      const gb = l.bias!.grad!.toArray();
      withPenalty[i].weight.flat().forEach((v, j) => expect(v).toBeCloseTo(before[i].w[j] - lr * gw[j], 6));
      withPenalty[i].bias.forEach((v, j) => expect(v).toBeCloseTo(before[i].b[j] - lr * gb[j], 6));
      // No penalty on a bias: it takes exactly the step it takes with λ = 0.
      expect(withPenalty[i].bias).toEqual(without[i].bias);
      // And the weights differ from λ = 0 by η·2λW.
      withPenalty[i].weight.flat().forEach((v, j) => expect(v - without[i].weight.flat()[j]).toBeCloseTo(-lr * 2 * lambda * before[i].w[j], 6));
    });
    net.dispose();
  });
});

describe('the noisy-moons Predict after the playground (chapter 4), as the text tells it', () => {
  const chapter = readFileSync(new URL('../../../content/04-mlp.mdx', import.meta.url), 'utf8');
  /** Validation loss at the given steps, for the preset with this λ. */
  function validationLosses(l2: number, at: readonly number[]): number[] {
    const p = preset('moons-noisy');
    const run = openRun(playgroundModel, { ...configOf(p), l2 }, p.seed);
    const out: number[] = [];
    for (let s = 1; s <= at[at.length - 1]; s++) {
      run.step();
      if (at.includes(s)) out.push(run.snapshot({ playing: false }).validationLoss!);
    }
    run.dispose();
    return out;
  }

  it('without a penalty the validation loss is lowest near step 200 (≈ 0.16), passes 0.3 by step 750 and nears 0.5 by 3,000', () => {
    expect(chapter).toContain('the validation loss is lowest near step 200 (about 0.16), passes 0.3 by step 750 and nears 0.5 by step 3,000');
    const [at200, at750, at3000] = validationLosses(0, [200, 750, 3000]);
    expect(at200).toBeCloseTo(0.16, 1);
    expect(at750).toBeGreaterThan(0.3);
    expect(at3000).toBeGreaterThan(0.45);
    expect(at3000).toBeLessThan(0.55);
  });

  it('λ = 0.0015 (the same pull as v.1’s 0.003) keeps it below 0.2', () => {
    expect(chapter).toContain('Set the L2 penalty $\\lambda$ to 0.0015 and reset');
    for (const v of validationLosses(0.0015, [1000, 2000, 3000])) expect(v).toBeLessThan(0.2);
  });
});

describe('playground fields', () => {
  it('grid sizes follow the network’s cost', () => {
    expect(macsPerPoint([2, 8, 2])).toBe(32);
    expect(fieldSize([2, 16, 16, 16, 2])).toBe(64);
    expect(fieldSize([2, 32, 32, 32, 32, 32, 32, 2])).toBe(48);
    expect(fieldSize([2, 12, 12, 12, 12, 12, 12, 12, 2]) % 32).toBe(0);
  });

  it('refines a picture’s grid while it is cheap and coarsens it when it is dear, within bounds', () => {
    expect(refineGrid(48, 5, 32, 64, 16)).toBe(64);
    expect(refineGrid(64, 5, 32, 64, 16)).toBe(64);
    expect(refineGrid(48, 20, 32, 64, 16)).toBe(48);
    expect(refineGrid(48, 60, 32, 64, 16)).toBe(32);
    expect(refineGrid(32, 60, 32, 64, 16)).toBe(32);
    // Thumbnails: 32 cells a side, or 16 for layers wider than 16 units; the field a multiple of them.
    expect(thumbSize(8)).toBe(32);
    expect(thumbSize(32)).toBe(16);
  });

  it('pools a field by averaging f × f blocks', () => {
    // A 4 × 4 grid of two units (cell-major), unit 1 = 10 × unit 0.
    const values = new Float32Array(32);
    for (let c = 0; c < 16; c++) {
      values[2 * c] = c;
      values[2 * c + 1] = 10 * c;
    }
    const out = new Float32Array(4);
    poolInto(values, 4, 2, 2, 1, out, 0);
    expect(Array.from(out)).toEqual([25, 45, 105, 125]);
    const one = new Float32Array(1);
    poolInto(values, 4, 4, 2, 0, one, 0);
    expect(one[0]).toBe(7.5);
  });

  it('the decision field is the softmax of the network, and a unit’s field matches its thumbnail', () => {
    const model = new MLP({ sizes: [2, 4, 3], activation: 'tanh', rng: new Rng(2) });
    const fields = evaluateFields(model, 8);
    for (let c = 0; c < 64; c++) {
      const p = fields.probs.subarray(3 * c, 3 * c + 3);
      expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 5);
    }
    // Unit 2's 8 × 8 field, halved, is its thumbnail.
    const full = evaluateUnit(model, 0, 2, 8);
    const halved = new Float32Array(16);
    poolInto(full, 8, 2, 1, 0, halved, 0);
    const thumb = fields.units.subarray(2 * 16, 3 * 16);
    halved.forEach((v, k) => expect(thumb[k]).toBeCloseTo(v, 5));
    // And the field at a cell is the network at that cell's centre.
    const [x, y] = [-1.25 + (0.5 * 2.5) / 8, -1.25 + (0.5 * 2.5) / 8];
    const direct = noGrad(() => scope(() => model.forward(tensor([x, y], [1, 2])).toArray()));
    const z = Array.from(direct);
    const e = z.map((v) => Math.exp(v - Math.max(...z)));
    expect(fields.probs[0]).toBeCloseTo(e[0] / (e[0] + e[1] + e[2]), 5);
    model.dispose();
  });
});

describe('playground presets', () => {
  it('every preset survives a link and is recognised as itself', () => {
    for (const p of PRESETS) {
      const params = preset(p.name);
      const decoded = decodeState(playgroundSchema, encodeState(playgroundSchema, params));
      expect(decoded.notices, p.name).toEqual([]);
      expect(decoded.state).toEqual(params);
      expect(presetOf(params)?.name).toBe(p.name);
    }
    expect(presetOf({ ...DEFAULTS, lr: 0.0123 })).toBeNull();
  });
});
