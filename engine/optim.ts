// Optimizers, following PyTorch's conventions exactly. Each class applies
// its update with one fused backend kernel per parameter; the scalar
// functions below state the same formulas for one number θ, for the book
// and for tests (g is the gradient, η the learning rate, t the step count
// starting at 1).

import type { AdamHyper } from './backend/backend';
import { stridesOf } from './shape';
import { keep, type Tensor, zerosLike } from './tensor';

// --- the formulas ------------------------------------------------------------

export const OPTIMIZER_FORMULAS = {
  sgd: 'θ ← θ − η·g',
  momentum: 'v ← μ·v + g;  θ ← θ − η·v',
  nesterov: 'v ← μ·v + g;  θ ← θ − η·(g + μ·v)',
  adam: 'm ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  m̂ = m/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ);  θ ← θ − η·m̂/(√v̂ + ε)',
  adamw: 'θ ← θ − ηλθ;  then the Adam step',
  l2: 'g ← g + λθ  (weight decay in SGD and Adam)',
  clipGradNorm: 'if ‖g‖ > c (over all parameters): g ← g·c/‖g‖',
} as const;

/** SGD: θ ← θ − η·g */
export function sgdStep(theta: number, g: number, lr: number): number {
  return theta - lr * g;
}

/** Heavy-ball momentum: v ← μ·v + g; θ ← θ − η·v (v starts at 0, so the
 * first step sets v = g). */
export function momentumStep(s: { theta: number; v: number }, g: number, lr: number, mu: number): { theta: number; v: number } {
  const v = mu * s.v + g;
  return { theta: s.theta - lr * v, v };
}

/** Nesterov momentum: v ← μ·v + g; θ ← θ − η·(g + μ·v). */
export function nesterovStep(s: { theta: number; v: number }, g: number, lr: number, mu: number): { theta: number; v: number } {
  const v = mu * s.v + g;
  return { theta: s.theta - lr * (g + mu * v), v };
}

export interface AdamScalarState {
  theta: number;
  m: number;
  v: number;
  /** Steps taken so far; this step is t + 1. */
  t: number;
}

/** Adam: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; m̂ = m/(1−β₁ᵗ);
 * v̂ = v/(1−β₂ᵗ); θ ← θ − η·m̂/(√v̂ + ε). */
export function adamStep(s: AdamScalarState, g: number, lr: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8): AdamScalarState {
  const t = s.t + 1;
  const m = beta1 * s.m + (1 - beta1) * g;
  const v = beta2 * s.v + (1 - beta2) * g * g;
  const mHat = m / (1 - beta1 ** t);
  const vHat = v / (1 - beta2 ** t);
  return { theta: s.theta - (lr * mHat) / (Math.sqrt(vHat) + eps), m, v, t };
}

/** AdamW: θ ← θ − ηλθ, then the Adam step with the unchanged gradient. */
export function adamwStep(s: AdamScalarState, g: number, lr: number, weightDecay: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8): AdamScalarState {
  return adamStep({ ...s, theta: s.theta - lr * weightDecay * s.theta }, g, lr, beta1, beta2, eps);
}

// --- the optimizers ----------------------------------------------------------

/** Everything needed to resume an optimizer: plain numbers and arrays, so a
 * worker can post it. buffers[name][i] belongs to parameter i (null until
 * that parameter's first step). */
export interface OptimizerState {
  kind: string;
  lr: number;
  step: number;
  hyper: Record<string, number | boolean>;
  buffers: Record<string, (Float32Array | null)[]>;
}

export abstract class Optimizer {
  /** 'sgd', 'adam' or 'adamw' (not the class name, which minifiers rename). */
  abstract readonly kind: string;
  /** The learning rate η; may be changed between steps. */
  lr: number;
  /** Number of step() calls so far. */
  stepCount = 0;
  protected readonly buffers: Record<string, (Tensor | null)[]> = {};
  /** Per parameter: whether weight decay applies to it (false for those in `noDecay`). */
  protected readonly decays: readonly boolean[];

  constructor(
    readonly params: readonly Tensor[],
    lr: number,
    bufferNames: readonly string[],
    noDecay: readonly Tensor[] = [],
  ) {
    this.lr = lr;
    for (const name of bufferNames) this.buffers[name] = params.map(() => null);
    const excluded = new Set(noDecay);
    this.decays = params.map((p) => !excluded.has(p));
  }

  /** The weight decay parameter i gets: λ, or 0 when it was listed in `noDecay`. */
  protected decayOf(i: number, weightDecay: number): number {
    return this.decays[i] ? weightDecay : 0;
  }

  setLr(lr: number): void {
    this.lr = lr;
  }

  /** Sets every parameter's gradient to zero (in place: no allocation). */
  zeroGrad(): void {
    for (const p of this.params) if (p.grad) p.backend.fill(p.grad.storage, 0);
  }

  /** Applies one update to every parameter that has a gradient. */
  step(): void {
    this.stepCount++;
    this.params.forEach((p, i) => {
      if (p.grad) this.update(p, p.grad, i);
    });
  }

  protected abstract update(param: Tensor, grad: Tensor, index: number): void;
  protected abstract hyper(): Record<string, number | boolean>;

  /** A buffer for parameter i, created (zeroed, persistent) on first use. */
  protected buffer(name: string, i: number): { tensor: Tensor; fresh: boolean } {
    const existing = this.buffers[name][i];
    if (existing) return { tensor: existing, fresh: false };
    const created = keep(zerosLike(this.params[i]));
    this.buffers[name][i] = created;
    return { tensor: created, fresh: true };
  }

  state(): OptimizerState {
    const buffers = Object.fromEntries(Object.entries(this.buffers).map(([k, list]) => [k, list.map((t) => (t ? t.toArray() : null))]));
    return { kind: this.kind, lr: this.lr, step: this.stepCount, hyper: this.hyper(), buffers };
  }

  loadState(state: OptimizerState): void {
    this.lr = state.lr;
    this.stepCount = state.step;
    for (const [name, list] of Object.entries(state.buffers)) {
      list.forEach((values, i) => {
        if (!values) return;
        const { tensor } = this.buffer(name, i);
        tensor.backend.write(tensor.storage, values);
      });
    }
  }

  /** Frees the optimizer's buffers (not the parameters). */
  dispose(): void {
    for (const list of Object.values(this.buffers)) list.forEach((t, i) => (t?.dispose(), (list[i] = null)));
  }
}

export interface SgdOptions {
  lr: number;
  /** μ; 0 for plain SGD. */
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  /** λ of the L2 penalty: g ← g + λθ. */
  weightDecay?: number;
  /**
   * Parameters weight decay leaves alone (they step as with weightDecay 0),
   * e.g. biases: PyTorch's param group with weight_decay 0.
   */
  noDecay?: readonly Tensor[];
}

/** SGD, optionally with heavy-ball or Nesterov momentum and L2 decay
 * (torch.optim.SGD). */
export class SGD extends Optimizer {
  readonly kind: string = 'sgd';
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;

  constructor(params: readonly Tensor[], options: SgdOptions) {
    super(params, options.lr, ['velocity'], options.noDecay);
    this.momentum = options.momentum ?? 0;
    this.dampening = options.dampening ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) throw new Error('Nesterov needs momentum > 0 and no dampening');
  }

  protected update(p: Tensor, g: Tensor, i: number): void {
    const v = this.momentum !== 0 ? this.buffer('velocity', i) : null;
    p.backend.sgdUpdate(p.storage, g.storage, v ? v.tensor.storage : null, p.size, {
      lr: this.lr,
      momentum: this.momentum,
      dampening: this.dampening,
      nesterov: this.nesterov,
      weightDecay: this.decayOf(i, this.weightDecay),
      firstStep: v?.fresh ?? false,
    });
  }

  protected hyper() {
    return { momentum: this.momentum, dampening: this.dampening, nesterov: this.nesterov, weightDecay: this.weightDecay };
  }
}

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  /** Parameters weight decay (L2 or AdamW's decoupled decay) leaves alone, e.g. biases. */
  noDecay?: readonly Tensor[];
}

/** Adam (torch.optim.Adam); weightDecay is an L2 penalty added to g. */
export class Adam extends Optimizer {
  readonly kind: string = 'adam';
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  protected decoupled = false;

  constructor(params: readonly Tensor[], options: AdamOptions = {}) {
    super(params, options.lr ?? 1e-3, ['m', 'v'], options.noDecay);
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
  }

  protected update(p: Tensor, g: Tensor, i: number): void {
    const hyper: AdamHyper = {
      lr: this.lr,
      beta1: this.beta1,
      beta2: this.beta2,
      eps: this.eps,
      weightDecay: this.decayOf(i, this.weightDecay),
      decoupled: this.decoupled,
      step: this.stepCount,
    };
    p.backend.adamUpdate(p.storage, g.storage, this.buffer('m', i).tensor.storage, this.buffer('v', i).tensor.storage, p.size, hyper);
  }

  protected hyper() {
    return { beta1: this.beta1, beta2: this.beta2, eps: this.eps, weightDecay: this.weightDecay, decoupled: this.decoupled };
  }
}

/** AdamW (torch.optim.AdamW): decoupled weight decay θ ← θ − ηλθ before the
 * Adam step. weightDecay defaults to 0.01 as in PyTorch. */
export class AdamW extends Adam {
  override readonly kind: string = 'adamw';
  constructor(params: readonly Tensor[], options: AdamOptions = {}) {
    super(params, { ...options, weightDecay: options.weightDecay ?? 0.01 });
    this.decoupled = true;
  }
}

/** Scales all gradients together so that their global L2 norm is at most
 * maxNorm (torch.nn.utils.clip_grad_norm_). Returns the norm before. */
export function clipGradNorm(params: readonly Tensor[], maxNorm: number): number {
  let squares = 0;
  for (const p of params) {
    if (!p.grad) continue;
    const g = p.grad.view();
    for (let i = 0; i < g.length; i++) squares += g[i] * g[i];
  }
  const norm = Math.sqrt(squares);
  const scale = maxNorm / (norm + 1e-6);
  if (scale < 1) {
    for (const p of params) {
      if (!p.grad) continue;
      const s = p.backend.alloc(1);
      p.backend.fill(s, scale);
      const shape = p.grad.shape;
      // In place: grad ← grad · scale, the scalar broadcast with stride 0.
      p.backend.binary('mul', p.grad.storage, stridesOf(shape), s, shape.map(() => 0), p.grad.storage, shape);
      p.backend.free(s);
    }
  }
  return norm;
}
