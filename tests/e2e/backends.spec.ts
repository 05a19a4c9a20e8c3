import { test, expect } from './fixtures';

type Hooks = { __lookingGlass: { backend(): Promise<string> } };
const backendOf = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as Hooks).__lookingGlass.backend());

test('the worker trains with the best wasm build Chromium validates', async ({ page }) => {
  await page.goto('chapters/learning/#descent-playground');
  await expect(page.locator('[data-widget-id="descent-playground"] .contours path').first()).toBeAttached();
  expect(await backendOf(page)).toBe('wasm-relaxed');
});

for (const [choice, name] of [
  ['js', 'js-float32'],
  ['wasm-simd', 'wasm-simd'],
] as const) {
  test(`?backend=${choice} forces ${name}, and the widget still trains`, async ({ page }) => {
    await page.goto(`chapters/learning/?backend=${choice}&descent-playground=v.1~sp.200#descent-playground`);
    const widget = page.locator('[data-widget-id="descent-playground"]');
    await expect(widget.locator('.contours path').first()).toBeAttached();
    expect(await backendOf(page)).toBe(name);
    await widget.getByRole('button', { name: 'Step' }).click();
    await expect(widget).toHaveAttribute('data-step', '1');
    const first = Number(await widget.getAttribute('data-loss'));
    await widget.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => Number(await widget.getAttribute('data-step'))).toBeGreaterThan(30);
    expect(Number(await widget.getAttribute('data-loss'))).toBeLessThan(first);
  });
}
