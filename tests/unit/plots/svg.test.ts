import { describe, expect, it } from 'vitest';
import { attrs, el, esc, num } from '@/components/plots';

describe('svg helpers', () => {
  it('rounds coordinates and never prints -0', () => {
    expect(num(1.23456)).toBe('1.23');
    expect(num(-0.001)).toBe('0');
    expect(num(10)).toBe('10');
    expect(num(2.5, 0)).toBe('3');
  });

  it('escapes text and skips absent attributes', () => {
    expect(esc(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    expect(attrs({ a: 1.006, b: null, c: undefined, d: false, e: 'x"y' })).toBe(' a="1.01" e="x&quot;y"');
    expect(el('circle', { r: 2 })).toBe('<circle r="2"/>');
    expect(el('g', {}, '<i/>')).toBe('<g><i/></g>');
  });
});
