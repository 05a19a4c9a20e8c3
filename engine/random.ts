// Seeded randomness. Every random thing in the engine (initial weights,
// shuffles, data sets) draws from an Rng, so a seed fixes a whole run.
//
// The generator is xoshiro128** (Blackman & Vigna), seeded through
// splitmix32. It uses only 32-bit integer operations (Math.imul, shifts),
// so a seed gives the same integers and the same uniforms on every platform.
// normal() also needs Math.log/sqrt/cos, which V8 computes identically on
// every platform; another JS engine could differ in the last bit.

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** splitmix32: a well-mixed 32-bit sequence from any seed, used to fill the
 * xoshiro state (which must not be all zero). */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  /** Any number works as a seed; it is reduced to 32 bits. */
  constructor(seed: number) {
    const st = { s: seed | 0 };
    this.s0 = splitmix32(st);
    this.s1 = splitmix32(st);
    this.s2 = splitmix32(st);
    this.s3 = splitmix32(st);
  }

  /** The next 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [low, high), from 53 random bits. */
  uniform(low = 0, high = 1): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return low + ((a * TWO_POW_26 + b) / TWO_POW_53) * (high - low);
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** A sample of N(mean, std²) by Box–Muller: from u₁, u₂ ~ U(0, 1],
   * r = √(−2 ln u₁) and θ = 2πu₂ give two independent normals r·cos θ and
   * r·sin θ; the second is kept for the next call. */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log is finite
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    return mean + std * r * Math.cos(2 * Math.PI * u2);
  }

  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T, A extends { length: number; [i: number]: T }>(array: A): A {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** 0 … n−1 in random order. */
  permutation(n: number): Int32Array {
    return this.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  }

  /** An independent generator seeded from this one. */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }

  /** The full state, to snapshot and later restore a stream exactly. */
  getState(): number[] {
    return [this.s0, this.s1, this.s2, this.s3, this.spareNormal ?? NaN];
  }

  setState(state: readonly number[]): void {
    [this.s0, this.s1, this.s2, this.s3] = state.map((v) => v | 0);
    this.spareNormal = Number.isNaN(state[4]) ? null : state[4];
  }
}
