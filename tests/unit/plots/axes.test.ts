import { describe, expect, it } from 'vitest';
import { axes, axisBottom, axisLeft, gridLines, plotBox, xScale, yScale } from '@/components/plots';
import { NOT_A_NUMBER } from './rng';

const box = plotBox(160, 100, { top: 10, right: 10, bottom: 30, left: 40 });

describe('axes', () => {
  it('snapshot: a bottom axis with a title', () => {
    expect(axisBottom(box, xScale(box, [0, 100]), { ticks: 2, label: 'step' })).toMatchInlineSnapshot(`"<g class="axis axis-x" style="font-family:var(--sans);font-size:11px" shape-rendering="crispEdges"><line x1="40" x2="150" y1="70" y2="70" style="stroke:var(--muted)"/><line x1="40" x2="40" y1="70" y2="75" style="stroke:var(--muted)"/><text x="40" y="78" dy="0.71em" text-anchor="middle" style="fill:var(--muted)">0</text><line x1="95" x2="95" y1="70" y2="75" style="stroke:var(--muted)"/><text x="95" y="78" dy="0.71em" text-anchor="middle" style="fill:var(--muted)">50</text><line x1="150" x2="150" y1="70" y2="75" style="stroke:var(--muted)"/><text x="150" y="78" dy="0.71em" text-anchor="middle" style="fill:var(--muted)">100</text><text x="95" y="96" text-anchor="middle" style="fill:var(--text)">step</text></g>"`);
  });

  it('snapshot: a left log axis', () => {
    expect(axisLeft(box, yScale(box, [1e-4, 1], { type: 'log' }), { ticks: 3, label: 'loss' })).toMatchInlineSnapshot(`"<g class="axis axis-y" style="font-family:var(--sans);font-size:11px" shape-rendering="crispEdges"><line x1="40" x2="40" y1="10" y2="70" style="stroke:var(--muted)"/><line x1="35" x2="40" y1="70" y2="70" style="stroke:var(--muted)"/><text x="32" y="70" dy="0.32em" text-anchor="end" style="fill:var(--muted)">10⁻⁴</text><line x1="35" x2="40" y1="55" y2="55" style="stroke:var(--muted)"/><text x="32" y="55" dy="0.32em" text-anchor="end" style="fill:var(--muted)">10⁻³</text><line x1="35" x2="40" y1="40" y2="40" style="stroke:var(--muted)"/><text x="32" y="40" dy="0.32em" text-anchor="end" style="fill:var(--muted)">10⁻²</text><line x1="35" x2="40" y1="25" y2="25" style="stroke:var(--muted)"/><text x="32" y="25" dy="0.32em" text-anchor="end" style="fill:var(--muted)">10⁻¹</text><line x1="35" x2="40" y1="10" y2="10" style="stroke:var(--muted)"/><text x="32" y="10" dy="0.32em" text-anchor="end" style="fill:var(--muted)">1</text><text transform="translate(11,40) rotate(-90)" text-anchor="middle" style="fill:var(--text)">loss</text></g>"`);
  });

  it('colours only through theme variables', () => {
    const markup = axes(box, xScale(box, [-2, 2]), yScale(box, [0, 1]), { x: { label: 'w₁' }, y: { label: 'w₂' } }) +
      gridLines(box, xScale(box, [-2, 2]), yScale(box, [0, 1]));
    const colours = [...markup.matchAll(/(?:fill|stroke):([^;"]+)/g)].map((m) => m[1]);
    expect(new Set(colours)).toEqual(new Set(['var(--muted)', 'var(--text)', 'var(--border)']));
    expect(markup).not.toMatch(/#[0-9a-f]{3,6}\b/i);
    expect(markup).not.toMatch(NOT_A_NUMBER);
  });

  it('keeps ticks inside the axis and escapes titles', () => {
    const markup = axisBottom(box, xScale(box, [0.05, 0.95]), { label: 'a < b & "c"' });
    const tickXs = [...markup.matchAll(/<line x1="([\d.]+)" x2="\1" y1="70"/g)].map((m) => Number(m[1]));
    expect(tickXs.length).toBeGreaterThan(2);
    expect(tickXs.every((v) => v >= 40 && v <= 150)).toBe(true);
    expect(markup).toContain('a &lt; b &amp; &quot;c&quot;');
  });

  it('draws gridlines for one axis only when asked', () => {
    const markup = gridLines(box, null, yScale(box, [0, 1]), { yTicks: 2 });
    expect(markup).toBe(
      '<g class="grid" style="stroke:var(--border)" shape-rendering="crispEdges"><line x1="40" x2="150" y1="70" y2="70"/><line x1="40" x2="150" y1="40" y2="40"/><line x1="40" x2="150" y1="10" y2="10"/></g>',
    );
  });
});
