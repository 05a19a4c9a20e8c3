/**
 * The functions whose derivative the reader approximates, as the page
 * knows them (names and formulas; no engine code here). Their engine
 * forms, for the worker, are in model.ts.
 */
export type FunctionName = 'sin' | 'exp' | 'tanh' | 'cube';

export const FUNCTIONS: Record<FunctionName, { label: string; text: string; derivativeText: string }> = {
  sin: { label: 'sin x', text: 'f(x) = sin x', derivativeText: 'f′(x) = cos x' },
  exp: { label: 'eˣ', text: 'f(x) = eˣ', derivativeText: 'f′(x) = eˣ' },
  tanh: { label: 'tanh x', text: 'f(x) = tanh x', derivativeText: 'f′(x) = 1 − tanh² x' },
  cube: { label: 'x³', text: 'f(x) = x³', derivativeText: 'f′(x) = 3x²' },
};

export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/** The steps h the widget tries: 10⁻¹⁶ to 1, ten to a decade. */
export const STEPS_PER_DECADE = 10;
export const H_RANGE = [1e-16, 1] as const;
export const H_VALUES: Float64Array = Float64Array.from({ length: 16 * STEPS_PER_DECADE + 1 }, (_, i) => 10 ** (-16 + i / STEPS_PER_DECADE));

/** The four estimates compared, in drawing order. */
export const METHODS = [
  { key: 'forward32', label: 'one-sided, float32', dtype: 'float32', central: false },
  { key: 'central32', label: 'central, float32', dtype: 'float32', central: true },
  { key: 'forward64', label: 'one-sided, float64', dtype: 'float64', central: false },
  { key: 'central64', label: 'central, float64', dtype: 'float64', central: true },
] as const;
export type MethodKey = (typeof METHODS)[number]['key'];

/** Unit roundoff of each float format: the spacing of numbers next to 1, halved (2⁻²⁴ and 2⁻⁵³). */
export const UNIT_ROUNDOFF = { float32: 2 ** -24, float64: 2 ** -53 } as const;
