/**
 * The sentences and numbers under the picture, from the worker's answer:
 * pure functions, tested beside the drawings.
 */
import { indexed } from './pairs';

/** What the d − 2 coordinates the reader cannot see are. */
export function hiddenText(d: number, seed: number): string {
  if (d <= 2) return 'd = 2: no hidden coordinates, q and the keys are the points you see.';
  return `d − 2 = ${d - 2} hidden coordinates, random: q and each key also have ${d - 2} standard normal coordinates (seed ${seed}) beside the 2 you drag.`;
}

export function entropyText(entropy: number): string {
  return `${Math.max(0, entropy).toFixed(3)} nats`;
}

/** A weight within 0.01 of 1: the lookup has become a hard one. */
export const isOneHot = (weights: ArrayLike<number>) => Array.from(weights).some((a) => a >= 0.99);

export function spreadAside(d: number, scaled: boolean): string {
  return scaled ? 'divided by √d: stays near 1 as d grows' : `not divided: grows like √d = ${Math.sqrt(d).toFixed(1)}`;
}

export interface PermutationFacts {
  n: number;
  shift: number;
  order: readonly number[];
  permutation: { outputDifference: number; weightsDifference: number };
  sequenceDifference: number;
}

const permuted = (f: PermutationFacts) => f.shift % f.n !== 0;

export function permutationText(f: PermutationFacts): string {
  if (!permuted(f)) return 'Pairs in their first order. Permute moves every pair one place on (the last to the front).';
  const order = f.order.map((pair) => indexed('k', pair)).join(' ');
  const d = f.permutation.outputDifference;
  const output = d < 5e-4 ? `output unchanged (difference ${d.toFixed(3)})` : `output moved by ${d.toFixed(3)}`;
  return `Pairs permuted (rows now ${order}): weights moved with their pairs, ${output}.`;
}

export function sequenceText(f: PermutationFacts): string {
  if (!permuted(f)) return 'As a sequence: were each key also a query (self-attention over the n pairs), permuting the tokens would permute the n outputs. Permute to check.';
  return `As a sequence: with each key also a query (self-attention over the n pairs), the n outputs came out permuted the same way (difference ${f.sequenceDifference.toFixed(3)}).`;
}
