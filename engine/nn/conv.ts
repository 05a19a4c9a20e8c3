// Convolutional layers (NHWC) and a small CNN: conv blocks, then either
// global pooling or flattening, then a linear head.

import { add } from '../ops/binary';
import { type Conv2dOptions, conv2d, pair } from '../ops/conv';
import { avgPool2d, maxPool2d, type Pool2dOptions } from '../ops/pool';
import { reshape } from '../ops/movement';
import { max, mean } from '../ops/reduce';
import type { Rng } from '../random';
import { parameter, type Tensor, zeros } from '../tensor';
import { type ActivationName, activations } from './activations';
import { type InitName, initializers } from './init';
import { Linear } from './linear';
import { type Module, prefixed } from './module';

export interface Conv2dLayerOptions extends Conv2dOptions {
  rng: Rng;
  /** How to draw the filter (default heUniform: fan-in = kh·kw·in/groups). */
  init?: InitName;
  bias?: boolean;
}

/** A learned 2-D convolution: y = conv2d(x, W) + b, with x [N, H, W, in],
 * W [kh, kw, in/groups, out] (HWIO) and y [N, OH, OW, out]. */
export class Conv2d implements Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly options: Conv2dOptions;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | readonly [number, number],
    options: Conv2dLayerOptions,
  ) {
    const [kh, kw] = pair(kernelSize);
    const groups = options.groups ?? 1;
    if (inChannels % groups || outChannels % groups) throw new Error(`Conv2d: ${inChannels}→${outChannels} channels do not split into ${groups} groups`);
    const fanIn = (kh * kw * inChannels) / groups;
    const fanOut = (kh * kw * outChannels) / groups;
    const init = initializers[options.init ?? 'heUniform'];
    this.weight = parameter(init([kh, kw, inChannels / groups, outChannels], fanIn, fanOut, options.rng));
    this.bias = options.bias === false ? null : parameter(zeros([outChannels]));
    const { stride, padding, dilation } = options;
    this.options = { stride, padding, dilation, groups };
  }

  forward(x: Tensor): Tensor {
    const y = conv2d(x, this.weight, this.options);
    return this.bias ? add(y, this.bias) : y;
  }

  parameters(): Tensor[] {
    return this.bias ? [this.weight, this.bias] : [this.weight];
  }

  namedParameters(): [string, Tensor][] {
    return this.bias ? [['weight', this.weight], ['bias', this.bias]] : [['weight', this.weight]];
  }

  dispose(): void {
    this.weight.dispose();
    this.bias?.dispose();
  }
}

/** Max or average pooling as a layer (no parameters). */
export class Pool2d implements Module {
  constructor(
    readonly kind: 'max' | 'avg',
    readonly window: number | readonly [number, number],
    readonly options: Pool2dOptions = {},
  ) {}

  forward(x: Tensor): Tensor {
    return (this.kind === 'max' ? maxPool2d : avgPool2d)(x, this.window, this.options);
  }

  parameters(): Tensor[] {
    return [];
  }

  namedParameters(): [string, Tensor][] {
    return [];
  }

  dispose(): void {}
}

/** Pools [N, H, W, C] over all of H and W → [N, C]. */
export function globalPool2d(x: Tensor, kind: 'avg' | 'max' = 'avg'): Tensor {
  return kind === 'avg' ? mean(x, [1, 2]) : max(x, [1, 2]);
}

export interface CnnOptions {
  /** Input channels (1 for grayscale). */
  inChannels: number;
  /** Output channels of each conv block, e.g. [8, 16]. */
  channels: readonly number[];
  classes: number;
  rng: Rng;
  /** Square kernel size of every conv (default 3, 'same' padding). */
  kernelSize?: number;
  activation?: ActivationName;
  /** Pooling after each block: a 2×2 window, stride 2 (default 'max'). */
  pool?: 'max' | 'avg' | 'none';
  /** How the last block's maps become one vector (default 'avg'), when the head pools. */
  globalPool?: 'avg' | 'max';
  /**
   * 'pool' (default): global pooling, so the head has C_last·K weights and
   * forgets where a feature was. 'flatten': the last maps, h·w·C_last
   * numbers, all feed the head, which keeps their positions (needs
   * `inputSize`).
   */
  head?: 'pool' | 'flatten';
  /** Input height and width (square if one number); needed by head 'flatten'. */
  inputSize?: number | readonly [number, number];
}

/** Height and width after the blocks: 'same' convolutions keep them, each 2×2 pool halves them (rounding up). */
export function cnnFeatureSize(inputSize: number | readonly [number, number], blocks: number, pool: 'max' | 'avg' | 'none' = 'max'): [number, number] {
  let [h, w] = pair(inputSize);
  if (pool !== 'none') for (let i = 0; i < blocks; i++) [h, w] = [Math.ceil(h / 2), Math.ceil(w / 2)];
  return [h, w];
}

/** A small CNN: [conv → activation → pool] per block, global pooling or
 * flattening, and a linear layer to class logits. x is [N, H, W, inChannels]. */
export class CNN implements Module {
  readonly convs: Conv2d[];
  readonly pools: (Pool2d | null)[];
  readonly head: Linear;
  readonly activation: ActivationName;
  readonly globalPool: 'avg' | 'max';
  readonly headKind: 'pool' | 'flatten';

  constructor(options: CnnOptions) {
    const { inChannels, channels, classes, rng, kernelSize = 3, pool = 'max' } = options;
    if (channels.length === 0) throw new Error('CNN needs at least one conv block');
    this.activation = options.activation ?? 'relu';
    this.globalPool = options.globalPool ?? 'avg';
    this.headKind = options.head ?? 'pool';
    this.convs = channels.map((out, i) => new Conv2d(i === 0 ? inChannels : channels[i - 1], out, kernelSize, { rng, padding: 'same' }));
    this.pools = channels.map(() => (pool === 'none' ? null : new Pool2d(pool, 2, { padding: 'same' })));
    const last = channels[channels.length - 1];
    let features = last;
    if (this.headKind === 'flatten') {
      if (options.inputSize === undefined) throw new Error("CNN: head 'flatten' needs the inputSize");
      const [h, w] = cnnFeatureSize(options.inputSize, channels.length, pool);
      features = h * w * last;
    }
    this.head = new Linear(features, classes, { rng });
  }

  /** Class logits [N, classes]. With { features: true }, also each block's
   * output ([N, h, w, channels], after activation and pooling). */
  forward(x: Tensor): Tensor;
  forward(x: Tensor, options: { features: true }): { logits: Tensor; features: Tensor[] };
  forward(x: Tensor, options?: { features: true }): Tensor | { logits: Tensor; features: Tensor[] } {
    const features: Tensor[] = [];
    let h = x;
    this.convs.forEach((conv, i) => {
      h = activations[this.activation](conv.forward(h));
      h = this.pools[i]?.forward(h) ?? h;
      features.push(h);
    });
    const vector = this.headKind === 'flatten' ? reshape(h, [h.shape[0], h.shape[1] * h.shape[2] * h.shape[3]]) : globalPool2d(h, this.globalPool);
    const logits = this.head.forward(vector);
    return options?.features ? { logits, features } : logits;
  }

  parameters(): Tensor[] {
    return [...this.convs.flatMap((c) => c.parameters()), ...this.head.parameters()];
  }

  namedParameters(): [string, Tensor][] {
    return [...this.convs.flatMap((c, i) => prefixed(`convs.${i}`, c)), ...prefixed('head', this.head)];
  }

  dispose(): void {
    for (const c of this.convs) c.dispose();
    this.head.dispose();
  }
}
