/**
 * Pure drawing for the attention lab: the loss (and accuracy) charts as SVG
 * markup, and each attention map as a picture for a canvas, one pixel per
 * (query, key) pair, scaled up by CSS with the tokens written beside it.
 */
import { heatColors, plotBox, stepChartSvg, tilesPicture, yScale, type Picture, type PlotBox, type StepSeries, type Theme } from '@/components/plots';
import type { AttentionLabFrame, AttentionMaps } from './model';
import { EVAL_EVERY, LOSS_EVERY } from './schema';

export const CHART_BOX: PlotBox = plotBox(420, 200, { top: 12, right: 14, bottom: 36, left: 48 });

const TRAIN = { color: 'var(--accent)' };
const HELD_OUT = { color: 'var(--text)', dash: '5 4' };
const PEEKING = { color: 'var(--muted)', dash: '1 3' };
const BASELINE = 'var(--muted)';

/** Steps of each training-loss point (the end of each stretch of LOSS_EVERY steps). */
function lossSteps(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => (i + 1) * LOSS_EVERY);
}

function finiteMax(values: ArrayLike<number>[], floor: number): number {
  let hi = floor;
  for (const v of values) for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i])) hi = Math.max(hi, v[i]);
  return hi;
}

/**
 * Cross-entropy against the step: training loss, and for the lines tasks
 * the held-out loss (measured with the mask, as the model generates) and
 * the bigram's as the line to beat; without the mask, also the held-out
 * loss the model gets while it peeks.
 */
export function drawLossChart(frame: AttentionLabFrame, maxStep: number): string {
  const series: StepSeries[] = [{ name: 'training loss', ys: frame.trainLoss, xs: lossSteps(frame.trainLoss.length), color: TRAIN.color }];
  const lines = frame.bigramLoss !== null;
  if (lines) {
    series.push({ name: 'held-out loss', ys: frame.heldOut, xs: frame.evalSteps, ...HELD_OUT });
    if (frame.peeking) series.push({ name: 'held-out loss, peeking', ys: frame.peeking, xs: frame.evalSteps, ...PEEKING });
  }
  const hi = finiteMax([frame.trainLoss, lines ? frame.heldOut : [], frame.peeking ?? []], frame.bigramLoss ?? 0.5);
  const y = yScale(CHART_BOX, [0, hi], { nice: true });
  const references = lines ? [{ label: `bigram ${frame.bigramLoss!.toFixed(2)}`, value: frame.bigramLoss!, color: BASELINE }] : [];
  return stepChartSvg(CHART_BOX, series, y, { maxStep, yLabel: 'loss (nats per token)', references });
}

/** Reversal: held-out token accuracy against the step (and, without the mask, the accuracy while peeking). */
export function drawAccuracyChart(frame: AttentionLabFrame, maxStep: number): string {
  const series: StepSeries[] = [{ name: 'held-out accuracy', ys: frame.heldOut, xs: frame.evalSteps, ...HELD_OUT }];
  if (frame.peeking) series.push({ name: 'accuracy, peeking', ys: frame.peeking, xs: frame.evalSteps, ...PEEKING });
  const y = yScale(CHART_BOX, [0, 1]);
  return stepChartSvg(CHART_BOX, series, y, { maxStep, yLabel: 'held-out token accuracy', yFormat: (v) => `${Math.round(v * 100)}%` });
}

/** The keys of the charts' lines, for the HTML legend under them. */
export function chartKey(frame: Pick<AttentionLabFrame, 'bigramLoss' | 'peeking'>): { label: string; color: string; dash?: string }[] {
  const lines = frame.bigramLoss !== null;
  return [
    { label: 'training loss', ...TRAIN },
    { label: lines ? 'held-out loss (masked, as it generates)' : 'held-out token accuracy', ...HELD_OUT },
    ...(frame.peeking ? [{ label: lines ? 'held-out loss while peeking' : 'accuracy while peeking', ...PEEKING }] : []),
    ...(lines ? [{ label: 'bigram baseline', color: BASELINE, dash: '2 3' }] : []),
  ];
}

/** The right end of the step axis: the run so far, at least 1,000 steps, rounded up to an evaluation. */
export function stepAxisEnd(step: number): number {
  return Math.max(1000, Math.ceil(step / EVAL_EVERY) * EVAL_EVERY);
}

/**
 * One head's L×L attention weights as a picture: row i is query i, column j
 * key j, coloured from 0 to 1. A weight of exactly 0 is a masked pair (a
 * softmax never gives 0 otherwise): it is left transparent.
 */
export function attentionPicture(maps: AttentionMaps, layer: number, head: number, theme: Theme): Picture {
  const L = maps.length;
  const at = (layer * maps.heads + head) * L * L;
  const weights = maps.data.subarray(at, at + L * L);
  const picture = tilesPicture(weights, L, L, 1, { columns: 1, color: heatColors(theme), scale: () => 1 });
  weights.forEach((w, k) => {
    if (w === 0) picture.pixels[4 * k + 3] = 0;
  });
  return picture;
}

/** A sentence for screen readers: where each row of a head looks most. */
export function describeHead(maps: AttentionMaps, layer: number, head: number): string {
  const L = maps.length;
  const at = (layer * maps.heads + head) * L * L;
  const rows = Array.from({ length: L }, (_, i) => {
    let best = 0;
    for (let j = 1; j < L; j++) if (maps.data[at + i * L + j] > maps.data[at + i * L + best]) best = j;
    return `${maps.labels[i]}→${maps.labels[best]} ${Math.round(100 * maps.data[at + i * L + best])}%`;
  });
  return `Layer ${layer + 1}, head ${head + 1}: each position's strongest attention: ${rows.join(', ')}.`;
}
