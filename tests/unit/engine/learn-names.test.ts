// On English first names, the tiny transformer's validation loss ends below
// the bigram model's on the same split.

import { expect, it } from 'vitest';
import { namesRun } from '@/engine/bench/transformer-names';
import { Rng } from '@/engine';

it('a tiny transformer beats the bigram model on held-out first names', () => {
  const run = namesRun({ dModel: 32, heads: 4, layers: 1, mlpRatio: 2, batch: 16, seed: 1, splitSeed: 1 });
  const before = run.validationLoss();
  for (let i = 0; i < 300; i++) run.step();
  const after = run.validationLoss();
  const names = run.sample(8, { temperature: 0.8, topK: 10, rng: new Rng(3) });
  console.log(
    `names: validation loss ${after.toFixed(4)} nats/token (from ${before.toFixed(4)}), bigram ${run.bigramLoss.toFixed(4)} (α = ${run.bigramSmoothing}); samples: ${names.join(', ')}`,
  );
  expect(after).toBeLessThan(run.bigramLoss);
  expect(names.every((n) => /^[a-z-]*$/.test(n))).toBe(true);
  run.dispose();
});
