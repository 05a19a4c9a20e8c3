/**
 * The activations of the gallery as the widget shows them: names, colours,
 * the formulas it prints and a note each. No engine here (this module loads
 * on the page); the engine's functions are in model.ts, which runs in the
 * worker. tests/unit/widgets/activation-gallery.test.ts pins each printed
 * formula to the engine.
 */
export type ActivationId = 'step' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'softplus' | 'elu' | 'gelu' | 'silu';

export interface Activation {
  id: ActivationId;
  label: string;
  /** Its colour (≥ 3:1 against the widget's surface in both themes; tested). */
  color: string;
  /** The function as printed, and the closed form of its derivative. */
  text: string;
  derivativeText: string;
  /** What the reader should notice. */
  note: string;
}

export const ACTIVATIONS: readonly Activation[] = [
  {
    id: 'step',
    label: 'Step',
    color: '#7E7E7E',
    text: 'H(x) = 1 if x > 0, else 0',
    derivativeText: 'H′(x) = 0 for x ≠ 0 (no gradient flows)',
    note: 'Flat almost everywhere: gradient descent gets no signal through it.',
  },
  {
    id: 'sigmoid',
    label: 'Sigmoid',
    color: '#0072B2',
    text: 'σ(x) = 1 / (1 + e^(−x))',
    derivativeText: 'σ′(x) = σ(x)(1 − σ(x))',
    note: 'Saturates: at |x| = 4 its slope is 0.018, a fourteenth of its peak of 0.25.',
  },
  {
    id: 'tanh',
    label: 'tanh',
    color: '#D55E00',
    text: 'tanh(x) = (eˣ − e^(−x)) / (eˣ + e^(−x))',
    derivativeText: 'tanh′(x) = 1 − tanh²(x)',
    note: 'Zero-centred, slope 1 at 0, but saturates like the sigmoid.',
  },
  {
    id: 'relu',
    label: 'ReLU',
    color: '#009E73',
    text: 'ReLU(x) = max(0, x)',
    derivativeText: 'ReLU′(x) = 1 if x > 0, else 0',
    note: 'Never saturates for x > 0; a unit whose input stays negative is dead.',
  },
  {
    id: 'leakyRelu',
    label: 'Leaky ReLU',
    color: '#C0679B',
    text: 'f(x) = x if x > 0, else a·x',
    derivativeText: 'f′(x) = 1 if x > 0, else a',
    note: 'The slope a keeps a little gradient alive for negative inputs.',
  },
  {
    id: 'softplus',
    label: 'Softplus',
    color: '#A87900',
    text: 'softplus(x) = log(1 + eˣ)',
    derivativeText: 'softplus′(x) = σ(x)',
    note: 'A smooth ReLU: its derivative is the sigmoid.',
  },
  {
    id: 'elu',
    label: 'ELU',
    color: '#8A63C9',
    text: 'ELU(x) = x if x > 0, else eˣ − 1',
    derivativeText: 'ELU′(x) = 1 if x > 0, else eˣ',
    note: 'Negative outputs down to −1 pull the mean activation toward 0.',
  },
  {
    id: 'gelu',
    label: 'GELU',
    color: '#6F8F1F',
    text: 'GELU(x) = x·Φ(x) = ½x(1 + erf(x/√2))',
    derivativeText: 'GELU′(x) = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π)',
    note: 'Dips to its minimum near x ≈ −0.75, and its slope overshoots 1 (about 1.13 near x ≈ 1.4).',
  },
  {
    id: 'silu',
    label: 'SiLU',
    color: '#9A6A4F',
    text: 'SiLU(x) = x·σ(x)',
    derivativeText: 'SiLU′(x) = σ(x)(1 + x(1 − σ(x)))',
    note: 'Like GELU: smooth and not monotonic; its slope peaks at about 1.1 near x ≈ 2.4.',
  },
];

export function activationById(id: ActivationId): Activation {
  const found = ACTIVATIONS.find((a) => a.id === id);
  if (!found) throw new Error(`No activation "${id}"`);
  return found;
}
