// The chapter-6 trainer on the committed Fashion-MNIST subset, on the wasm
// kernels the worker uses: the two models' sizes, the CNN ahead of the MLP
// after a fixed number of steps, what the pixel permutation does and does
// not change, the probe images against the page's samples, and the
// download size the widget announces.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageSetFrom, parseIdx, setBackend, getBackend, type Backend, type FashionMnist } from '@/engine';
import { buildCnnTrainer, PROBES_PER_CLASS, probeImages } from '@/components/widgets/cnn-trainer/model';
import { PIXEL_ORDER, PIXELS, permuteAll, shiftAll } from '@/components/widgets/cnn-trainer/images';
import { FASHION_SAMPLES } from '@/components/widgets/shared/fashion/samples';
import widget from '@/components/widgets/cnn-trainer/widget';
import { DATA_DIR, indexJson } from '../data/fashion-files';
import { flavoursHere, wasmBackend } from '../engine-wasm/wasm-files';

const read = (name: string) => parseIdx(new Uint8Array(gunzipSync(readFileSync(path.join(DATA_DIR, name)))));
const data: FashionMnist = {
  train: imageSetFrom(read('train-images-idx3-ubyte.gz'), read('train-labels-idx1-ubyte.gz')),
  test: imageSetFrom(read('t10k-images-idx3-ubyte.gz'), read('t10k-labels-idx1-ubyte.gz')),
};
const config = { lr: 0.003, batch: 32, permute: false, augment: false, shift: 0, probe: 0, maxSteps: 5000 };

let previous: Backend;
beforeAll(async () => {
  previous = getBackend();
  setBackend(await wasmBackend(flavoursHere()[0]));
});
afterAll(() => setBackend(previous));

function train(options: Partial<typeof config>, steps: number, seed = 1) {
  const run = buildCnnTrainer({ ...config, ...options }, seed, data);
  for (let i = 0; i < steps; i++) run.step();
  const frame = run.snapshot();
  run.dispose();
  return frame;
}

describe('cnn-trainer', () => {
  it('pits a 9,098-weight CNN against an 8,755-weight MLP, and the CNN is ahead after 200 steps of the same batches', () => {
    const frame = train({ shift: 2 }, 200);
    expect(frame.parameters).toEqual({ cnn: 9098, mlp: 8755 });
    expect(Array.from(frame.evalSteps)).toEqual([0, 200]);
    const cnn = frame.cnn.accuracy[1];
    const mlp = frame.mlp.accuracy[1];
    // Seed 1 gives 0.836 against 0.765 (2,000 test images); both well above chance (0.1).
    expect(cnn).toBeGreaterThan(0.8);
    expect(mlp).toBeGreaterThan(0.7);
    expect(cnn - mlp).toBeGreaterThan(0.03);
    // Shifting the test images by 2 px right and down costs both models, the MLP far more.
    expect(frame.cnn.shiftedAccuracy).toBeLessThan(cnn);
    expect(frame.mlp.shiftedAccuracy).toBeLessThan(frame.cnn.shiftedAccuracy);
    // The confusion matrix counts every test image once.
    expect(frame.cnn.confusion.reduce((a, b) => a + b, 0)).toBe(data.test.n);
    // Maps of the probe image: 14×14×8 and 7×7×16, ReLU'd (never negative).
    expect(frame.maps1.length).toBe(14 * 14 * 8);
    expect(frame.maps2.length).toBe(7 * 7 * 16);
    expect(Math.min(...frame.maps1)).toBeGreaterThanOrEqual(0);
    expect(frame.filters.length).toBe(72);
  });

  it('a fixed pixel permutation leaves the MLP as it was and costs the CNN its locality', () => {
    const plain = train({}, 200);
    const scrambled = train({ permute: true }, 200);
    // The MLP's first layer sees the same numbers in another order, and starts from its weights in
    // that order: it computes the same function at every step, up to the order of float additions.
    expect(Math.abs(scrambled.mlp.accuracy[1] - plain.mlp.accuracy[1])).toBeLessThan(0.005);
    scrambled.mlp.loss.forEach((loss, i) => expect(loss).toBeCloseTo(plain.mlp.loss[i], 3));
    // The CNN's 3×3 windows now read unrelated pixels: it falls (0.836 → 0.794 at seed 1).
    expect(scrambled.cnn.accuracy[1]).toBeLessThan(plain.cnn.accuracy[1] - 0.02);
  });

  it('the same seed gives the same run, step for step', () => {
    const a = train({}, 20, 7);
    const b = train({}, 20, 7);
    expect(Array.from(a.cnn.loss)).toEqual(Array.from(b.cnn.loss));
    expect(Array.from(a.filters)).toEqual(Array.from(b.filters));
  });

  it("the probe images are the page's samples: the first two test images of each class", () => {
    const probes = probeImages(data.test);
    expect(probes.length).toBe(10 * PROBES_PER_CLASS * PIXELS);
    FASHION_SAMPLES.forEach((sample, i) => {
      expect(sample.label).toBe(Math.floor(i / PROBES_PER_CLASS));
      const fromData = Array.from(probes.subarray(i * PIXELS, (i + 1) * PIXELS), (v) => Math.round(v * 255));
      expect(fromData).toEqual(Array.from(sample.pixels));
    });
  });

  it('shifting fills with background and permuting is a bijection', () => {
    const image = Float32Array.from({ length: PIXELS }, (_, i) => i + 1);
    const moved = shiftAll(image, 2, 1);
    expect(moved[0]).toBe(0);
    expect(moved[1 * 28 + 2]).toBe(image[0]);
    expect(new Set(PIXEL_ORDER).size).toBe(PIXELS);
    const scrambled = permuteAll(image);
    expect([...scrambled].sort((a, b) => a - b)).toEqual([...image]);
  });

  it('announces the download it makes: the four gzip files of the committed subset', () => {
    const total = indexJson().files.reduce((n, f) => n + f.gzipBytes, 0);
    expect(widget.run?.data?.bytes).toBe(total);
    expect(total).toBeLessThanOrEqual(6_000_000);
  });
});
