/**
 * conv-explorer's model: the engine's conv2d is the cross-correlation the
 * chapter writes (checked against a plain loop in float64), the output size
 * the widget prints is the engine's output shape, and shifting the image
 * shifts the map at stride 1 but not at stride 2.
 */
import { describe, expect, it } from 'vitest';
import { conv2d, noGrad, scope, tensor } from '@/engine';
import { IMAGE_SIZE, KERNELS, KERNEL_NAMES, layer2Field, outputSize, outputSizeFormula, receptiveSizes, window, type ConvSettings } from '@/components/widgets/conv-explorer/geometry';
import convModel, { compareShift, convolve, featureMaps, shiftRight } from '@/components/widgets/conv-explorer/model';
import { sampleImage } from '@/components/widgets/conv-explorer/images';
import { FASHION_SAMPLES } from '@/components/widgets/shared/fashion/samples';
import { FASHION_CLASSES } from '@/components/widgets/shared/fashion/classes';
import { openRun } from '../helpers/open-run';
import { mulberry32 } from '../plots/rng';

/** out[i, j] = Σₐ Σ_b x[i·s − p + a·d, j·s − p + b·d] · w[a, b], zero outside the image, in float64. */
function crossCorrelate(x: ArrayLike<number>, n: number, w: readonly number[], { stride: s, padding: p, dilation: d }: ConvSettings, k = 3): { out: Float64Array; size: number } {
  const size = Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      let acc = 0;
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const r = i * s - p + a * d;
          const c = j * s - p + b * d;
          if (r >= 0 && c >= 0 && r < n && c < n) acc += x[r * n + c] * w[a * k + b];
        }
      }
      out[i * size + j] = acc;
    }
  }
  return { out, size };
}

function randomImage(seed: number, n = IMAGE_SIZE): Float32Array {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n * n }, () => r());
}

const SETTINGS: ConvSettings[] = [];
for (const stride of [1, 2, 3]) for (const padding of [0, 1, 2, 3]) for (const dilation of [1, 2, 3]) SETTINGS.push({ stride, padding, dilation });

describe('conv-explorer: the engine’s conv2d', () => {
  it('the output size ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1 is the engine’s output shape, and the printed formula ends in it', () => {
    for (const n of [5, 7, 13, 28]) {
      for (const settings of SETTINGS) {
        const expected = outputSize(n, settings);
        if (expected < 1) continue;
        const shape = noGrad(() => scope(() => conv2d(tensor(new Float32Array(n * n), [1, n, n, 1]), tensor(new Float32Array(9), [3, 3, 1, 1]), settings).shape));
        expect(shape, `n ${n} ${JSON.stringify(settings)}`).toEqual([1, expected, expected, 1]);
        const formula = outputSizeFormula(n, settings);
        const { stride: s, padding: p, dilation: d } = settings;
        expect(formula).toBe(`⌊(${n} + 2·${p} − ${d}·(3−1) − 1)/${s}⌋ + 1 = ${shape[1]}`);
      }
    }
    expect(outputSizeFormula(28, { stride: 1, padding: 1, dilation: 1 })).toBe('⌊(28 + 2·1 − 1·(3−1) − 1)/1⌋ + 1 = 28');
  });

  it('every map equals a hand-written cross-correlation in float64 to 1e-5 (kernels, strides, paddings, dilations)', () => {
    const image = randomImage(3);
    for (const name of KERNEL_NAMES) {
      for (const settings of SETTINGS.filter((_, i) => i % 5 === 0 || name === 'edge-x')) {
        const engine = featureMaps(image, KERNELS[name].weights, settings);
        const hand = crossCorrelate(image, IMAGE_SIZE, KERNELS[name].weights, settings);
        expect(engine.size).toBe(hand.size);
        let worst = 0;
        for (let k = 0; k < hand.out.length; k++) worst = Math.max(worst, Math.abs(engine.map[k] - hand.out[k]));
        expect(worst, `${name} ${JSON.stringify(settings)}`).toBeLessThan(1e-5);
        // Layer 2 is the same kernel and geometry run over layer 1.
        const two = crossCorrelate(hand.out, hand.size, KERNELS[name].weights, settings);
        expect(engine.layer2Size).toBe(two.size);
        for (let k = 0; k < two.out.length; k++) expect(Math.abs(engine.layer2[k] - two.out[k])).toBeLessThan(1e-4);
      }
    }
  });

  it('a random kernel on a Fashion-MNIST image, through the worker’s query', () => {
    const r = mulberry32(11);
    const kernel = Array.from({ length: 9 }, () => 4 * r() - 2);
    const run = openRun(convModel, {});
    const settings = { stride: 2, padding: 1, dilation: 2 };
    const answer = run.evaluate('maps', { image: sampleImage(18), kernel, ...settings });
    const hand = crossCorrelate(sampleImage(18), IMAGE_SIZE, kernel, settings);
    expect(answer.size).toBe(hand.size);
    expect(answer.settings).toEqual(settings);
    answer.original.map.forEach((v, k) => expect(Math.abs(v - hand.out[k])).toBeLessThan(1e-5));
    expect(() => run.step()).toThrow(/does not train/);
  });
});

describe('conv-explorer: shifting the image', () => {
  it('moves it one pixel right: a blank column enters, the last one leaves', () => {
    const image = randomImage(5);
    const shifted = shiftRight(image);
    for (let r = 0; r < IMAGE_SIZE; r++) {
      expect(shifted[r * IMAGE_SIZE]).toBe(0);
      for (let c = 1; c < IMAGE_SIZE; c++) expect(shifted[r * IMAGE_SIZE + c]).toBe(image[r * IMAGE_SIZE + c - 1]);
    }
  });

  it('at stride 1 the shifted image’s map is the original map shifted, away from the border, for any padding and dilation', () => {
    for (const padding of [0, 1, 3]) {
      for (const dilation of [1, 2, 3]) {
        const answer = convolve({ image: randomImage(7), kernel: KERNELS.sharpen.weights, stride: 1, padding, dilation });
        expect(answer.shift.offset).toBe(1);
        expect(answer.shift.maxDifference).toBe(0);
        expect(answer.shift.compared).toBeGreaterThan(answer.size * 10);
        // Compared by hand: shifted map at (i, j) against the original at (i, j − 1), where the window stays inside columns 1 … 27.
        const { size, original, shifted } = answer;
        for (let j = 1; j < size; j++) {
          if (j - padding < 1 || j - padding + 2 * dilation > 27) continue;
          for (let i = 0; i < size; i++) expect(shifted.map[i * size + j]).toBe(original.map[i * size + j - 1]);
        }
      }
    }
  });

  it('at stride 2 it is no whole-pixel shift of the original map', () => {
    for (const k of [0, 6, 14, 18]) {
      const answer = convolve({ image: sampleImage(k), kernel: KERNELS['edge-x'].weights, stride: 2, padding: 1, dilation: 1 });
      expect(answer.shift.maxDifference, `sample ${k}`).toBeGreaterThan(0.1);
      expect(answer.shift.differs.some((v) => v === 1)).toBe(true);
    }
    // And the comparison itself: a map compared with itself moved by one pixel is a shift of it.
    const map = Float32Array.from({ length: 16 }, (_, k) => k % 4);
    const moved = Float32Array.from({ length: 16 }, (_, k) => (k % 4 === 0 ? 0 : map[k - 1]));
    expect(compareShift(map, moved, 4, { stride: 1, padding: 1, dilation: 1 }, 6)).toMatchObject({ offset: 1, maxDifference: 0 });
  });
});

describe('conv-explorer: receptive fields', () => {
  it('one layer reads k_eff × k_eff pixels; two read 1 + 2·d·(k − 1) at stride 1, k_eff + (k_eff − 1)·s in general', () => {
    for (const settings of SETTINGS) {
      const { stride: s, dilation: d } = settings;
      const [r1, r2] = receptiveSizes(settings);
      expect(r1).toBe(d * 2 + 1);
      if (s === 1) expect(r2).toBe(1 + 2 * d * 2);
      const cells = window(5, 6, settings);
      const rows = cells.map(([r]) => r);
      expect(Math.max(...rows) - Math.min(...rows) + 1).toBe(r1);
      // A layer-2 pixel whose window lies inside layer 1 (none of it padding): its field spans r₂ pixels each way.
      const size1 = outputSize(IMAGE_SIZE, settings);
      const inside = Array.from({ length: outputSize(size1, settings) }, (_, i) => i).find((i) => window(i, i, settings).every(([r]) => r >= 0 && r < size1));
      // (At stride 3 and dilation 3 layer 1 can be so small that every layer-2 window reaches into its padding.)
      if (inside === undefined && s > 1) continue;
      expect(inside, JSON.stringify(settings)).toBeDefined();
      const field = layer2Field(inside!, inside!, settings, size1);
      const fr = field.map((c) => c.row);
      expect(Math.max(...fr) - Math.min(...fr) + 1, JSON.stringify(settings)).toBe(r2);
      // 81 paths in all: 3 × 3 layer-1 pixels, each reading 3 × 3.
      expect(field.reduce((n, c) => n + c.paths, 0)).toBe(81);
    }
  });
});

describe('the Fashion-MNIST samples', () => {
  it('are 20 images of 784 bytes, two per class in class order, not blank', () => {
    expect(FASHION_SAMPLES).toHaveLength(20);
    expect(FASHION_CLASSES).toHaveLength(10);
    FASHION_SAMPLES.forEach((s, k) => {
      expect(s.label).toBe(Math.floor(k / 2));
      expect(s.pixels).toBeInstanceOf(Uint8Array);
      expect(s.pixels.length).toBe(784);
      expect(s.pixels.reduce((a, b) => a + b, 0)).toBeGreaterThan(784 * 10);
    });
  });
});
