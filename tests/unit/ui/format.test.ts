import { describe, expect, it } from 'vitest';
import { decimalsOf, formatSetting, formatValue, roundSignificant, withMinus } from '@/components/ui/format';

describe('number formats', () => {
  it('readouts: 4 significant digits, exponent form below 1e-3 and from 1e5, a dash for no number', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(0.0005)).toBe('5.00e-4');
    expect(formatValue(123456)).toBe('1.23e5');
    expect(formatValue(0)).toBe('0');
    for (const bad of [NaN, Infinity, null, undefined]) expect(formatValue(bad)).toBe('—');
  });

  it('log-slider settings: plain decimals down to 1e-5, so a learning rate reads 0.0005', () => {
    expect(formatSetting(0.0005)).toBe('0.0005');
    expect(formatSetting(0.00012)).toBe('0.00012');
    expect(formatSetting(0.03)).toBe('0.03');
    expect(formatSetting(100)).toBe('100');
    expect(formatSetting(2e-6)).toBe('2.00e-6');
    expect(formatSetting(NaN)).toBe('—');
  });

  it('readouts print a true minus sign, as the axes do', () => {
    expect(withMinus((-0.5).toFixed(2))).toBe('−0.50');
    expect(withMinus('(0.89, -0.69)')).toBe('(0.89, −0.69)');
  });

  it('slider helpers', () => {
    expect(decimalsOf(0.05)).toBe(2);
    expect(decimalsOf(1)).toBe(0);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(roundSignificant(0.0123456)).toBe(0.012);
  });
});
