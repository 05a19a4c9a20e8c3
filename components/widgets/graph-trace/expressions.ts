/**
 * The expressions the reader can trace, as the page knows them: formulas,
 * inputs with their shapes and starting values, and which inputs are
 * trainable (get an adjoint). Their engine forms are in model.ts. No
 * engine code here.
 */
export type ExpressionName = 'trace' | 'neuron' | 'mlp' | 'softmax';

export interface InputSpec {
  /** As the formula names it. */
  name: string;
  /** [] for a scalar. */
  shape: number[];
  /** Values in row-major order. */
  values: number[];
  /** A weight (the walk gives it an adjoint) or data (it does not). */
  trainable: boolean;
}

export interface ExpressionSpec {
  label: string;
  /** The formula as the widget prints it. */
  text: string;
  inputs: InputSpec[];
}

export const EXPRESSIONS: Record<ExpressionName, ExpressionSpec> = {
  trace: {
    label: 'ln x₁ + x₁x₂ − sin x₂',
    text: 'f(x₁, x₂) = ln x₁ + x₁x₂ − sin x₂',
    inputs: [
      { name: 'x₁', shape: [], values: [2], trainable: true },
      { name: 'x₂', shape: [], values: [5], trainable: true },
    ],
  },
  neuron: {
    label: 'A sigmoid neuron’s squared error',
    text: 'L = ½(σ(w·x + b) − y)²',
    inputs: [
      { name: 'w', shape: [], values: [0.8], trainable: true },
      { name: 'x', shape: [], values: [1.5], trainable: false },
      { name: 'b', shape: [], values: [-0.5], trainable: true },
      { name: 'y', shape: [], values: [1], trainable: false },
    ],
  },
  mlp: {
    label: 'A two-layer tanh network, one point',
    text: 'L = (w₂ tanh(W₁x + b₁) + b₂ − y)²',
    inputs: [
      { name: 'W₁', shape: [2, 2], values: [0.5, -0.3, 0.8, 0.2], trainable: true },
      { name: 'x', shape: [2, 1], values: [1, -0.5], trainable: false },
      { name: 'b₁', shape: [2, 1], values: [0.1, -0.1], trainable: true },
      { name: 'w₂', shape: [1, 2], values: [0.7, -0.6], trainable: true },
      { name: 'b₂', shape: [1, 1], values: [0.05], trainable: true },
      { name: 'y', shape: [1, 1], values: [0.3], trainable: false },
    ],
  },
  softmax: {
    label: 'Softmax cross-entropy, three logits',
    text: 'L = −log softmax(z)ᵧ, with class y = 0',
    inputs: [{ name: 'z', shape: [1, 3], values: [2, 1, -1], trainable: true }],
  },
};

export const EXPRESSION_NAMES = Object.keys(EXPRESSIONS) as ExpressionName[];

/** How many numbers an input holds. */
export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The inputs' values: the reader's, where they gave as many as the expression needs, else the expression's own. */
export function inputValues(name: ExpressionName, given: readonly number[]): number[][] {
  const inputs = EXPRESSIONS[name].inputs;
  const total = inputs.reduce((n, i) => n + sizeOf(i.shape), 0);
  const flat = given.length === total ? given : inputs.flatMap((i) => i.values);
  let at = 0;
  return inputs.map((i) => {
    const n = sizeOf(i.shape);
    const values = flat.slice(at, at + n);
    at += n;
    return [...values];
  });
}
