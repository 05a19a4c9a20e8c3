// Character tokenization and next-token training batches.

/** Maps characters to ids 2…V−1, with id 0 the start token and id 1 the end
 * token. A sequence is encoded as [start, c₁, …, cₙ, end]. */
export class CharTokenizer {
  static readonly START = '<s>';
  static readonly END = '</s>';
  readonly startId = 0;
  readonly endId = 1;
  readonly chars: readonly string[];
  private readonly ids: Map<string, number>;

  constructor(chars: readonly string[]) {
    this.chars = [...chars];
    this.ids = new Map(this.chars.map((c, i) => [c, i + 2]));
  }

  /** A tokenizer for every character in the texts, in sorted order. */
  static fromTexts(texts: readonly string[]): CharTokenizer {
    return new CharTokenizer([...new Set(texts.join(''))].sort());
  }

  get vocabSize(): number {
    return this.chars.length + 2;
  }

  encode(text: string, options: { start?: boolean; end?: boolean } = {}): number[] {
    const ids = Array.from(text, (c) => {
      const id = this.ids.get(c);
      if (id === undefined) throw new Error(`CharTokenizer: unknown character ${JSON.stringify(c)}`);
      return id;
    });
    if (options.start ?? true) ids.unshift(this.startId);
    if (options.end ?? true) ids.push(this.endId);
    return ids;
  }

  /** The text of ids, skipping start tokens and stopping at the end token. */
  decode(ids: readonly number[]): string {
    let text = '';
    for (const id of ids) {
      if (id === this.endId) break;
      if (id !== this.startId) text += this.token(id);
    }
    return text;
  }

  /** One token as text: a character, '<s>' or '</s>'. */
  token(id: number): string {
    if (id === this.startId) return CharTokenizer.START;
    if (id === this.endId) return CharTokenizer.END;
    const c = this.chars[id - 2];
    if (c === undefined) throw new Error(`CharTokenizer: no token ${id}`);
    return c;
  }
}

export interface NextTokenBatch {
  /** [batch, context] input ids, padded with `fill`. */
  inputs: Float32Array;
  /** [batch, context] the id that follows each input, −1 where there is
   * none (padding): pass ignoreIndex: −1 to softmaxCrossEntropy. */
  targets: Int32Array;
  batch: number;
  context: number;
}

/** Teacher-forcing pairs: input s[0…n−2] predicts s[1…n−1], each sequence
 * cut to `context` inputs and padded to exactly `context`. */
export function nextTokenBatch(sequences: readonly (readonly number[])[], indices: ArrayLike<number>, context: number, fill: number): NextTokenBatch {
  const batch = indices.length;
  const inputs = new Float32Array(batch * context).fill(fill);
  const targets = new Int32Array(batch * context).fill(-1);
  for (let b = 0; b < batch; b++) {
    const s = sequences[indices[b]];
    const n = Math.min(s.length - 1, context);
    for (let t = 0; t < n; t++) {
      inputs[b * context + t] = s[t];
      targets[b * context + t] = s[t + 1];
    }
  }
  return { inputs, targets, batch, context };
}
