// npx vitest bench --run engine/bench/models.bench.ts
// Reports hz = training steps per second (forward, backward, Adam update) of
// the models the tests train, on the JS float32 kernels.

import { afterAll, bench, describe } from 'vitest';
import { cnnShapesRun } from './cnn-shapes';
import { namesRun } from './transformer-names';
import { sequenceRun } from './transformer-reversal';

describe('training steps of the CNN and transformer tests (JS float32 kernels, Adam)', () => {
  const options = { time: 3000, warmupTime: 500 };
  const cnn = cnnShapesRun();
  afterAll(cnn.dispose);
  bench('CNN conv 8-16-32 on 16×16 shapes, batch 32', () => void cnn.step(), options);

  const reversal = sequenceRun({ kind: 'reverse' });
  afterAll(reversal.dispose);
  bench('transformer 2 layers × d32 × 4 heads (MLP ×2), reversal, batch 32 × 12 tokens', () => void reversal.step(), options);

  const names = namesRun();
  afterAll(names.dispose);
  bench('transformer 1 layer × d32 × 4 heads (MLP ×2), names, batch 16 × ≤16 tokens', () => void names.step(), options);
});
