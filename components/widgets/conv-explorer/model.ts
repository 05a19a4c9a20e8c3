/**
 * One 3×3 kernel run over a 28×28 image by the engine's conv2d, in the
 * worker: layer 1 is the image's feature map, layer 2 the same kernel with
 * the same geometry run over layer 1 (no nonlinearity: it is there to show
 * how the receptive field grows). The same is done for the image shifted
 * one pixel to the right, and the two layer-1 maps are compared: at stride 1
 * the shifted image's map is the original map shifted (convolution is
 * equivariant to shifts); at stride 2 or 3 it is no whole-pixel shift of it.
 * Nothing trains: the run answers one query.
 */
import { conv2d, noGrad, scope, tensor } from '@/engine';
import { defineQueryModel } from '@/workers/model';
import { IMAGE_SIZE, KERNEL_SIZE, span, type ConvSettings } from './geometry';

export interface ConvQuery extends ConvSettings {
  /** 784 values in [0, 1], row-major 28×28. */
  image: Float32Array;
  /** 9 weights, row-major 3×3. */
  kernel: readonly number[];
}

export interface LayerMaps {
  /** Layer 1: size² values, row-major. */
  map: Float32Array;
  /** Layer 2: layer2Size² values. */
  layer2: Float32Array;
}

/** How the shifted image's layer-1 map compares with the original map moved by whole pixels. */
export interface ShiftCheck {
  /** The move of the original map (0 or 1 output pixel to the right) that comes closest. */
  offset: number;
  /** max |shifted map − original map moved by offset| over the compared pixels. */
  maxDifference: number;
  /** Pixels compared: those whose window lies inside the image, away from the column that entered and the one that left. */
  compared: number;
  /** 1 where a compared pixel differs (by more than 1e-5), row-major over the layer-1 map. */
  differs: Uint8Array;
}

export interface ConvAnswer {
  /** What this answer was computed for (a later request may have changed the page's settings). */
  settings: ConvSettings;
  kernel: number[];
  /** Side of the layer-1 map: the engine's output shape [1, size, size, 1]. */
  size: number;
  layer2Size: number;
  image: Float32Array;
  /** The image moved one pixel right: column 0 is blank, column 27 falls off. */
  shiftedImage: Float32Array;
  original: LayerMaps;
  shifted: LayerMaps;
  shift: ShiftCheck;
}

/** The image moved one pixel to the right, a blank column entering at the left. */
export function shiftRight(image: ArrayLike<number>, n = IMAGE_SIZE): Float32Array {
  const out = new Float32Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 1; c < n; c++) out[r * n + c] = image[r * n + c - 1];
  return out;
}

/** Both layers through the engine's conv2d, NHWC: x [1, n, n, 1], w [3, 3, 1, 1]. */
export function featureMaps(image: ArrayLike<number>, kernel: readonly number[], settings: ConvSettings, n = IMAGE_SIZE): LayerMaps & { size: number; layer2Size: number } {
  return noGrad(() =>
    scope(() => {
      const options = { stride: settings.stride, padding: settings.padding, dilation: settings.dilation };
      const w = tensor(Float32Array.from(kernel), [KERNEL_SIZE, KERNEL_SIZE, 1, 1]);
      const y1 = conv2d(tensor(Float32Array.from(image), [1, n, n, 1]), w, options);
      const y2 = conv2d(y1, w, options);
      return { map: y1.toArray(), layer2: y2.toArray(), size: y1.shape[1], layer2Size: y2.shape[1] };
    }),
  );
}

/**
 * Compares the shifted image's map with the original map moved right by 0
 * and by 1 output pixel, over the output pixels whose window (in the
 * shifted image) lies inside columns 1 … n − 1: it reads neither padding,
 * nor the blank column that entered, nor a place where the column that fell
 * off would have been. Keeps the closer move.
 */
export function compareShift(original: Float32Array, shifted: Float32Array, size: number, settings: ConvSettings, n = IMAGE_SIZE): ShiftCheck {
  const reach = span(settings.dilation) - 1;
  let best: ShiftCheck | null = null;
  for (const offset of [1, 0]) {
    const differs = new Uint8Array(size * size);
    let maxDifference = 0;
    let compared = 0;
    for (let j = offset; j < size; j++) {
      const first = j * settings.stride - settings.padding;
      if (first < 1 || first + reach > n - 1) continue;
      for (let i = 0; i < size; i++) {
        const diff = Math.abs(shifted[i * size + j] - original[i * size + j - offset]);
        compared++;
        if (diff > maxDifference) maxDifference = diff;
        if (diff > 1e-5) differs[i * size + j] = 1;
      }
    }
    if (!best || maxDifference < best.maxDifference) best = { offset, maxDifference, compared, differs };
  }
  return best!;
}

export function convolve(query: ConvQuery): ConvAnswer {
  const settings: ConvSettings = { stride: query.stride, padding: query.padding, dilation: query.dilation };
  const kernel = Array.from(query.kernel);
  const image = Float32Array.from(query.image);
  const shiftedImage = shiftRight(image);
  const a = featureMaps(image, kernel, settings);
  const b = featureMaps(shiftedImage, kernel, settings);
  return {
    settings,
    kernel,
    size: a.size,
    layer2Size: a.layer2Size,
    image,
    shiftedImage,
    original: { map: a.map, layer2: a.layer2 },
    shifted: { map: b.map, layer2: b.layer2 },
    shift: compareShift(a.map, b.map, a.size, settings),
  };
}

export default defineQueryModel('conv-explorer', {
  maps: (query: ConvQuery) => convolve(query),
});
