// npx vitest bench --run engine/bench
// Reports hz = training steps per second of the XOR MLP on the JS kernels.

import { afterAll, bench, describe } from 'vitest';
import { xorTrainingStep } from './xor-steps';

describe('XOR MLP training step (JS float32 kernels, Adam)', () => {
  const configs = [
    { name: '2-8-8-1 tanh, batch 4', sizes: [2, 8, 8, 1], batch: 4 },
    { name: '2-8-8-1 tanh, batch 64', sizes: [2, 8, 8, 1], batch: 64 },
    { name: '2-16-16-1 tanh, batch 256', sizes: [2, 16, 16, 1], batch: 256 },
  ];
  for (const c of configs) {
    const run = xorTrainingStep(c);
    afterAll(run.dispose);
    bench(c.name, () => void run.step(), { time: 2000, warmupTime: 300 });
  }
});
