/**
 * What the widget kit promises every widget: training frames reach the
 * drawing without re-rendering React, and the worker that trains carries
 * the engine but no React.
 */
import { WIDGETS } from '../../components/widgets/kit/catalog';
import { expect, test } from './fixtures';

type Hooks = { renders(id: string): number };

for (const w of WIDGETS.filter((w) => w.run)) {
  test(`${w.name}: training frames do not re-render its view`, async ({ page }) => {
    await page.goto(`embed/${w.name}/`);
    const widget = page.locator(`[data-widget="${w.name}"]`);
    await widget.locator('button[data-action="play"]').click();
    await expect(widget).toHaveAttribute('data-run-state', 'training');
    await expect.poll(async () => Number(await widget.getAttribute('data-step'))).toBeGreaterThan(0);
    const renders = () => page.evaluate((id) => (window as unknown as { __lookingGlass: Hooks }).__lookingGlass.renders(id), w.name);
    const before = await renders();
    expect(before).toBeGreaterThan(0); // the view counts its renders
    const stepBefore = Number(await widget.getAttribute('data-step'));
    await page.waitForTimeout(1500);
    // Frames kept coming (the step moved on, or a short budget ran out) …
    expect(Number(await widget.getAttribute('data-step')) > stepBefore || (await widget.getAttribute('data-run-state')) === 'paused').toBe(true);
    // … and not one of them rendered the view again.
    expect(await renders()).toBe(before);
  });
}

test("the training worker's scripts carry the engine and no React", async ({ page, request }) => {
  const workers: import('@playwright/test').Worker[] = [];
  page.on('worker', (worker) => workers.push(worker));
  await page.goto('embed/classifier-2d/');
  const widget = page.locator('[data-widget="classifier-2d"]');
  await widget.locator('button[data-action="step"]').click();
  await expect(widget).toHaveAttribute('data-step', '1');
  expect(workers.length).toBeGreaterThan(0);
  const fetchText = async (url: string) => (await request.get(url)).text();
  // Everything the worker loaded: its own script and the chunks it imported.
  const urls = new Set<string>();
  for (const worker of workers) {
    urls.add(worker.url());
    for (const name of await worker.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))) urls.add(name);
  }
  const scripts = await Promise.all([...urls].filter((u) => /\.m?js(\?|$)/.test(u)).map(fetchText));
  expect(scripts.length).toBeGreaterThan(0);
  const all = scripts.join('\n');
  expect(all.length).toBeGreaterThan(50_000); // the engine itself (~95 kB minified), not just a loader
  // React marks its elements with this symbol; the page's own chunks have it (checked below), the worker's must not.
  const REACT = 'react.transitional.element';
  expect(all).not.toContain(REACT);
  expect(all).toContain('cannot change'); // the trainer's message for a refused live setting: the engine side is here
  const pageScripts = await page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src));
  const pageCode = (await Promise.all(pageScripts.map(fetchText))).join('\n');
  expect(pageCode).toContain(REACT);
});
