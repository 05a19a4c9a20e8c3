// Fused in-place optimizer updates (PyTorch's formulas, as engine/optim.ts
// states them), four parameters per instruction.
import { madd } from './simd';

/** SGD with optional heavy-ball/Nesterov momentum and L2 decay. */
export function sgd(param: usize, grad: usize, velocity: usize, n: i32, lr: f32, mu: f32, dampening: f32, nesterov: bool, wd: f32, first: bool): void {
  const vlr = f32x4.splat(lr);
  const vmu = f32x4.splat(mu);
  const vwd = f32x4.splat(wd);
  const vdamp = f32x4.splat(1 - dampening);
  const useMomentum = mu != 0 && velocity != 0;
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const at = <usize>i << 2;
    const theta = v128.load(param + at);
    let g = madd(vwd, theta, v128.load(grad + at)); // g + λθ
    if (useMomentum) {
      const v = first ? g : madd(vmu, v128.load(velocity + at), f32x4.mul(vdamp, g));
      v128.store(velocity + at, v);
      g = nesterov ? madd(vmu, v, g) : v;
    }
    v128.store(param + at, f32x4.sub(theta, f32x4.mul(vlr, g)));
  }
  for (let i = n4; i < n; i++) {
    const at = <usize>i << 2;
    const theta = load<f32>(param + at);
    let g = load<f32>(grad + at) + wd * theta;
    if (useMomentum) {
      const v = first ? g : mu * load<f32>(velocity + at) + (1 - dampening) * g;
      store<f32>(velocity + at, v);
      g = nesterov ? g + mu * v : v;
    }
    store<f32>(param + at, theta - lr * g);
  }
}

/** Adam (L2 penalty) or AdamW (decoupled decay); bc1, bc2 = 1 − β₁ᵗ, 1 − β₂ᵗ. */
export function adam(param: usize, grad: usize, m: usize, v: usize, n: i32, lr: f32, b1: f32, b2: f32, eps: f32, wd: f32, decoupled: bool, bc1: f32, bc2: f32): void {
  const decay: f32 = decoupled ? 1 - lr * wd : 1;
  const l2: f32 = decoupled ? 0 : wd;
  const vdecay = f32x4.splat(decay);
  const vl2 = f32x4.splat(l2);
  const vb1 = f32x4.splat(b1);
  const vb2 = f32x4.splat(b2);
  const v1b1 = f32x4.splat(1 - b1);
  const v1b2 = f32x4.splat(1 - b2);
  const vlr = f32x4.splat(lr);
  const vbc1 = f32x4.splat(bc1);
  const vbc2 = f32x4.splat(bc2);
  const veps = f32x4.splat(eps);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const at = <usize>i << 2;
    const raw = v128.load(param + at);
    const g = madd(vl2, raw, v128.load(grad + at));
    const theta = f32x4.mul(raw, vdecay);
    const mi = madd(vb1, v128.load(m + at), f32x4.mul(v1b1, g));
    const vi = madd(vb2, v128.load(v + at), f32x4.mul(v1b2, f32x4.mul(g, g)));
    v128.store(m + at, mi);
    v128.store(v + at, vi);
    const step = f32x4.div(f32x4.mul(vlr, f32x4.div(mi, vbc1)), f32x4.add(f32x4.sqrt(f32x4.div(vi, vbc2)), veps));
    v128.store(param + at, f32x4.sub(theta, step));
  }
  for (let i = n4; i < n; i++) {
    const at = <usize>i << 2;
    const raw = load<f32>(param + at);
    const g = load<f32>(grad + at) + l2 * raw;
    const theta = raw * decay;
    const mi = b1 * load<f32>(m + at) + (1 - b1) * g;
    const vi = b2 * load<f32>(v + at) + (1 - b2) * g * g;
    store<f32>(m + at, mi);
    store<f32>(v + at, vi);
    store<f32>(param + at, theta - (lr * (mi / bc1)) / (sqrt(vi / bc2) + eps));
  }
}
