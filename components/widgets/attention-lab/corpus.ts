/**
 * The lab's data in the worker: lines of characters (first names, or the
 * reader's text) for next-character prediction with the bigram baseline, or
 * the reversal task.
 */
import { BigramModel, CharTokenizer, firstNames, sequenceTask, type SequenceTask } from '@/engine';
import { REVERSE_ALPHABET, type TaskName } from './schema';
import { textLines, textProblem } from './text-check';

/** Smoothing values tried for the bigram; the best on validation is kept (the baseline's most favourable choice). */
const BIGRAM_SMOOTHING = [1, 0.3, 0.1, 0.03, 0.01];

export interface LineCorpus {
  kind: 'lines';
  tokenizer: CharTokenizer;
  /** Each line encoded as [<s>, c₁ … cₙ, </s>]. */
  train: number[][];
  validation: number[][];
  /** The bigram's validation loss (nats per token), the line to beat. */
  bigramLoss: number;
  context: number;
}

export interface ReverseCorpus {
  kind: 'reverse';
  task: SequenceTask;
  context: number;
}

export type Corpus = LineCorpus | ReverseCorpus;

/**
 * Lines encoded and cut to what a context of `context` inputs can read:
 * [<s>, c₁ … c_context] (the end token only when the line fits). The
 * bigram is fitted and measured on the same cut lines, so the two losses
 * count the same predictions.
 */
function lineCorpus(train: string[], validation: string[], tokenizer: CharTokenizer, context: number): LineCorpus {
  const encode = (lines: string[]) => lines.map((l) => tokenizer.encode(l).slice(0, context + 1));
  const trainIds = encode(train);
  const validationIds = encode(validation);
  const bigramLoss = Math.min(...BIGRAM_SMOOTHING.map((alpha) => new BigramModel(tokenizer.vocabSize, trainIds, alpha).loss(validationIds)));
  return { kind: 'lines', tokenizer, train: trainIds, validation: validationIds, bigramLoss, context };
}

/** Names are at most 15 letters: a context of 16 reads every one whole. */
export function corpusOf(task: TaskName, options: { length: number; text: string; context?: number }): Corpus {
  const context = options.context ?? 16;
  if (task === 'reverse') {
    const t = sequenceTask('reverse', { length: options.length, alphabet: REVERSE_ALPHABET, train: 4000, test: 200, seed: 7 });
    return { kind: 'reverse', task: t, context: t.sequenceLength };
  }
  if (task === 'names') {
    // The split is fixed (seed 1), so every run is measured on the same 842 held-out names.
    const data = firstNames({ seed: 1 });
    return lineCorpus(data.train, data.validation, data.tokenizer, context);
  }
  const problem = textProblem(options.text);
  if (problem) throw new Error(problem);
  const lines = textLines(options.text.toLowerCase(), context);
  if (lines.length < 10) throw new Error(`The text has ${lines.length} non-empty line${lines.length === 1 ? '' : 's'} once cut into pieces of ${context} characters; the lab needs at least 10.`);
  // Every tenth line is held out for validation.
  const validation = lines.filter((_, i) => i % 10 === 9);
  const train = lines.filter((_, i) => i % 10 !== 9);
  return lineCorpus(train, validation, CharTokenizer.fromTexts(lines), context);
}

/** The probe as token ids: for lines, <s> then every known character; for reversal, the digits, the separator and the answer so far. */
export function probeTokens(corpus: Corpus, probe: string): { ids: number[]; labels: string[] } {
  if (corpus.kind === 'reverse') {
    const n = corpus.task.length;
    const digits = [...probe].filter((c) => c >= '0' && c < String(REVERSE_ALPHABET)).map(Number);
    // Too few digits: pad with a fixed pattern; too many: keep the first n.
    const source = Array.from({ length: n }, (_, i) => digits[i] ?? (3 * i + 1) % REVERSE_ALPHABET);
    const answer = [...source].reverse();
    const ids = [...source, corpus.task.separator, ...answer.slice(0, n - 1)];
    return { ids, labels: ids.map((id) => (id === corpus.task.separator ? '|' : String(id))) };
  }
  const tok = corpus.tokenizer;
  const known = [...probe.toLowerCase()].filter((c) => tok.chars.includes(c)).slice(0, corpus.context - 1);
  const ids = [tok.startId, ...known.map((c) => tok.encode(c, { start: false, end: false })[0])];
  return { ids, labels: ids.map((id) => (id === tok.startId ? '<s>' : tok.token(id) === ' ' ? '␣' : tok.token(id))) };
}
