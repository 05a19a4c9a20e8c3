// Fused in-place optimizer updates, one loop per parameter. The formulas are
// PyTorch's; engine/optim.ts states them and exports scalar versions.

import type { AdamHyper, FloatArray, SgdHyper } from '../backend';

export function sgdKernel(param: FloatArray, grad: FloatArray, velocity: FloatArray | null, length: number, h: SgdHyper): void {
  const { lr, momentum: mu, dampening, nesterov, weightDecay: wd, firstStep } = h;
  for (let i = 0; i < length; i++) {
    const theta = param[i];
    let g = grad[i];
    if (wd !== 0) g += wd * theta; // L2: g ← g + λθ
    if (mu !== 0 && velocity) {
      // v ← μv + (1 − dampening)g, except v ← g on the first step
      const v = firstStep ? g : mu * velocity[i] + (1 - dampening) * g;
      velocity[i] = v;
      g = nesterov ? g + mu * v : v;
    }
    param[i] = theta - lr * g;
  }
}

export function adamKernel(param: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, length: number, h: AdamHyper): void {
  const { lr, beta1, beta2, eps, weightDecay: wd, decoupled, step } = h;
  const bc1 = 1 - Math.pow(beta1, step);
  const bc2 = 1 - Math.pow(beta2, step);
  for (let i = 0; i < length; i++) {
    let theta = param[i];
    let g = grad[i];
    if (wd !== 0) {
      if (decoupled) theta -= lr * wd * theta; // AdamW: θ ← θ − ηλθ
      else g += wd * theta; // Adam + L2: g ← g + λθ
    }
    const mi = beta1 * m[i] + (1 - beta1) * g;
    const vi = beta2 * v[i] + (1 - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    param[i] = theta - (lr * (mi / bc1)) / (Math.sqrt(vi / bc2) + eps);
  }
}
