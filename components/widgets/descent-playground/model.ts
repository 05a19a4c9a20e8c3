/**
 * One optimiser walking one landscape, trained in the worker: the loss is
 * the surface's value at θ = (θ₁, θ₂), the gradient comes from the engine's
 * autodiff, and the update from the engine's optimisers.
 */
import { Adam, backward, noGrad, parameter, scope, SGD, slice, sum, tensor, type Optimizer, type Tensor } from '@/engine';
import type { TrainableRun } from '@/workers/model';
import { gridPoints, type Grid } from '@/components/plots/grid';
import { SURFACES, type SurfaceName } from './surfaces';

export type OptimizerName = 'gd' | 'momentum' | 'adam';

export interface DescentConfig {
  surface: SurfaceName;
  start: readonly [number, number];
  optimizer: OptimizerName;
  /** η for this optimiser. */
  lr: number;
  /** μ, used by momentum. */
  momentum: number;
  /** Steps per second while playing, so the path can be watched. */
  speed: number;
  maxSteps: number;
}

export type DescentQuery = { type: 'field'; grid: Grid };

/** The surface's value at each θ of a (n, 2) tensor, as an (n, 1) tensor. */
function surfaceAt(name: SurfaceName, points: Tensor): Tensor {
  const n = points.shape[0];
  return SURFACES[name].f(slice(points, [0, 0], [n, 1]), slice(points, [0, 1], [n, 2]));
}

function makeOptimizer(params: Tensor[], config: DescentConfig): Optimizer {
  switch (config.optimizer) {
    case 'gd':
      return new SGD(params, { lr: config.lr });
    case 'momentum':
      return new SGD(params, { lr: config.lr, momentum: config.momentum });
    case 'adam':
      return new Adam(params, { lr: config.lr });
  }
}

/** How far outside its window a path may wander before the run counts as diverged. */
const ESCAPE_FACTOR = 50;

export function buildDescentRun(config: DescentConfig): TrainableRun {
  const surface = SURFACES[config.surface];
  if (!surface) throw new Error(`Unknown surface "${config.surface}"`);
  const theta = parameter(tensor([config.start[0], config.start[1]], [1, 2]));
  const optimizer = makeOptimizer([theta], config);
  let speed = config.speed;
  const valueAt = () => noGrad(() => scope(() => surfaceAt(config.surface, theta).item()));
  // The whole walk so far: θ after each step (from the start), and f there.
  const path: number[] = [config.start[0], config.start[1]];
  const losses: number[] = [valueAt()];
  const [x0, x1, y0, y1] = surface.domain;
  const reach = ESCAPE_FACTOR * Math.max(x1 - x0, y1 - y0);
  let escaped = false;

  return {
    maxSteps: config.maxSteps,
    step() {
      scope(() => {
        optimizer.zeroGrad();
        backward(sum(surfaceAt(config.surface, theta)));
        optimizer.step();
      });
      const [a, b] = theta.toArray();
      const loss = valueAt();
      escaped = !(Math.abs(a) < reach && Math.abs(b) < reach);
      if (Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(loss)) {
        path.push(a, b);
        losses.push(loss);
      }
      return loss;
    },
    diverged: (loss) => escaped || !Number.isFinite(loss),
    snapshot: () => ({ path: new Float32Array(path), losses: new Float32Array(losses) }),
    set(patch) {
      for (const [key, value] of Object.entries(patch)) {
        if (key === 'lr') optimizer.lr = value as number;
        else if (key === 'momentum' && optimizer instanceof SGD && config.optimizer === 'momentum') optimizer.momentum = value as number;
        else if (key === 'speed') speed = value as number;
        else if (key !== 'momentum') throw new Error(`descent: cannot change "${key}" mid-run`);
      }
    },
    stepsPerSecond: () => speed,
    evaluate(query) {
      const q = query as DescentQuery;
      if (q?.type !== 'field') throw new Error('descent: unknown query');
      return fieldOf(config.surface, q.grid);
    },
    dispose() {
      optimizer.dispose();
      theta.dispose();
    },
  };
}

/** The surface at every cell centre of the grid, in the plots' field order. */
export function fieldOf(name: SurfaceName, grid: Grid): Float32Array {
  const points = Float32Array.from(gridPoints(grid));
  return noGrad(() => scope(() => surfaceAt(name, tensor(points, [grid.nx * grid.ny, 2])).toArray()));
}
