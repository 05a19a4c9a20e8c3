import { describe, expect, it } from 'vitest';
import { BACKGROUND, CLASS_COLORS, classColor, contrastRatio, relativeLuminance } from '@/components/plots';

describe('WCAG formulas', () => {
  it('match known values', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 12);
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 10);
    expect(contrastRatio('#0072B2', '#0072B2')).toBe(1);
    // #777 on white is the classic "just fails 4.5:1" grey.
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

describe('class palette', () => {
  it.each(CLASS_COLORS.map((c) => [c]))('%s has ≥ 3:1 contrast on both page backgrounds', (colour) => {
    expect(contrastRatio(colour, BACKGROUND.light)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(colour, BACKGROUND.dark)).toBeGreaterThanOrEqual(3);
  });

  it('backgrounds match the stylesheet', async () => {
    const { readFile } = await import('node:fs/promises');
    const css = await readFile(new URL('../../../app/globals.css', import.meta.url), 'utf8');
    const bgs = [...css.matchAll(/--bg:\s*(#[0-9a-f]{6})/gi)].map((m) => m[1].toLowerCase());
    expect(bgs).toEqual([BACKGROUND.light, BACKGROUND.dark]);
  });

  it('has distinct colours and wraps around', () => {
    expect(new Set(CLASS_COLORS.map((c) => c.toLowerCase())).size).toBe(CLASS_COLORS.length);
    expect(classColor(0)).toBe(CLASS_COLORS[0]);
    expect(classColor(CLASS_COLORS.length + 1)).toBe(CLASS_COLORS[1]);
    expect(classColor(-1)).toBe(CLASS_COLORS[CLASS_COLORS.length - 1]);
  });
});
