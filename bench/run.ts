// npm run bench: the engine's kernels and training steps against
// TensorFlow.js, in one Node process. Prints a table and writes
// bench/results.json (a build output, not committed).
import { writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { createWasmBackend, supportedFlavours, type Backend } from '../engine';
import { compare, type Contender } from './harness';
import { engineTransformerTraining, tfTransformerTraining } from './transformer';
import { engineCnnTraining, tfCnnTraining } from './cnn';
import { engineMatmul, engineMlpTraining, initTf, jsBackend, tfMatmul, tfMlpTraining, type EngineName, type MlpTask } from './contenders';

const builds = {
  relaxed: readFileSync(new URL('../engine/wasm/build/kernels-relaxed.wasm', import.meta.url)),
  simd: readFileSync(new URL('../engine/wasm/build/kernels-simd.wasm', import.meta.url)),
};
const validated = supportedFlavours(builds);
const engines: [EngineName, Backend][] = [];
for (const flavour of validated) engines.push([`engine-wasm-${flavour}`, (await createWasmBackend(builds, flavour))!]);
engines.push(['engine-js', jsBackend()]);
const tfNames = await initTf();
const quick = process.argv.includes('--quick');
// `--only <text>`: just the matmul sizes and models whose name contains it,
// in any case (`--only MLP` picks the mlp-… rows).
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1] ?? '' : '';
const wanted = (name: string) => name.toLowerCase().includes(only.toLowerCase());

const MATMUL_SIZES: [string, number, number, number][] = [
  ['32', 32, 32, 32],
  ['64', 64, 64, 64],
  ['128', 128, 128, 128],
  ['256', 256, 256, 256],
  ['512', 512, 512, 512],
  ['256x784x128', 256, 784, 128],
];

const matmulRows: { size: string; contender: string; gflops: number }[] = [];
for (const [size, m, k, n] of MATMUL_SIZES.filter(([size]) => wanted(size))) {
  const contenders: Contender[] = [
    ...engines.map(([name, backend]) => engineMatmul(name, backend, m, k, n)),
    ...tfNames.map((name) => tfMatmul(name, m, k, n)),
  ];
  const slow = m * k * n >= 256 ** 3;
  for (const t of compare(contenders, { rounds: quick ? 3 : slow ? 5 : 9, blockMs: slow ? 150 : 60 })) {
    matmulRows.push({ size, contender: t.name, gflops: +((2 * m * k * n) / t.seconds / 1e9).toFixed(2) });
  }
  contenders.forEach((c) => c.dispose?.());
  process.stderr.write(`matmul ${size} done\n`);
}

const TRAINING: [string, MlpTask][] = [
  ['mlp-2-16-16-2', { sizes: [2, 16, 16, 2], batch: 256, lr: 0.1 }],
  ['mlp-784-128-10', { sizes: [784, 128, 10], batch: 64, lr: 0.05 }],
];
const trainingRows: { model: string; contender: string; stepsPerSec: number }[] = [];
const MODELS: [string, () => Contender[]][] = [
  ...TRAINING.map(([model, task]): [string, () => Contender[]] => [
    model,
    () => [...engines.map(([name, backend]) => engineMlpTraining(name, backend, task)), ...tfNames.map((name) => tfMlpTraining(name, task))],
  ]),
  ['transformer-tiny', () => [...engines.map(([name, backend]) => engineTransformerTraining(name, backend)), ...tfNames.map((name) => tfTransformerTraining(name))]],
  [
    'cnn-16x16-8-16-32',
    () => [...engines.map(([name, backend]) => engineCnnTraining(name, backend)), ...tfNames.flatMap((name) => tfCnnTraining(name) ?? [])],
  ],
];
for (const [model, make] of MODELS.filter(([model]) => wanted(model))) {
  const contenders = make();
  for (const t of compare(contenders, { rounds: quick ? 3 : 7, blockMs: 150 })) {
    trainingRows.push({ model, contender: t.name, stepsPerSec: Math.round(1 / t.seconds) });
  }
  contenders.forEach((c) => c.dispose?.());
  process.stderr.write(`training ${model} done\n`);
}

const results = {
  meta: {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    wasmBuildsValidated: validated,
    tfjsBackends: tfNames,
    ...(only ? { only } : {}),
  },
  matmul: matmulRows,
  training: trainingRows,
};
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

// Tables: one row per size/model, one column per contender, and the ratio
// of the engine's best build to tfjs-wasm.
const names = [...engines.map(([n]) => n), ...tfNames];
const ratio = (best: number, ref: number | undefined) => (ref ? `${(best / ref).toFixed(2)}×` : '—');
console.log(`\nmatmul GFLOP/s (median; ${results.meta.cpu}, Node ${process.version})`);
if (matmulRows.length) console.table(
  MATMUL_SIZES.filter(([size]) => wanted(size)).map(([size]) => {
    const row: Record<string, string | number> = { size };
    for (const n of names) row[n] = matmulRows.find((r) => r.size === size && r.contender === n)?.gflops ?? '—';
    const best = Math.max(...engines.map(([n]) => matmulRows.find((r) => r.size === size && r.contender === n)!.gflops));
    row['engine best / tfjs-wasm'] = ratio(best, matmulRows.find((r) => r.size === size && r.contender === 'tfjs-wasm')?.gflops);
    return row;
  }),
);
console.log('training steps/s (forward + backward + SGD update, median)');
if (trainingRows.length) console.table(
  MODELS.filter(([model]) => wanted(model)).map(([model]) => {
    const row: Record<string, string | number> = { model };
    for (const n of names) row[n] = trainingRows.find((r) => r.model === model && r.contender === n)?.stepsPerSec ?? '—';
    const best = Math.max(...engines.map(([n]) => trainingRows.find((r) => r.model === model && r.contender === n)!.stepsPerSec));
    row['engine best / tfjs-wasm'] = ratio(best, trainingRows.find((r) => r.model === model && r.contender === 'tfjs-wasm')?.stepsPerSec);
    return row;
  }),
);
