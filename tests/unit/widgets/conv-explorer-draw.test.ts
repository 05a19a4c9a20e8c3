/**
 * conv-explorer's pictures and state: the pixel grids as SVG markup
 * (snapshots), the readout sentences, and the schema's links (a preset's
 * weights stay out of the link; a custom kernel's go in it).
 */
import { describe, expect, it } from 'vitest';
import { BOX, drawDiffers, drawField, drawImage, drawMap, drawRing, fieldSizesText, layer1Sentence, layer2Sentence, mapScale, gridOf, shiftSentence } from '@/components/widgets/conv-explorer/draw';
import { KERNELS, layer2Field, window } from '@/components/widgets/conv-explorer/geometry';
import { brush, strokeCells } from '@/components/widgets/conv-explorer/images';
import { convExplorerSchema, kernelWeights } from '@/components/widgets/conv-explorer/schema';
import { defaultsOf } from '@/components/widgets/kit/schema';
import { decodeState, encodeState } from '@/components/widgets/kit/url-codec';
import { NOT_A_NUMBER } from '../plots/rng';

describe('conv-explorer drawing', () => {
  it('draws a small image with its padding ring (snapshot), one rect per inked pixel', () => {
    const image = new Float32Array(28 * 28);
    image[0] = 1;
    image[29] = 0.5;
    image[28 * 28 - 1] = 0.25;
    const markup = drawImage(image, 2);
    expect(markup).toMatchSnapshot();
    expect(markup).toContain('class="padding"');
    expect(markup.match(/fill-opacity/g)).toHaveLength(3);
    expect(drawImage(image, 0)).not.toContain('class="padding"');
  });

  it('draws a map on the diverging scale: negatives and positives in their own colours (snapshot)', () => {
    const values = Float32Array.from([1, -0.5, 0.25, -1, 0.0625, 0, 0.5, -0.25, 0.75, -0.75, 0.125, -0.125, 0.9, -0.9, 0.3, -0.001]);
    const markup = drawMap(values, 4, mapScale(values));
    expect(markup).toMatchSnapshot();
    expect(markup).toContain('fill:var(--conv-neg)');
    expect(markup).toContain('fill:var(--conv-pos)');
    // A zero (or a value under 1/255 of the scale) is the page colour: not drawn.
    expect(markup.match(/fill-opacity/g)).toHaveLength(14);
    expect(drawMap([NaN, Infinity, 1, -1], 2, 1)).not.toMatch(NOT_A_NUMBER);
  });

  it('draws a receptive field: each pixel tinted by its paths, and the box around them (snapshot)', () => {
    const settings = { stride: 1, padding: 0, dilation: 1 };
    const one = drawField(window(0, 0, settings).map(([row, col]) => ({ row, col })), 28);
    expect(one.match(/class="field"/g)).toHaveLength(9);
    const two = drawField(layer2Field(2, 2, settings, 26), 28);
    expect(two.match(/class="field"/g)).toHaveLength(25);
    expect(two).toMatchSnapshot();
    expect(drawField([], 28)).toBe('');
  });

  it('rings, differences and grids sit in one coordinate box; small maps are stretched to the image’s width', () => {
    expect(gridOf(28)).toEqual({ cell: 1, origin: 4 });
    expect(gridOf(BOX)).toEqual({ cell: 1, origin: 0 });
    // A map smaller than the image is stretched to its width.
    expect(gridOf(14)).toEqual({ cell: 2, origin: 4 });
    expect(drawRing(0, 0, 28, 'selected')).toBe('<rect x="3.85" y="3.85" width="1.3" height="1.3" class="selected" style="fill:none;stroke:var(--accent)" stroke-width="0.3"/>');
    expect(drawDiffers(Uint8Array.from([0, 1, 0, 0]), 2).match(/class="differs"/g)).toHaveLength(1);
  });

  it('says what the shift did, and what each selected pixel reads', () => {
    expect(shiftSentence({ offset: 1, maxDifference: 0, compared: 500 }, 1)).toBe('Map shifted by 1 pixel: equal to the original map shifted (max difference 0.000 away from the border).');
    expect(shiftSentence({ offset: 0, maxDifference: 0.8312, compared: 90 }, 2)).toBe(
      'Not a shift of the original map: moved by 0 or by 1 pixel, it still differs by up to 0.831. At stride 2 one input pixel is 1/2 of a map pixel.',
    );
    const settings = { stride: 1, padding: 1, dilation: 2 };
    expect(layer1Sentence(3, 4, -0.5, settings)).toBe('Layer 1, row 3, column 4 = −0.5: it reads 3 × 3 input pixels, spread over 5 × 5 by dilation 2. Receptive field 5 × 5.');
    expect(layer2Sentence(3, 4, 1.25, settings, 9)).toContain('which together read 9 × 9 input pixels (r₂ = 5 + (5 − 1)·1 = 9)');
    expect(fieldSizesText({ stride: 1, padding: 1, dilation: 1 })).toBe(
      'Receptive field: 3 × 3 after one layer (k_eff = d·(k − 1) + 1 = 3), 5 × 5 after two; at stride 1 that is 1 + 2·d·(k − 1) = 5.',
    );
    expect(fieldSizesText({ stride: 2, padding: 1, dilation: 1 })).toBe('Receptive field: 3 × 3 after one layer (k_eff = d·(k − 1) + 1 = 3), 7 × 7 after two.');
  });

  it('a brush dab inks a pixel and half-inks its neighbours; a quick stroke leaves no gaps', () => {
    const image = new Float32Array(28 * 28);
    expect(brush(image, 0, 0)).toBe(true);
    expect([image[0], image[1], image[28], image[29]]).toEqual([1, 0.5, 0.5, 0]);
    expect(brush(image, 0, 0)).toBe(false);
    expect(brush(image, 0, 1, true)).toBe(true);
    expect(image[1]).toBe(0);
    expect(strokeCells([0, 0], [0, 4])).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
  });
});

describe('conv-explorer state in a link', () => {
  it('the defaults are the bare version; a preset leaves its weights out, a custom kernel writes them', () => {
    const defaults = defaultsOf(convExplorerSchema);
    expect(encodeState(convExplorerSchema, defaults)).toBe('v.1');
    const blur = { ...defaults, kernel: 'blur' as const, weights: [...KERNELS.blur.weights] };
    expect(encodeState(convExplorerSchema, blur)).toBe('v.1~k.blur');
    expect(decodeState(convExplorerSchema, 'v.1~k.blur').state).toEqual(blur);
    const custom = { ...defaults, kernel: 'custom' as const, weights: [1, 0, -1, 0.5, 0, -0.5, 0.0625, 0, -9], stride: 2, padding: 0, dilation: 3, shift: true, image: 'draw' as const };
    const link = encodeState(convExplorerSchema, custom);
    expect(link).toBe('v.1~im.draw~k.custom~w.1_0_-1_0.5_0_-0.5_0.0625_0_-9~s.2~p.0~d.3~sh.1');
    const back = decodeState(convExplorerSchema, link);
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual(custom);
    expect(kernelWeights(back.state)).toEqual(custom.weights);
  });

  it('bad values fall back with a notice; a preset ignores stray weights', () => {
    const { state, notices } = decodeState(convExplorerSchema, 'v.1~im.42~s.9~w.1_2');
    expect(state.image).toBe('18');
    expect(state.stride).toBe(1);
    expect(notices).toHaveLength(3);
    expect(kernelWeights(decodeState(convExplorerSchema, 'v.1~k.sharpen~w.1_1_1_1_1_1_1_1_1').state)).toEqual(KERNELS.sharpen.weights);
  });
});
