/**
 * A tiny decoder-only transformer trained in the worker: on first names or
 * the reader's text (predict the next character; the bigram's validation
 * loss is the line to beat) or on reversing a sequence of digits (held-out
 * token accuracy). Each frame carries the attention maps of every layer and
 * head for the reader's input, at most ~10 times a second, and new samples
 * about once a second.
 *
 * Switches that change the model restart it: without the causal mask every
 * position also sees the token it must predict, so the training loss
 * collapses by peeking; the honest measure is then the same model run with
 * the mask, as it must be when it generates. Without positional embeddings
 * attention sees a bag of tokens, and reversal, which is all about order,
 * cannot be learned.
 */
import {
  Adam,
  argmax,
  backward,
  generate,
  Minibatches,
  nextTokenBatch,
  noGrad,
  parameterCount,
  reshape,
  Rng,
  scope,
  softmaxCrossEntropy,
  takeRows,
  tensor,
  Transformer,
  type SequenceSplit,
} from '@/engine';
import { defineModel } from '@/workers/model';
import { corpusOf, probeTokens, type LineCorpus, type ReverseCorpus } from './corpus';
import { EVAL_EVERY, LOSS_EVERY, type TaskName } from './schema';

const MAPS_EVERY_MS = 100;
const SAMPLES_EVERY_MS = 1000;
const SAMPLES = 6;

export interface AttentionLabConfig {
  task: TaskName;
  /** The reader's text (task 'text' only; '' otherwise). */
  text: string;
  /** Digits per reversal example. */
  length: number;
  /** Inputs the model reads at most (names and text; reversal reads 2·length). */
  context: number;
  layers: number;
  heads: number;
  width: number;
  causal: boolean;
  positions: boolean;
  lr: number;
  temperature: number;
  topK: number;
  probe: string;
  batch: number;
  maxSteps: number;
}

/** Every layer's and head's attention for the probe: maps[(layer·heads + head)·L² + i·L + j] = weight of position j in row i. */
export interface AttentionMaps {
  layers: number;
  heads: number;
  length: number;
  data: Float32Array;
  /** The probe's tokens as text, one per position. */
  labels: string[];
}

/** The head whose answer rows look most at the mirrored source position (reversal only). */
export interface MirrorHead {
  layer: number;
  head: number;
  /** Mean weight on the mirrored source position over the answer rows. */
  weight: number;
}

export interface AttentionLabFrame {
  task: TaskName;
  /** The steps of each held-out measurement. */
  evalSteps: Float32Array;
  /** Training loss averaged over LOSS_EVERY steps. */
  trainLoss: Float32Array;
  /** Lines: validation loss per token (nats), as the model generates (with the mask). Reversal: held-out token accuracy. */
  heldOut: Float32Array;
  /** Lines: the bigram's validation loss. */
  bigramLoss: number | null;
  /** Without the mask: the validation loss (or accuracy) the model gets while it can peek, for comparison. */
  peeking: Float32Array | null;
  maps: AttentionMaps | null;
  mirror: MirrorHead | null;
  /** New lines sampled with T and top-k (lines), or the greedy answer to the probe (reversal); null between refreshes. */
  samples: string[] | null;
  parameters: number;
  vocabulary: number;
  context: number;
}

/** Mean cross-entropy per target token over a set of lines, in batches, with or without the mask. */
function lineLoss(model: Transformer, corpus: LineCorpus, lines: number[][], causal: boolean): number {
  return noGrad(() => {
    const saved = model.causal;
    model.causal = causal;
    let total = 0;
    let count = 0;
    try {
      for (let start = 0; start < lines.length; start += 256) {
        const idx = Array.from({ length: Math.min(256, lines.length - start) }, (_, i) => start + i);
        const b = batchOfLines(corpus, lines, idx);
        total += scope(() => {
          const logits = model.forward(tensor(b.inputs, [b.batch, b.context]));
          return softmaxCrossEntropy(reshape(logits, [b.batch * b.context, corpus.tokenizer.vocabSize]), b.targets, { ignoreIndex: -1, reduction: 'sum' }).item();
        });
        count += b.targets.filter((y) => y >= 0).length;
      }
    } finally {
      model.causal = saved;
    }
    return total / count;
  });
}

/** A batch of lines, as long as its longest line (less padding to compute). */
function batchOfLines(corpus: LineCorpus, lines: number[][], idx: ArrayLike<number>) {
  let longest = 1;
  for (let i = 0; i < idx.length; i++) longest = Math.max(longest, lines[idx[i]].length - 1);
  return nextTokenBatch(lines, idx, Math.min(corpus.context, longest), corpus.tokenizer.endId);
}

/** Fraction of answer tokens predicted right with every earlier answer token given (teacher forcing). */
function tokenAccuracy(model: Transformer, corpus: ReverseCorpus, split: SequenceSplit, causal: boolean): number {
  const t = corpus.task.sequenceLength;
  return noGrad(() => {
    const saved = model.causal;
    model.causal = causal;
    try {
      const predicted = scope(() => argmax(reshape(model.forward(tensor(split.inputs, [split.n, t])), [split.n * t, corpus.task.vocabSize])));
      let right = 0;
      let counted = 0;
      split.targets.forEach((y, i) => {
        if (y < 0) return;
        counted++;
        if (predicted[i] === y) right++;
      });
      return right / counted;
    } finally {
      model.causal = saved;
    }
  });
}

/** For reversal: in each head, the mean weight that answer row n + j puts on source position n − 1 − j. */
export function mirrorHead(maps: AttentionMaps, n: number): MirrorHead {
  const L = maps.length;
  let best: MirrorHead = { layer: 0, head: 0, weight: 0 };
  for (let layer = 0; layer < maps.layers; layer++) {
    for (let head = 0; head < maps.heads; head++) {
      const base = (layer * maps.heads + head) * L * L;
      let sum = 0;
      for (let j = 0; j < n; j++) sum += maps.data[base + (n + j) * L + (n - 1 - j)];
      const weight = sum / n;
      if (weight > best.weight) best = { layer, head, weight };
    }
  }
  return best;
}

export function buildAttentionLab(config: AttentionLabConfig, seed: number) {
  const corpus = corpusOf(config.task, { length: config.length, text: config.text, context: config.context });
  const vocabulary = corpus.kind === 'lines' ? corpus.tokenizer.vocabSize : corpus.task.vocabSize;
  const model = new Transformer({
    vocabSize: vocabulary,
    context: corpus.context,
    dModel: config.width,
    heads: config.heads,
    layers: config.layers,
    mlpRatio: 2,
    rng: new Rng(seed),
    causal: config.causal,
    positional: config.positions ? 'learned' : 'none',
  });
  const optimizer = new Adam(model.parameters(), { lr: config.lr });
  const trainCount = corpus.kind === 'lines' ? corpus.train.length : corpus.task.train.n;
  const batches = new Minibatches(trainCount, config.batch, new Rng(seed + 1));
  let temperature = config.temperature;
  let topK = config.topK;
  let probe = probeTokens(corpus, config.probe);

  const evalSteps: number[] = [];
  const heldOut: number[] = [];
  const peeking: number[] = [];
  const trainLoss: number[] = [];
  let lossSum = 0;
  let lossCount = 0;
  let steps = 0;

  const measure = () => {
    evalSteps.push(steps);
    if (corpus.kind === 'lines') {
      heldOut.push(lineLoss(model, corpus, corpus.validation, true));
      if (!config.causal) peeking.push(lineLoss(model, corpus, corpus.validation, false));
    } else {
      heldOut.push(tokenAccuracy(model, corpus, corpus.task.test, true));
      if (!config.causal) peeking.push(tokenAccuracy(model, corpus, corpus.task.test, false));
    }
  };

  const lossOfBatch = (idx: Int32Array) => {
    if (corpus.kind === 'lines') {
      const b = batchOfLines(corpus, corpus.train, idx);
      const logits = model.forward(tensor(b.inputs, [b.batch, b.context]), { training: true });
      return softmaxCrossEntropy(reshape(logits, [b.batch * b.context, vocabulary]), b.targets, { ignoreIndex: -1 });
    }
    const t = corpus.task.sequenceLength;
    const logits = model.forward(tensor(takeRows(corpus.task.train.inputs, t, idx), [idx.length, t]), { training: true });
    return softmaxCrossEntropy(reshape(logits, [idx.length * t, vocabulary]), takeRows(corpus.task.train.targets, t, idx), { ignoreIndex: -1 });
  };

  const mapsOf = (): AttentionMaps => {
    const maps = model.attentionMaps(probe.ids);
    const L = probe.ids.length;
    const data = new Float32Array(config.layers * config.heads * L * L);
    maps.forEach((layer, l) => layer.forEach((head, h) => data.set(head, (l * config.heads + h) * L * L)));
    return { layers: config.layers, heads: config.heads, length: L, data, labels: probe.labels };
  };

  /** Samples with the current T and top-k, drawn from a seed tied to the step (the same run shows the same samples). */
  const samplesNow = (): string[] => {
    if (corpus.kind === 'lines') {
      const rng = new Rng(seed * 100_003 + steps);
      const tok = corpus.tokenizer;
      return Array.from({ length: SAMPLES }, () =>
        tok.decode(generate(model, [tok.startId], { temperature, topK: topK || undefined, rng, maxNewTokens: corpus.context - 1, stopToken: tok.endId })),
      );
    }
    // Reversal: the greedy answer to the probe's digits, written one digit at a time.
    const n = corpus.task.length;
    const prompt = probe.ids.slice(0, n + 1);
    const answer = generate(model, prompt, { temperature: 0, rng: new Rng(0), maxNewTokens: n });
    return [answer.map(String).join(' ')];
  };

  let mapsAt = -Infinity;
  let samplesAt = -Infinity;

  measure();

  return {
    maxSteps: config.maxSteps,
    step(): number {
      const idx = batches.next();
      const loss = scope(() => {
        optimizer.zeroGrad();
        const l = lossOfBatch(idx);
        backward(l);
        optimizer.step();
        return l.item();
      });
      steps++;
      lossSum += loss;
      if (++lossCount === LOSS_EVERY) {
        trainLoss.push(lossSum / LOSS_EVERY);
        lossSum = lossCount = 0;
      }
      if (steps % EVAL_EVERY === 0) measure();
      return loss;
    },
    epoch: () => batches.epoch,
    snapshot(options?: { playing: boolean }): AttentionLabFrame {
      const now = performance.now();
      const fresh = !options?.playing;
      const maps = fresh || now - mapsAt >= MAPS_EVERY_MS ? mapsOf() : null;
      if (maps) mapsAt = now;
      const samples = fresh || now - samplesAt >= SAMPLES_EVERY_MS ? samplesNow() : null;
      if (samples) samplesAt = now;
      return {
        task: config.task,
        evalSteps: new Float32Array(evalSteps),
        trainLoss: new Float32Array(trainLoss),
        heldOut: new Float32Array(heldOut),
        bigramLoss: corpus.kind === 'lines' ? corpus.bigramLoss : null,
        peeking: config.causal ? null : new Float32Array(peeking),
        maps,
        mirror: maps && corpus.kind === 'reverse' ? mirrorHead(maps, corpus.task.length) : null,
        samples,
        parameters: parameterCount(model),
        vocabulary,
        context: corpus.context,
      };
    },
    live: {
      lr: (lr: number) => (optimizer.lr = lr),
      temperature: (t: number) => (temperature = t),
      topK: (k: number) => (topK = k),
      probe: (text: string) => (probe = probeTokens(corpus, text)),
    },
    queries: {},
    dispose() {
      model.dispose();
      optimizer.dispose();
    },
  };
}

export default defineModel({ kind: 'attention-lab', build: buildAttentionLab });
