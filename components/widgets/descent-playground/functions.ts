/**
 * The descent playground's landscapes as functions of two parameters,
 * written with the engine's ops, so the optimisers follow the engine's
 * autodiff gradients and the contours show the engine's values. Each works
 * elementwise on tensors of any (matching) shape. Worker side only.
 */
import { add, exp, mul, sub, type Tensor } from '@/engine';
import type { SurfaceName } from './surfaces';

const sq = (t: Tensor) => mul(t, t);

/** exp(−s·((x − a)² + (y − b)²)): a round dip centred at (a, b). */
const dip = (x: Tensor, y: Tensor, a: number, b: number, s: number) => exp(mul(add(sq(sub(x, a)), sq(sub(y, b))), -s));

/** κ is the ravine's condition number; the other landscapes ignore it. */
export const SURFACE_FUNCTIONS: Record<SurfaceName, (x: Tensor, y: Tensor, kappa: number) => Tensor> = {
  bowl: (x, y) => mul(add(sq(x), sq(y)), 0.5),
  // ½(θ₁² + κθ₂²): curvature 1 along θ₁ and κ along θ₂, so its condition number is κ.
  ravine: (x, y, kappa) => mul(add(sq(x), mul(sq(y), kappa)), 0.5),
  rosenbrock: (x, y) => add(sq(sub(1, x)), mul(sq(sub(y, sq(x))), 100)),
  // A saddle at the origin with two minima at (0, ±1), so escaping it leads somewhere.
  saddle: (x, y) => add(sub(sq(x), sq(y)), mul(sq(sq(y)), 0.5)),
  wells: (x, y) =>
    sub(
      sub(sub(mul(add(sq(x), sq(y)), 0.2), mul(dip(x, y, 1, 1, 2), 1.5)), dip(x, y, -1, -0.5, 2)),
      mul(dip(x, y, 1, -1.2, 3), 0.8),
    ),
};
