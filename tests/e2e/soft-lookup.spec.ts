/**
 * Chapter 7's soft lookup: numbers from the worker, points dragged by
 * pointer and moved by keyboard, the weights collapsing as d grows without
 * the √d division (and not with it), the permute button, links, themes and axe.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, seriousViolations, stableBox, test } from './fixtures';

const NAME = 'soft-lookup';
const widget = (page: Page) => page.locator(`[data-widget="${NAME}"]`);
const metric = (root: Locator, name: string) => root.locator(`[data-metric="${name}"]`);
const handle = (root: Locator, id: string) => root.locator(`[data-handle="${id}"]`);
const outputOf = (root: Locator) => root.locator('svg[data-plane="values"]');
const entropy = async (root: Locator) => Number((await metric(root, 'entropy').textContent())!.replace(' nats', ''));

async function openEmbed(page: Page, state = '', theme?: 'light' | 'dark') {
  const query = [state ? `${NAME}=${state}` : '', theme ? `theme=${theme}` : ''].filter(Boolean).join('&');
  await page.goto(`embed/${NAME}/${query ? `?${query}` : ''}`);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'static');
  await expect(metric(widget(page), 'entropy')).toHaveText(/nats$/);
}

/** Where a point of the plane is on screen: the panels are a 340 × 340 viewBox, [−3, 3]² inside x 30…324, y 14…308. */
async function onScreen(plane: Locator, p: [number, number]) {
  const box = await stableBox(plane);
  const px = 30 + ((p[0] + 3) / 6) * 294;
  const py = 308 - ((p[1] + 3) / 6) * 294;
  return { x: box.x + (px / 340) * box.width, y: box.y + (py / 340) * box.height };
}

test('renders static, with the engine’s weights and output from the worker', async ({ page }) => {
  await openEmbed(page);
  const w = widget(page);
  await expect(metric(w, 'entropy')).toHaveText('1.005 nats');
  await expect(metric(w, 'output')).toHaveText('o = Σ aᵢvᵢ = (0.97, 1.22)');
  await expect(handle(w, 'k0')).toHaveAttribute('data-weight', '0.648');
  await expect(w.locator('[data-handle]')).toHaveCount(9);
  await expect(w.locator('svg rect.weight')).toHaveCount(4);
  await expect(w.getByRole('button', { name: 'Play' })).toHaveCount(0);
  const workers = await page.evaluate(() => (window as unknown as { __lookingGlass: { liveWorkers(): number } }).__lookingGlass.liveWorkers());
  expect(workers).toBe(1);
  expect(await w.innerHTML()).not.toMatch(/NaN|Infinity/);
});

test('dragging a key toward the query raises its weight and moves the output', async ({ page }) => {
  await openEmbed(page);
  const w = widget(page);
  const keys = w.locator('svg[data-plane="keys"]');
  await expect(handle(w, 'k3')).toHaveAttribute('data-weight', '0.059');
  const before = await outputOf(w).getAttribute('data-output');
  const from = await onScreen(keys, [-2, -1]);
  const to = await onScreen(keys, [2.5, 2.5]);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => Number(await handle(w, 'k3').getAttribute('data-weight'))).toBeGreaterThan(0.5);
  await expect(outputOf(w)).not.toHaveAttribute('data-output', before!);
  await expect(handle(w, 'k3')).toHaveAttribute('aria-label', /^Key k₄ at \(2\.\d\d, 2\.\d\d\)/);
  await expect(page).toHaveURL(/soft-lookup=v\.1~k\.2,1_-1\.5,1\.5_0\.5,-2_2\.\d+,2\.\d+_/);
});

test('the keyboard moves a focused point; Tab walks the query, then the keys', async ({ page }) => {
  await openEmbed(page);
  const w = widget(page);
  await handle(w, 'q').focus();
  await page.keyboard.press('Tab');
  await expect(handle(w, 'k0')).toBeFocused();
  await handle(w, 'v0').focus();
  const before = await outputOf(w).getAttribute('data-output');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(handle(w, 'v0')).toHaveAttribute('aria-label', /^Value v₁ at \(1\.70, 1\.50\), weight 0\.648/);
  await expect(outputOf(w)).not.toHaveAttribute('data-output', before!);
  await expect(page).toHaveURL(/val\.1\.7,1\.5_/);
});

test('unscaled, the weights collapse as d grows; divided by √d they stay spread', async ({ page }) => {
  await openEmbed(page, 'v.1~sc.0');
  const w = widget(page);
  const slider = w.getByRole('slider', { name: /Width d/ });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', 'd = 512');
  await expect(metric(w, 'hidden')).toContainText('d − 2 = 510 hidden coordinates, random');
  await expect.poll(() => entropy(w)).toBeLessThan(0.01);
  expect(Number(await metric(w, 'spread').textContent())).toBeGreaterThan(8);
  await expect(metric(w, 'entropy').locator('xpath=following-sibling::dd')).toContainText('one-hot');
  await w.getByRole('switch', { name: 'Divide by √d' }).check();
  await expect.poll(() => entropy(w)).toBeGreaterThan(0.5);
  expect(Number(await metric(w, 'spread').textContent())).toBeLessThan(2);
  await expect(page).toHaveURL(/soft-lookup=v\.1~d\.512(#|&|$)/);
});

test('permuting the pairs moves each weight with its pair and leaves the output where it was', async ({ page }) => {
  await openEmbed(page, 'v.1~d.16');
  const w = widget(page);
  const before = await outputOf(w).getAttribute('data-output');
  const weight = await handle(w, 'k1').getAttribute('data-weight');
  await w.getByRole('button', { name: 'Permute the pairs' }).click();
  await expect(w.getByTestId('permutation')).toHaveText('Pairs permuted (rows now k₄ k₁ k₂ k₃): weights moved with their pairs, output unchanged (difference 0.000).');
  await expect(w.getByTestId('sequence')).toContainText('the n outputs came out permuted the same way (difference 0.000)');
  await expect(outputOf(w)).toHaveAttribute('data-output', before!);
  await expect(handle(w, 'k1')).toHaveAttribute('data-weight', weight!);
  // The first bar is now the fourth pair's.
  await expect(w.locator('svg rect.weight').first()).toHaveAttribute('data-pair', '3');
  await expect(page).toHaveURL(/pm\.1/);
});

test('copy link to this state restores it in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`chapters/transformer/#${NAME}`);
  const first = (p: Page) => p.locator(`[data-widget-id="${NAME}"]`);
  await expect(metric(first(page), 'entropy')).toHaveText('1.005 nats');
  await handle(first(page), 'q').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await first(page).getByRole('slider', { name: /Pairs n/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(first(page).locator('svg rect.weight')).toHaveCount(5);
  await first(page).getByRole('button', { name: 'Permute the pairs' }).click();
  await expect(first(page).getByTestId('permutation')).toContainText('output unchanged');
  const shown = await metric(first(page), 'entropy').textContent();
  await first(page).getByRole('button', { name: 'Copy link to this state' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/soft-lookup=v\.1~n\.5~pm\.1~q\.0\.1,0\.5#soft-lookup$/);
  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(handle(first(fresh), 'q')).toHaveAttribute('aria-label', /^Query q at \(0\.10, 0\.50\)/);
  await expect(metric(first(fresh), 'entropy')).toHaveText(shown!);
  await expect(first(fresh).getByTestId('permutation')).toContainText('rows now k₅ k₁ k₂ k₃ k₄');
  await expect(first(fresh)).toBeInViewport();
  await fresh.close();
});

test('the chapter’s second copy opens without the division at d = 256: one-hot', async ({ page }) => {
  await page.goto('chapters/transformer/#lookup-unscaled');
  const second = page.locator('[data-widget-id="lookup-unscaled"]');
  await expect(metric(second, 'entropy')).toHaveText(/nats$/);
  expect(await entropy(second)).toBeLessThan(0.05);
  await expect(second.getByRole('switch', { name: 'Divide by √d' })).not.toBeChecked();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the embed in the ${theme} theme on a phone, and axe finds nothing serious`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await openEmbed(page, 'v.1~n.6~d.64~pm.2', theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.getByRole('link', { name: /Looking Glass, chapter 7/ })).toHaveAttribute('href', /chapters\/transformer\/#lookup$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
