/**
 * One real training step of a playground network, recorded by the engine's
 * tape (recordTape), in the worker: every node with its rule and the bytes
 * it keeps for the backward pass, and what that costs in memory measured on
 * the worker's backend (bytesInUse), with and without checkpointing each
 * hidden layer. Both runs start from the same weights and batch; their
 * gradients are compared.
 */
import { activations, backward, checkpoint, classification2d, getBackend, MLP, parameterCount, recordTape, Rng, scope, tensor, type Tensor } from '@/engine';
import { defineQueryModel } from '@/workers/model';
import { lossOf } from '@/components/widgets/shared/network/loss';
import { POINTS, type DatasetName, type LossName, type NetworkActivation } from '@/components/widgets/shared/network/params';

export interface TapeConfig {
  dataset: DatasetName;
  classes: number;
  widths: number[];
  activation: NetworkActivation;
  loss: LossName;
  /** Examples in the step; 0 for the whole training half of the data. */
  batch: number;
  seed: number;
  /** Hidden layers run as checkpointed segments of one or two layers, or not at all. */
  checkpoint: 'none' | 'each' | 'pairs';
}

export interface TapeRow {
  op: string;
  outputShape: number[];
  inputShapes: number[][];
  requiresGrad: boolean[];
  vjp: string;
  savedBytes: number;
  /** 0-based layer the node belongs to; layers.length for the loss. */
  layer: number;
}

export interface StepCost {
  /** Measured: what the forward pass allocated and left alive. */
  allocatedBytes: number;
  /** Measured: what is still alive once everything the backward pass will not read is freed. */
  heldBytes: number;
  /** Layer forwards run again by the backward pass. */
  recomputed: number;
}

export interface TapeReport {
  rows: TapeRow[];
  /** The step as configured (checkpointed or not), and the same step without checkpointing. */
  cost: StepCost;
  plain: StepCost;
  /** Largest difference between the two runs' gradients (0: the same to the bit). */
  gradientGap: number;
  loss: number;
  parameters: number;
  /** Bytes the weights occupy (alive anyway, not counted above). */
  parameterBytes: number;
  backend: string;
  layers: number;
}

/** The first `batch` training points of the data set, as the playground splits it (half for training). */
function batchOf(config: TapeConfig): { x: Float32Array; y: Int32Array; n: number } {
  const data = classification2d(config.dataset, { n: POINTS, noise: 0, seed: 1, classes: config.classes });
  const train = Math.round(POINTS / 2);
  const n = config.batch > 0 ? Math.min(config.batch, train) : train;
  return { x: data.x.slice(0, 2 * n), y: data.y.slice(0, n), n };
}

const SEGMENT: Record<TapeConfig['checkpoint'], number> = { none: 0, each: 1, pairs: 2 };

/** One recorded step, its measured memory, and its gradients (copied). */
function recordStep(config: TapeConfig, segment: number) {
  const { x, y, n } = batchOf(config);
  const sizes = [2, ...config.widths, config.classes];
  const model = new MLP({ sizes, activation: config.activation, rng: new Rng(config.seed) });
  const act = activations[config.activation];
  let recomputed = 0;
  try {
    return scope(() => {
      const input = tensor(x, [n, 2]);
      const layerEnds: number[] = [];
      const backend = getBackend();
      const before = backend.bytesInUse();
      const hidden = model.layers.slice(0, -1);
      const output = model.layers[model.layers.length - 1];
      const tape = recordTape(() => {
        let h: Tensor = input;
        // Hidden layers in segments of `segment` (one segment of all of them when not checkpointing).
        const size = segment || hidden.length || 1;
        for (let start = 0; start < hidden.length; start += size) {
          const layers = hidden.slice(start, start + size);
          const run = (t: Tensor) => {
            recomputed += layers.length;
            return layers.reduce((v, layer) => {
              const out = act(layer.forward(v));
              // Without checkpoints each layer's nodes end at its own output.
              if (!segment) layerEnds.push(out.id);
              return out;
            }, t);
          };
          h = segment ? checkpoint(run, h) : run(h);
          // A checkpointed segment is one node, counted with its last layer.
          if (segment) for (let k = 0; k < layers.length; k++) layerEnds.push(h.id);
        }
        // The first run of each segment is the forward pass, not a recomputation.
        recomputed = 0;
        h = output.forward(h);
        layerEnds.push(h.id);
        return lossOf(config.loss, h, y);
      });
      const allocatedBytes = tape.allocatedBytes;
      tape.freeUnsaved();
      const heldBytes = backend.bytesInUse() - before;
      const loss = tape.result.item();
      backward(tape.result);
      const grads = model.parameters().map((p) => p.grad!.toFloat64Array());
      const layerOf = (id: number) => {
        const i = layerEnds.findIndex((end) => id <= end);
        return i < 0 ? layerEnds.length : i;
      };
      const rows: TapeRow[] = tape.entries.map((e) => ({
        op: e.op,
        outputShape: e.outputShape,
        inputShapes: e.inputShapes,
        requiresGrad: e.requiresGrad,
        vjp: e.vjp,
        savedBytes: e.savedBytes,
        layer: layerOf(e.outputId),
      }));
      return { rows, grads, loss, cost: { allocatedBytes, heldBytes, recomputed }, parameters: parameterCount(model), layers: model.layers.length };
    });
  } finally {
    model.dispose();
  }
}

export function tapeReport(config: TapeConfig): TapeReport {
  const segment = SEGMENT[config.checkpoint];
  const step = recordStep(config, segment);
  const plain = segment ? recordStep(config, 0) : step;
  let gradientGap = 0;
  step.grads.forEach((g, i) => g.forEach((v, k) => (gradientGap = Math.max(gradientGap, Math.abs(v - plain.grads[i][k])))));
  const bytesPerNumber = getBackend().dtype === 'float64' ? 8 : 4;
  return {
    rows: step.rows,
    cost: step.cost,
    plain: plain.cost,
    gradientGap,
    loss: step.loss,
    parameters: step.parameters,
    parameterBytes: step.parameters * bytesPerNumber,
    backend: getBackend().name,
    layers: step.layers,
  };
}

export default defineQueryModel('tape', { step: (config: TapeConfig) => tapeReport(config) });
