/**
 * Linear regression of one input, ŷ = w·x + b, trained in the worker by
 * full-batch gradient descent on the mean loss of the points plus a ridge
 * penalty (the engine's mse, mae or huber; its autodiff; its SGD). The
 * same run serves both chapter-2 widgets: fit-a-line changes its points and
 * losses live, the loss surface records its path and asks for the loss
 * over a (w, b) grid. The closed-form (least-squares) answer comes from the
 * engine's solver and rides along in every snapshot.
 */
import {
  abs,
  add,
  backward,
  huber,
  keep,
  leastSquares,
  mae,
  mean,
  minimum,
  mse,
  mul,
  noGrad,
  parameter,
  reshape,
  scope,
  SGD,
  slice,
  sub,
  tensor,
  type Tensor,
} from '@/engine';
import { gridPoints, type Grid } from '@/components/plots/grid';
import { defaultDiverged, defineModel } from '@/workers/model';
import type { LossSettings } from './params';
import type { Point } from './presets';

export interface LinearFitConfig extends LossSettings {
  points: readonly Point[];
  /** (w, b) before the first step. */
  start: readonly [number, number];
  lr: number;
  /** Steps per second while playing, so the line (or the path) can be watched moving. */
  speed: number;
  /** Record (w, b) and the loss after every step, for the loss surface. */
  track: boolean;
  /** Stop by itself after this many steps; without it the run trains as long as it plays. */
  maxSteps?: number;
}

export interface Line {
  w: number;
  b: number;
}

/** What each snapshot carries: the line now, the exact answer, and (when tracked) the walk. */
export interface LinearFitFrame {
  /** Gradient descent's line: the last finite (w, b). */
  w: number;
  b: number;
  /** The least-squares line (ridge included); null when it is not a finite line. */
  closedW: number | null;
  closedB: number | null;
  /** (w, b) after each step, flat, and the loss there (with `track`). */
  path: Float32Array | null;
  losses: Float32Array | null;
}

/** |w| or |b| beyond this and the run has left any picture for good. */
const ESCAPE = 1e4;

/**
 * The objective, with the engine's own losses: (1/n) Σᵢ ℓ(ŷᵢ − yᵢ) + λw².
 * The intercept b is not penalized: shifting every y by c should shift the
 * line by c, not be resisted.
 */
export function objective(pred: Tensor, y: Tensor, w: Tensor, s: LossSettings): Tensor {
  const data = s.loss === 'squared' ? mse(pred, y) : s.loss === 'absolute' ? mae(pred, y) : huber(pred, y, { delta: s.delta });
  return s.ridge > 0 ? add(data, mul(mul(w, w), s.ridge)) : data;
}

/**
 * ℓ(r) for every residual r, built from the same primitives as the engine's
 * mse, mae and huber (which reduce at once): r², |r|, and Huber's
 * ½q² + δ(|r| − q) with q = min(|r|, δ).
 */
export function pointLoss(r: Tensor, s: LossSettings): Tensor {
  if (s.loss === 'squared') return mul(r, r);
  const a = abs(r);
  if (s.loss === 'absolute') return a;
  const q = minimum(a, s.delta);
  return add(mul(mul(q, q), 0.5), mul(sub(a, q), s.delta));
}

/**
 * The objective at every cell centre (w, b) of the grid, in the plots' field
 * order: all cells at once, as a (cells, n) table of residuals.
 */
export function objectiveField(points: readonly Point[], s: LossSettings, grid: Grid): Float32Array {
  const cells = grid.nx * grid.ny;
  const n = points.length;
  return noGrad(() =>
    scope(() => {
      const theta = tensor(Float32Array.from(gridPoints(grid)), [cells, 2]);
      const w = slice(theta, [0, 0], [cells, 1]);
      const b = slice(theta, [0, 1], [cells, 2]);
      const x = tensor(points.map((p) => p[0]), [1, n]);
      const y = tensor(points.map((p) => p[1]), [1, n]);
      const residuals = sub(add(mul(w, x), b), y);
      const data = mean(pointLoss(residuals, s), 1);
      const w1 = reshape(w, [cells]);
      return (s.ridge > 0 ? add(data, mul(mul(w1, w1), s.ridge)) : data).toArray();
    }),
  );
}

/**
 * The exact minimum of the squared-loss objective, from the engine's solver.
 * It minimizes ‖Xw + b − y‖² + λ′w², so the mean-loss penalty λ becomes
 * λ′ = nλ. Null if the answer is not a finite line.
 */
export function closedForm(points: readonly Point[], ridge: number): Line | null {
  if (points.length === 0) return null;
  try {
    const r = leastSquares(
      points.map((p) => p[0]),
      points.map((p) => p[1]),
      1,
      { ridge: points.length * ridge },
    );
    const line = { w: r.weights[0], b: r.intercept };
    return Number.isFinite(line.w) && Number.isFinite(line.b) ? line : null;
  } catch {
    return null;
  }
}

/** The points as persistent (n, 1) tensors of inputs and targets. */
function tensorsOf(points: readonly Point[]): { x: Tensor; y: Tensor } {
  const n = points.length;
  return { x: keep(tensor(points.map((p) => p[0]), [n, 1])), y: keep(tensor(points.map((p) => p[1]), [n, 1])) };
}

export default defineModel({
  kind: 'linear-fit',
  build(config: LinearFitConfig) {
    if (config.points.length === 0) throw new Error('linear fit: no points');
    let points = config.points;
    let settings: LossSettings = { loss: config.loss, delta: config.delta, ridge: config.ridge };
    let data = tensorsOf(points);
    let closed = closedForm(points, settings.ridge);
    let speed = config.speed;
    const w = parameter(tensor([config.start[0]]));
    const b = parameter(tensor([config.start[1]]));
    const optimizer = new SGD([w, b], { lr: config.lr });

    const predict = () => add(mul(data.x, w), b);
    const lossNow = () => noGrad(() => scope(() => objective(predict(), data.y, w, settings).item()));
    // The last finite (w, b): what is drawn, even after a step overflows.
    let line: Line = { w: config.start[0], b: config.start[1] };
    let escaped = false;
    const path = config.track ? [line.w, line.b] : null;
    const losses = config.track ? [lossNow()] : null;
    /** A change of the data or the objective moves the exact answer. */
    const objectiveChanged = (next: Partial<LossSettings>) => {
      settings = { ...settings, ...next };
      closed = closedForm(points, settings.ridge);
    };

    return {
      maxSteps: config.maxSteps,
      step() {
        scope(() => {
          optimizer.zeroGrad();
          backward(objective(predict(), data.y, w, settings));
          optimizer.step();
        });
        const wv = w.item();
        const bv = b.item();
        const loss = lossNow();
        escaped = !(Math.abs(wv) < ESCAPE && Math.abs(bv) < ESCAPE);
        if (Number.isFinite(wv) && Number.isFinite(bv) && Number.isFinite(loss)) {
          line = { w: wv, b: bv };
          path?.push(wv, bv);
          losses?.push(loss);
        }
        return loss;
      },
      diverged: (loss, firstLoss) => escaped || defaultDiverged(loss, firstLoss),
      snapshot: (): LinearFitFrame => ({
        w: line.w,
        b: line.b,
        closedW: closed?.w ?? null,
        closedB: closed?.b ?? null,
        path: path ? new Float32Array(path) : null,
        losses: losses ? new Float32Array(losses) : null,
      }),
      // Every setting applies mid-run: the line keeps its place and walks to the new best fit.
      live: {
        points(next: readonly Point[]) {
          if (next.length === 0) throw new Error('linear fit: no points');
          data.x.dispose();
          data.y.dispose();
          points = next;
          data = tensorsOf(points);
          objectiveChanged({});
        },
        loss: (loss: LossSettings['loss']) => objectiveChanged({ loss }),
        delta: (delta: number) => objectiveChanged({ delta }),
        ridge: (ridge: number) => objectiveChanged({ ridge }),
        lr: (lr: number) => (optimizer.lr = lr),
        speed: (stepsPerSecond: number) => (speed = stepsPerSecond),
      },
      stepsPerSecond: () => speed,
      queries: {
        /** The objective over a (w, b) grid, for the loss surface's contours. */
        field: ({ grid }: { grid: Grid }) => objectiveField(points, settings, grid),
      },
      dispose() {
        optimizer.dispose();
        w.dispose();
        b.dispose();
        data.x.dispose();
        data.y.dispose();
      },
    };
  },
});
