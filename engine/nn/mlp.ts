// A multilayer perceptron: Linear layers with an activation between them.

import type { Rng } from '../random';
import type { Tensor } from '../tensor';
import { type ActivationName, activations } from './activations';
import type { InitName } from './init';
import { Linear } from './linear';
import type { Module } from './module';

export interface MlpOptions {
  /** Layer widths from input to output, e.g. [2, 8, 8, 1]. */
  sizes: readonly number[];
  /** Between hidden layers (default tanh). */
  activation?: ActivationName;
  /** After the last layer (default linear: logits or raw regression). */
  outputActivation?: ActivationName;
  /** Default: He for ReLU-like activations, Xavier otherwise. */
  init?: InitName;
  rng: Rng;
}

const RELU_LIKE: ReadonlySet<ActivationName> = new Set(['relu', 'leakyRelu', 'elu', 'gelu', 'geluTanh', 'silu']);

export class MLP implements Module {
  readonly layers: Linear[];
  readonly activation: ActivationName;
  readonly outputActivation: ActivationName;

  constructor(options: MlpOptions) {
    const { sizes, rng } = options;
    if (sizes.length < 2) throw new Error('MLP needs at least input and output sizes');
    this.activation = options.activation ?? 'tanh';
    this.outputActivation = options.outputActivation ?? 'linear';
    const init = options.init ?? (RELU_LIKE.has(this.activation) ? 'heUniform' : 'xavierUniform');
    this.layers = sizes.slice(1).map((out, i) => new Linear(sizes[i], out, { rng, init }));
  }

  /** The network's output for x: [batch, sizes[0]]. With { hidden: true },
   * also every hidden layer's activations ([batch, width] each), which is
   * what a playground draws as each neuron's field. */
  forward(x: Tensor): Tensor;
  forward(x: Tensor, options: { hidden: true }): { output: Tensor; hidden: Tensor[] };
  forward(x: Tensor, options?: { hidden: true }): Tensor | { output: Tensor; hidden: Tensor[] } {
    const hidden: Tensor[] = [];
    const act = activations[this.activation];
    let h = x;
    this.layers.forEach((layer, i) => {
      const last = i === this.layers.length - 1;
      h = last ? activations[this.outputActivation](layer.forward(h)) : act(layer.forward(h));
      if (!last) hidden.push(h);
    });
    return options?.hidden ? { output: h, hidden } : h;
  }

  parameters(): Tensor[] {
    return this.layers.flatMap((l) => l.parameters());
  }

  namedParameters(): [string, Tensor][] {
    return this.layers.flatMap((l, i) => l.namedParameters().map(([n, p]): [string, Tensor] => [`layers.${i}.${n}`, p]));
  }

  dispose(): void {
    for (const l of this.layers) l.dispose();
  }
}
