import { describe, expect, it } from 'vitest';
import { decisionPixels, fieldColors, fieldPixels, hex } from '@/components/plots';
import { mulberry32 } from './rng';

/** Red rises and blue falls with t, so each byte says where a value landed. */
const redBlue = (t: number) => `rgb(${Math.round(255 * t)}, 0, ${Math.round(255 * (1 - t))})`;
const rows = (pixels: Uint8ClampedArray) => Array.from({ length: pixels.length / 4 }, (_, k) => Array.from(pixels.slice(4 * k, 4 * k + 4)));

describe('fieldPixels', () => {
  it('colours a known 2×2 field, top canvas row = top grid row', () => {
    // grid rows run bottom-up: (0,0)=0 (1,0)=1 bottom, (0,1)=2 (1,1)=3 top.
    const pixels = fieldPixels([0, 1, 2, 3], { nx: 2, ny: 2 }, { colors: redBlue });
    expect(rows(pixels)).toEqual([
      [170, 0, 85, 255],
      [255, 0, 0, 255],
      [0, 0, 255, 255],
      [85, 0, 170, 255],
    ]);
  });

  it('leaves NaN transparent, pins infinities to the ends, clamps to a given domain', () => {
    const pixels = fieldPixels([NaN, Infinity, -Infinity, 10], { nx: 2, ny: 2 }, { colors: redBlue, domain: [0, 5] });
    expect(rows(pixels)).toEqual([
      [0, 0, 255, 255],
      [255, 0, 0, 255],
      [0, 0, 0, 0],
      [255, 0, 0, 255],
    ]);
  });

  it('in log mode spreads a huge dynamic range', () => {
    const field = [0, 1, 10, 1000];
    const linear = rows(fieldPixels(field, { nx: 4, ny: 1 }, { colors: redBlue }));
    const log = rows(fieldPixels(field, { nx: 4, ny: 1 }, { colors: redBlue, mode: 'log', decades: 3 }));
    expect(linear.map((p) => p[0])).toEqual([0, 0, 3, 255]);
    expect(log.map((p) => p[0])).toEqual([0, 26, 89, 255]);
  });

  it('uses the washed theme scale by default', () => {
    const pixels = fieldPixels([0, 1], { nx: 2, ny: 1 }, { theme: 'dark' });
    const first = `#${Array.from(pixels.slice(0, 3), (b) => b.toString(16).padStart(2, '0')).join('')}`;
    expect(first).toBe(hex(fieldColors('dark')(0)));
  });

  it('snapshot: a seeded 3×2 field', () => {
    const rand = mulberry32(11);
    const field = Array.from({ length: 6 }, () => rand() * 4 - 2);
    expect(Array.from(fieldPixels(field, { nx: 3, ny: 2 }, { theme: 'light' }))).toMatchSnapshot();
  });
});

describe('decisionPixels', () => {
  it('blends two classes from p(class 1), transparent at the boundary', () => {
    const pixels = decisionPixels([0, 1, 0.5, 0.75], { nx: 2, ny: 2 }, ['#0000ff', '#ff0000'], { strength: 1 });
    expect(rows(pixels)).toEqual([
      [128, 0, 128, 0],
      [191, 0, 64, 128],
      [0, 0, 255, 255],
      [255, 0, 0, 255],
    ]);
  });

  it('blends three classes by probability, opacity by certainty', () => {
    const colours = ['#ff0000', '#00ff00', '#0000ff'];
    const normalised = decisionPixels([0.2, 0.3, 0.5], { nx: 1, ny: 1 }, colours, { strength: 1 });
    expect(Array.from(normalised)).toEqual([51, 76, 128, 64]);
    const unnormalised = decisionPixels([2, 3, 5], { nx: 1, ny: 1 }, colours, { strength: 1 });
    expect(Array.from(unnormalised)).toEqual([51, 76, 128, 64]);
    const certain = decisionPixels([0, 0, 1], { nx: 1, ny: 1 }, colours);
    expect(Array.from(certain)).toEqual([0, 0, 255, 191]);
  });

  it('leaves non-finite or empty cells transparent', () => {
    const pixels = decisionPixels([NaN, 0.5, 0.5, 0, 0, 0], { nx: 2, ny: 1 }, ['#ff0000', '#00ff00', '#0000ff']);
    expect(Array.from(pixels)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(decisionPixels([Infinity], { nx: 1, ny: 1 }, ['#000', '#fff']))).toEqual([0, 0, 0, 0]);
  });

  it('rejects mismatched sizes', () => {
    expect(() => decisionPixels([0.1, 0.9], { nx: 1, ny: 1 }, ['#000', '#111', '#222'])).toThrow(/needs 3/);
    expect(() => decisionPixels([0.1], { nx: 1, ny: 1 }, ['#000'])).toThrow(/two class colours/);
  });
});
