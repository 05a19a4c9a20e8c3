// What every model offers: its parameters, in a fixed order.

import type { Tensor } from '../tensor';

export interface Module {
  /** The trainable tensors, always in the same order. */
  parameters(): Tensor[];
  /** The same tensors with stable names ("layers.0.weight"). */
  namedParameters(): [string, Tensor][];
}

/** Copies of every parameter's values, e.g. for a worker's snapshot. */
export function snapshotParameters(module: Module): Record<string, Float32Array> {
  return Object.fromEntries(module.namedParameters().map(([name, p]) => [name, p.toArray()]));
}

/** Writes values saved by snapshotParameters back into the parameters. */
export function loadParameters(module: Module, values: Record<string, ArrayLike<number>>): void {
  for (const [name, p] of module.namedParameters()) {
    const v = values[name];
    if (!v) throw new Error(`loadParameters: no values for ${name}`);
    if (v.length !== p.size) throw new Error(`loadParameters: ${name} needs ${p.size} values, got ${v.length}`);
    p.backend.write(p.storage, v);
  }
}

export function parameterCount(module: Module): number {
  return module.parameters().reduce((n, p) => n + p.size, 0);
}

/** A child module's named parameters under `prefix.` ("blocks.0.attention.query.weight"). */
export function prefixed(prefix: string, module: Module): [string, Tensor][] {
  return module.namedParameters().map(([name, p]): [string, Tensor] => [`${prefix}.${name}`, p]);
}
