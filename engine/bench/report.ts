// npx tsx engine/bench/report.ts [--names-steps 300] [--names-layers 1]
// Trains the three models of the models-learn tests with their settings and
// prints what the engine README and the issue ask for: steps/s of the CNN
// and the reversal transformer on the JS kernels, held-out accuracies, the
// names transformer's validation loss against the bigram's, and samples.

import { Rng } from '../random';
import { cnnShapesRun } from './cnn-shapes';
import { measureStepsPerSecond } from './measure';
import { namesRun } from './transformer-names';
import { sequenceRun } from './transformer-reversal';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

/** Runs `steps` steps; returns wall-clock and CPU-time rates (CPU time is
 * what the steps cost when the machine is shared). */
function timed(step: () => unknown, steps: number): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  const c = process.cpuUsage(c0);
  return { wall: steps / ((performance.now() - t0) / 1000), cpu: steps / ((c.user + c.system) / 1e6) };
}
const rate = (r: { wall: number; cpu: number }) => `${r.wall.toFixed(1)} steps/s wall, ${r.cpu.toFixed(1)} per CPU-second`;

const cnn = cnnShapesRun();
const cnnRate = timed(cnn.step, 150);
console.log(`CNN (conv 8 → 16 → 32, 16×16 shapes, batch 32): 150 steps at ${rate(cnnRate)}; held-out accuracy ${(100 * cnn.testAccuracy()).toFixed(1)}%`);
console.log(`  steady-state: ${measureStepsPerSecond(cnn.step, { seconds: 3 }).toFixed(1)} steps/s`);
cnn.dispose();

const rev = sequenceRun({ kind: 'reverse' });
const revRate = timed(rev.step, 60);
console.log(
  `Transformer (2 layers, d 32, 4 heads, MLP ×2; reversal of 6 symbols, batch 32): 60 steps at ${rate(revRate)}; held-out token accuracy ${(100 * rev.greedyAccuracy()).toFixed(1)}% greedy, ${(100 * rev.tokenAccuracy()).toFixed(1)}% teacher-forced`,
);
console.log(`  steady-state: ${measureStepsPerSecond(rev.step, { seconds: 3 }).toFixed(1)} steps/s`);
rev.dispose();

const namesSteps = flag('names-steps', 300);
const names = namesRun({ layers: flag('names-layers', 1) });
const namesRate = timed(names.step, namesSteps);
console.log(
  `Names transformer (${names.model.blocks.length} layer(s), d 32, 4 heads, MLP ×2, batch 16): ${namesSteps} steps at ${rate(namesRate)}; validation loss ${names.validationLoss().toFixed(4)} nats/token vs bigram ${names.bigramLoss.toFixed(4)} (α = ${names.bigramSmoothing})`,
);
console.log(`  samples (T = 0.8, top-10): ${names.sample(12, { temperature: 0.8, topK: 10, rng: new Rng(3) }).join(', ')}`);
names.dispose();
