/**
 * The losses the chapter-2 widgets offer, as the widgets print them. The
 * engine computes them (model.ts); tests/unit/widgets/linear-formulas.test.ts
 * pins each printed formula to the engine's numbers. Plain text, no engine
 * import: the page shows these without loading the engine.
 */
export type LossName = 'squared' | 'absolute' | 'huber';

export const LOSSES: Record<LossName, { label: string; text: string }> = {
  squared: { label: 'Squared', text: 'ℓ(r) = r²' },
  absolute: { label: 'Absolute', text: 'ℓ(r) = |r|' },
  huber: { label: 'Huber', text: 'ℓ(r) = ½r² where |r| ≤ δ, else δ(|r| − ½δ)' },
};

export const LOSS_NAMES = Object.keys(LOSSES) as LossName[];

/** What training minimizes, with r = ŷ − y the residual of a point. */
export const OBJECTIVE_TEXT = '𝓛(w, b) = (1/n) Σᵢ ℓ(w·xᵢ + b − yᵢ) + λw²';

/** The exact minimum for the squared loss (ridge included): the dashed line and the marked minimum. */
export const CLOSED_FORM_TEXT = 'w* = Σᵢ(xᵢ − x̄)(yᵢ − ȳ) / (Σᵢ(xᵢ − x̄)² + nλ),  b* = ȳ − w*·x̄';
