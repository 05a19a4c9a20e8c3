/**
 * One optimiser walking one landscape, trained in the worker: the loss is
 * the surface's value at θ = (θ₁, θ₂), the gradient comes from the engine's
 * autodiff, and the update from the engine's optimisers.
 */
import { Adam, backward, noGrad, parameter, scope, SGD, slice, sum, tensor, type Optimizer, type Tensor } from '@/engine';
import { defineModel } from '@/workers/model';
import { gridPoints, type Grid } from '@/components/plots/grid';
import { SURFACE_FUNCTIONS } from './functions';
import { RAVINE_KAPPA, SURFACES, type SurfaceName } from './surfaces';

export type OptimizerName = 'gd' | 'momentum' | 'adam';

export interface DescentConfig {
  surface: SurfaceName;
  /** The ravine's condition number κ (the other landscapes ignore it). */
  kappa: number;
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

/** What each snapshot carries: the whole walk so far. */
export interface DescentFrame {
  /** θ after each step, from the start, flat [θ₁, θ₂, …]. */
  path: Float32Array;
  /** The loss at each θ of the path. */
  losses: Float32Array;
}

/** The surface's value at each θ of a (n, 2) tensor, as an (n, 1) tensor. */
function surfaceAt(name: SurfaceName, kappa: number, points: Tensor): Tensor {
  const n = points.shape[0];
  return SURFACE_FUNCTIONS[name](slice(points, [0, 0], [n, 1]), slice(points, [0, 1], [n, 2]), kappa);
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

export default defineModel({
  kind: 'descent',
  build(config: DescentConfig) {
    const surface = SURFACES[config.surface];
    if (!surface) throw new Error(`Unknown surface "${config.surface}"`);
    const theta = parameter(tensor([config.start[0], config.start[1]], [1, 2]));
    const optimizer = makeOptimizer([theta], config);
    let speed = config.speed;
    const valueAt = () => noGrad(() => scope(() => surfaceAt(config.surface, config.kappa, theta).item()));
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
          backward(sum(surfaceAt(config.surface, config.kappa, theta)));
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
      snapshot: (): DescentFrame => ({ path: new Float32Array(path), losses: new Float32Array(losses) }),
      live: {
        lr: (lr: number) => (optimizer.lr = lr),
        // μ matters to the momentum walk only; the others take it and ignore it.
        momentum: (mu: number) => {
          if (optimizer instanceof SGD && config.optimizer === 'momentum') optimizer.momentum = mu;
        },
        speed: (stepsPerSecond: number) => (speed = stepsPerSecond),
      },
      stepsPerSecond: () => speed,
      queries: {
        /** The surface at every cell centre of a grid, for the contours. */
        field: ({ grid }: { grid: Grid }) => fieldOf(config.surface, grid, config.kappa),
      },
      dispose() {
        optimizer.dispose();
        theta.dispose();
      },
    };
  },
});

/** The surface at every cell centre of the grid, in the plots' field order. */
export function fieldOf(name: SurfaceName, grid: Grid, kappa: number = RAVINE_KAPPA.default): Float32Array {
  const points = Float32Array.from(gridPoints(grid));
  return noGrad(() => scope(() => surfaceAt(name, kappa, tensor(points, [grid.nx * grid.ny, 2])).toArray()));
}
