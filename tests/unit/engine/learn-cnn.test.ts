// A small CNN learns the generated shapes (≥ 95% on held-out images).

import { expect, it } from 'vitest';
import { cnnShapesRun } from '@/engine/bench/cnn-shapes';

it('a small CNN classifies held-out shapes (square, cross, ring, triangle) ≥ 95%', () => {
  const run = cnnShapesRun({ channels: [8, 16, 32], batch: 32, seed: 1 });
  const start = performance.now();
  let loss = NaN;
  for (let i = 0; i < 150; i++) loss = run.step();
  const seconds = (performance.now() - start) / 1000;
  const accuracy = run.testAccuracy();
  console.log(`CNN on shapes: held-out accuracy ${(100 * accuracy).toFixed(1)}%, last loss ${loss.toFixed(3)}, ${(150 / seconds).toFixed(1)} steps/s`);
  expect(accuracy).toBeGreaterThanOrEqual(0.95);
  run.dispose();
});
