// Algorithmic sequence tasks for a decoder-only transformer: read a source
// sequence, a separator, and produce the answer (reversed, sorted or copied
// source). Test sources never appear in training, so accuracy on them
// measures the rule, not memory.

import { Rng } from '../random';

export type SequenceTaskKind = 'reverse' | 'sort' | 'copy';

export interface SequenceTaskOptions {
  /** Symbols per source sequence (default 6). */
  length?: number;
  /** Distinct symbols, ids 0…alphabet−1 (default 8); the separator is id alphabet. */
  alphabet?: number;
  train?: number;
  test?: number;
  seed?: number;
}

export interface SequenceSplit {
  n: number;
  /** n × length source symbols. */
  sources: Int32Array;
  /** n × 2·length model inputs: source, separator, answer minus its last symbol. */
  inputs: Float32Array;
  /** n × 2·length next-token targets: −1 over the source (nothing to learn
   * there), then the answer. Use ignoreIndex: −1. */
  targets: Int32Array;
}

export interface SequenceTask {
  kind: SequenceTaskKind;
  length: number;
  alphabet: number;
  separator: number;
  vocabSize: number;
  /** Input positions per example: 2·length. */
  sequenceLength: number;
  train: SequenceSplit;
  test: SequenceSplit;
}

/** The answer the task asks for. */
export function solveSequenceTask(kind: SequenceTaskKind, source: ArrayLike<number>): number[] {
  const s = Array.from(source);
  if (kind === 'reverse') return s.reverse();
  if (kind === 'sort') return s.sort((a, b) => a - b);
  return s;
}

function split(kind: SequenceTaskKind, sources: number[][], length: number, separator: number): SequenceSplit {
  const n = sources.length;
  const width = 2 * length;
  const out: SequenceSplit = { n, sources: new Int32Array(n * length), inputs: new Float32Array(n * width), targets: new Int32Array(n * width).fill(-1) };
  sources.forEach((src, i) => {
    const full = [...src, separator, ...solveSequenceTask(kind, src)];
    out.sources.set(src, i * length);
    for (let t = 0; t < width; t++) {
      out.inputs[i * width + t] = full[t];
      if (t >= length) out.targets[i * width + t] = full[t + 1];
    }
  });
  return out;
}

/** Distinct random sources, split into training and test sets. */
export function sequenceTask(kind: SequenceTaskKind, options: SequenceTaskOptions = {}): SequenceTask {
  const { length = 6, alphabet = 8, train = 4000, test = 500, seed = 0 } = options;
  if (alphabet ** length < 2 * (train + test)) throw new Error('sequenceTask: too few possible sequences for distinct train and test sets');
  const rng = new Rng(seed);
  const seen = new Set<string>();
  const sources: number[][] = [];
  while (sources.length < train + test) {
    const s = Array.from({ length }, () => rng.int(alphabet));
    const key = s.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    sources.push(s);
  }
  return {
    kind,
    length,
    alphabet,
    separator: alphabet,
    vocabSize: alphabet + 1,
    sequenceLength: 2 * length,
    train: split(kind, sources.slice(0, train), length, alphabet),
    test: split(kind, sources.slice(train), length, alphabet),
  };
}
