// The same work for every contender: the engine on each of its backends,
// and TensorFlow.js on its wasm (XNNPACK, one thread) and cpu backends.
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  backward, JsBackend, matmul, MLP, noGrad, randn, Rng, scope, setBackend, SGD, softmaxCrossEntropy, type Backend, type Tensor,
} from '../engine';
import type { Contender } from './harness';

export type EngineName = 'engine-wasm-relaxed' | 'engine-wasm-simd' | 'engine-js';
export type TfName = 'tfjs-wasm' | 'tfjs-cpu';

export async function initTf(): Promise<TfName[]> {
  const require = createRequire(import.meta.url);
  setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep);
  setThreadsCount(1);
  const names: TfName[] = [];
  if (await tf.setBackend('wasm')) names.push('tfjs-wasm');
  if (await tf.setBackend('cpu')) names.push('tfjs-cpu');
  return names;
}

export function useTf(name: TfName) {
  tf.setBackend(name === 'tfjs-wasm' ? 'wasm' : 'cpu');
}

// ---------------------------------------------------------------- matmul

export function engineMatmul(name: EngineName, backend: Backend, m: number, k: number, n: number): Contender {
  setBackend(backend);
  const rng = new Rng(1);
  const a = randn([m, k], rng);
  const b = randn([k, n], rng);
  return {
    name,
    run() {
      setBackend(backend);
      noGrad(() => matmul(a, b).dispose());
    },
    dispose() {
      a.dispose();
      b.dispose();
    },
  };
}

export function tfMatmul(name: TfName, m: number, k: number, n: number): Contender {
  useTf(name);
  const a = tf.randomNormal([m, k]);
  const b = tf.randomNormal([k, n]);
  return {
    name,
    run() {
      useTf(name);
      tf.matMul(a, b).dispose();
    },
    dispose() {
      useTf(name);
      a.dispose();
      b.dispose();
    },
  };
}

// ---------------------------------------------------------------- training

export interface MlpTask {
  sizes: number[];
  batch: number;
  lr: number;
}

/** A trainable model built on the engine's backend of the moment. */
interface TrainableModel {
  parameters(): Tensor[];
  dispose(): void;
}

/**
 * One training step per run through the engine's public API: `loss` runs the
 * forward pass and returns the loss, then backward and an SGD update. The
 * model, its inputs and the optimizer live across runs; a step's
 * intermediates are freed by its scope.
 */
export function engineSgdContender(name: EngineName, backend: Backend, model: TrainableModel, inputs: Tensor, lr: number, loss: () => Tensor): Contender {
  const opt = new SGD(model.parameters(), { lr });
  return {
    name,
    run() {
      setBackend(backend);
      scope(() => {
        opt.zeroGrad();
        backward(loss());
        opt.step();
      });
    },
    dispose() {
      setBackend(backend);
      opt.dispose();
      model.dispose();
      inputs.dispose();
    },
  };
}

/** Forward, softmax cross-entropy, backward and an SGD update through the engine's public API. */
export function engineMlpTraining(name: EngineName, backend: Backend, task: MlpTask): Contender {
  setBackend(backend);
  const rng = new Rng(3);
  const model = new MLP({ sizes: task.sizes, activation: 'tanh', rng });
  const x = randn([task.batch, task.sizes[0]], rng);
  const classes = task.sizes[task.sizes.length - 1];
  const labels = Int32Array.from({ length: task.batch }, (_, i) => i % classes);
  return engineSgdContender(name, backend, model, x, task.lr, () => softmaxCrossEntropy(model.forward(x) as Tensor, labels));
}

/** The same network and step with tf.layers-free TensorFlow.js ops and its SGD optimizer. */
export function tfMlpTraining(name: TfName, task: MlpTask): Contender {
  useTf(name);
  const weights: tf.Variable[] = [];
  for (let i = 0; i + 1 < task.sizes.length; i++) {
    weights.push(tf.variable(tf.randomNormal([task.sizes[i], task.sizes[i + 1]], 0, Math.sqrt(1 / task.sizes[i]))));
    weights.push(tf.variable(tf.zeros([task.sizes[i + 1]])));
  }
  const x = tf.randomNormal([task.batch, task.sizes[0]]);
  const classes = task.sizes[task.sizes.length - 1];
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: task.batch }, (_, i) => i % classes), 'int32'), classes);
  const optimizer = tf.train.sgd(task.lr);
  const forward = () => {
    let h: tf.Tensor = x;
    for (let i = 0; i < weights.length; i += 2) {
      h = tf.add(tf.matMul(h, weights[i]), weights[i + 1]);
      if (i + 2 < weights.length) h = tf.tanh(h);
    }
    return tf.losses.softmaxCrossEntropy(labels, h) as tf.Scalar;
  };
  return {
    name,
    run() {
      useTf(name);
      tf.tidy(() => {
        optimizer.minimize(forward);
      });
    },
    dispose() {
      useTf(name);
      for (const w of weights) w.dispose();
      x.dispose();
      labels.dispose();
      optimizer.dispose();
    },
  };
}

export function jsBackend(): Backend {
  return new JsBackend();
}
