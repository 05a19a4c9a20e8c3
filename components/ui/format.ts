/** Number formatting shared by controls and readouts. */

/** A value for a readout: 4 significant digits, exponent form when tiny or huge. */
export function formatValue(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(2).replace('e+', 'e');
  return String(Number(x.toPrecision(4)));
}

/** A setting read off a log slider (a learning rate, a temperature): plain
 * decimals down to 1e-5, since "0.0005" reads better than "5.00e-4"; beyond
 * that, as a readout. */
export function formatSetting(x: number): string {
  const a = Math.abs(x);
  if (Number.isFinite(x) && a >= 1e-5 && a < 1e5) return String(Number(x.toPrecision(4)));
  return formatValue(x);
}

/** A number's text with a true minus sign (U+2212), as the axes and formulas print it. */
export function withMinus(text: string): string {
  return text.replace(/-/g, '\u2212');
}

/** Decimals needed to show multiples of `step` exactly (0.05 → 2). */
export function decimalsOf(step: number): number {
  const s = String(step);
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** Rounds to a few significant digits, for values read off a log slider. */
export function roundSignificant(x: number, digits = 2): number {
  return Number(x.toPrecision(digits));
}
