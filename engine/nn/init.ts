// Weight initializers. Each keeps the variance of activations roughly
// constant from layer to layer, for a different kind of nonlinearity.

import type { Rng } from '../random';
import { rand, randn, type Tensor } from '../tensor';

export type InitName = 'xavierUniform' | 'xavierNormal' | 'heUniform' | 'heNormal';

/** Xavier/Glorot uniform: U(−a, a) with a = gain·√(6/(fanIn + fanOut)).
 * Suits tanh, sigmoid and linear layers. */
export function xavierUniform(shape: readonly number[], fanIn: number, fanOut: number, rng: Rng, gain = 1): Tensor {
  const a = gain * Math.sqrt(6 / (fanIn + fanOut));
  return rand(shape, rng, { low: -a, high: a });
}

/** Xavier/Glorot normal: N(0, σ²) with σ = gain·√(2/(fanIn + fanOut)). */
export function xavierNormal(shape: readonly number[], fanIn: number, fanOut: number, rng: Rng, gain = 1): Tensor {
  return randn(shape, rng, { std: gain * Math.sqrt(2 / (fanIn + fanOut)) });
}

/** He/Kaiming uniform (fan-in, ReLU gain √2): U(−a, a) with a = √(6/fanIn).
 * Suits ReLU-like layers, which zero half their inputs. */
export function heUniform(shape: readonly number[], fanIn: number, _fanOut: number, rng: Rng): Tensor {
  const a = Math.sqrt(6 / fanIn);
  return rand(shape, rng, { low: -a, high: a });
}

/** He/Kaiming normal (fan-in, ReLU gain √2): N(0, 2/fanIn). */
export function heNormal(shape: readonly number[], fanIn: number, _fanOut: number, rng: Rng): Tensor {
  return randn(shape, rng, { std: Math.sqrt(2 / fanIn) });
}

export const initializers = { xavierUniform, xavierNormal, heUniform, heNormal } satisfies Record<InitName, unknown>;
