// The tiny transformer learns to reverse sequences it has never seen.

import { expect, it } from 'vitest';
import { sequenceRun } from '@/engine/bench/transformer-reversal';

it('a 2-layer transformer reverses held-out sequences (≥ 95% of answer tokens, written greedily)', () => {
  // 4,000 training sequences of 6 symbols from 8; 200 unseen ones to test.
  const run = sequenceRun({ kind: 'reverse', length: 6, alphabet: 8, trainSize: 4000, testSize: 200, dModel: 32, heads: 4, layers: 2, mlpRatio: 2, batch: 32, seed: 1 });
  const start = performance.now();
  let loss = NaN;
  for (let i = 0; i < 60; i++) loss = run.step();
  const seconds = (performance.now() - start) / 1000;
  const teacherForced = run.tokenAccuracy();
  const greedy = run.greedyAccuracy();
  console.log(
    `reversal: held-out token accuracy ${(100 * greedy).toFixed(1)}% greedy, ${(100 * teacherForced).toFixed(1)}% teacher-forced; last loss ${loss.toFixed(4)}; ${(60 / seconds).toFixed(1)} steps/s`,
  );
  expect(greedy).toBeGreaterThanOrEqual(0.95);
  expect(teacherForced).toBeGreaterThanOrEqual(0.95);
  run.dispose();
});
