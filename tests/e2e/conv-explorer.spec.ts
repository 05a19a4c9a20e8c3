/**
 * Chapter 6's convolution explorer: maps computed in the worker, the output
 * size that stride changes, the receptive field by pointer and keyboard,
 * the shift readout at stride 1 and 2, drawing, links, themes and axe.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, seriousViolations, stableBox, test } from './fixtures';

const NAME = 'conv-explorer';
const widget = (page: Page) => page.locator(`[data-widget="${NAME}"]`);
const map = (page: Page, layer: 1 | 2) => widget(page).locator(`svg[data-layer="${layer}"]`);
const input = (page: Page) => widget(page).locator('svg[data-draw]');
/** Pixels drawn on a panel (one rect with an opacity each). */
const inked = async (panel: Locator) => ((await panel.innerHTML()).match(/fill-opacity/g) ?? []).length;

async function openEmbed(page: Page, state = '', theme?: 'light' | 'dark') {
  const query = [state ? `${NAME}=${state}` : '', theme ? `theme=${theme}` : ''].filter(Boolean).join('&');
  await page.goto(`embed/${NAME}/${query ? `?${query}` : ''}`);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'static');
  // The worker's answer has been drawn.
  await expect(map(page, 1)).toHaveAttribute('data-size', /\d+/);
}

/** Where a grid's pixel (i, j) is on screen: panels are a 36 × 36 viewBox with the grid centred, a map under 28 a side stretched to 28. */
async function pixelOnScreen(panel: Locator, size: number, i: number, j: number) {
  const box = await stableBox(panel);
  const cell = size >= 28 ? 1 : 28 / size;
  const o = (36 - size * cell) / 2;
  return { x: box.x + ((o + (j + 0.5) * cell) / 36) * box.width, y: box.y + ((o + (i + 0.5) * cell) / 36) * box.height };
}

test('the worker’s map at its engine size; stride changes the size, the formula and the map', async ({ page }) => {
  await openEmbed(page);
  const w = widget(page);
  await expect(map(page, 1)).toHaveAttribute('data-size', '28');
  await expect(w.locator('[data-formula="1"]')).toHaveText('layer 1: ⌊(28 + 2·1 − 1·(3−1) − 1)/1⌋ + 1 = 28');
  const before = await map(page, 1).innerHTML();
  expect(await inked(map(page, 1))).toBeGreaterThan(100);
  await w.getByRole('slider', { name: /Stride s/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(map(page, 1)).toHaveAttribute('data-size', '14');
  await expect(w.locator('[data-formula="1"]')).toHaveText('layer 1: ⌊(28 + 2·1 − 1·(3−1) − 1)/2⌋ + 1 = 14');
  await expect(map(page, 2)).toHaveAttribute('data-size', '7');
  await expect(w.locator('[data-formula="2"]')).toHaveText('layer 2: ⌊(14 + 2·1 − 1·(3−1) − 1)/2⌋ + 1 = 7');
  expect(await map(page, 1).innerHTML()).not.toBe(before);
  await expect(page).toHaveURL(/conv-explorer=v\.1~s\.2/);
  expect(await w.innerHTML()).not.toMatch(/NaN|Infinity/);
});

test('pointing at a layer-1 pixel shows the 3 × 3 it reads; the keyboard walks layer 2, whose field is 5 × 5', async ({ page }) => {
  await openEmbed(page);
  const w = widget(page);
  const at = await pixelOnScreen(map(page, 1), 28, 10, 12);
  await page.mouse.move(at.x, at.y);
  await expect(map(page, 1)).toHaveAttribute('data-selected', '10,12');
  await expect(input(page)).toHaveAttribute('data-field-cells', '9');
  await expect(w.getByTestId('selection')).toContainText('Layer 1, row 10, column 12');
  await page.mouse.move(0, 0);
  await expect(input(page)).toHaveAttribute('data-field-cells', '0');

  await map(page, 2).focus();
  await expect(map(page, 2)).toHaveAttribute('data-selected', '14,14');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  await expect(map(page, 2)).toHaveAttribute('data-selected', '13,13');
  await expect(input(page)).toHaveAttribute('data-field-cells', '25');
  await expect(w.getByTestId('selection')).toContainText('which together read 5 × 5 input pixels');
  // The layer-1 pixels it reads are marked on layer 1.
  await expect(map(page, 1).locator('rect.field')).toHaveCount(9);
  await expect(w.getByTestId('field-sizes')).toContainText('1 + 2·d·(k − 1) = 5');
});

test('shifted one pixel: the map shifts with it at stride 1, and is no shift of it at stride 2', async ({ page }) => {
  await openEmbed(page);
  const w = widget(page);
  await w.getByRole('button', { name: 'Shift the image one pixel right' }).click();
  await expect(w.getByRole('button', { name: 'Shift the image one pixel right' })).toHaveAttribute('aria-pressed', 'true');
  await expect(w.getByTestId('shift-readout')).toHaveText('Map shifted by 1 pixel: equal to the original map shifted (max difference 0.000 away from the border).');
  await expect(input(page)).toHaveAttribute('data-shifted', 'true');
  await expect(page).toHaveURL(/sh\.1/);

  await openEmbed(page, 'v.1~s.2~sh.1');
  await expect(w.getByTestId('shift-readout')).toContainText('Not a shift of the original map');
  const diff = Number(await w.getByTestId('shift-readout').getAttribute('data-max-difference'));
  expect(diff).toBeGreaterThan(0.1);
  expect(await map(page, 1).locator('circle.differs').count()).toBeGreaterThan(0);
});

test('drawing on the canvas changes the map, by pointer and by keyboard, and Clear empties it', async ({ page }) => {
  await openEmbed(page, 'v.1~im.draw');
  const w = widget(page);
  await expect(w.getByTestId('drawing-notice')).toBeVisible();
  expect(await inked(map(page, 1))).toBe(0);
  const from = await pixelOnScreen(input(page), 28, 6, 6);
  const to = await pixelOnScreen(input(page), 28, 20, 20);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => inked(map(page, 1))).toBeGreaterThan(20);
  const drawn = await inked(input(page));
  await input(page).focus();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Space');
  await expect.poll(() => inked(input(page))).toBeGreaterThan(drawn);
  await w.getByRole('button', { name: 'Clear the drawing' }).click();
  await expect.poll(() => inked(map(page, 1))).toBe(0);
});

test('copy link to this state restores a custom kernel and its geometry in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('chapters/cnn/#conv-explorer');
  const first = (p: Page) => p.locator('[data-widget-id="conv-explorer"]');
  await expect(first(page).locator('svg[data-layer="1"]')).toHaveAttribute('data-size', '28');
  await first(page).getByRole('combobox', { name: 'Image' }).selectOption('5');
  await first(page).getByRole('spinbutton', { name: 'Weight, row 2, column 2' }).fill('3');
  await expect(first(page).getByRole('combobox', { name: 'Kernel' })).toHaveValue('custom');
  await first(page).getByRole('slider', { name: /Dilation d/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(first(page).locator('svg[data-layer="1"]')).toHaveAttribute('data-size', '26');
  await first(page).getByRole('button', { name: 'Copy link to this state' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/conv-explorer=v\.1~im\.5~k\.custom~w\.-1_0_1_-2_3_2_-1_0_1~d\.2#conv-explorer$/);

  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(first(fresh).getByRole('spinbutton', { name: 'Weight, row 2, column 2' })).toHaveValue('3');
  await expect(first(fresh).getByRole('combobox', { name: 'Image' })).toHaveValue('5');
  await expect(first(fresh).locator('svg[data-layer="1"]')).toHaveAttribute('data-size', '26');
  await expect(first(fresh).locator('[data-formula="1"]')).toHaveText('layer 1: ⌊(28 + 2·1 − 2·(3−1) − 1)/1⌋ + 1 = 26');
  await expect(first(fresh)).toBeInViewport();
  await fresh.close();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the embed in the ${theme} theme on a phone, and axe finds nothing serious`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await openEmbed(page, 'v.1~k.sharpen~d.2~sh.1', theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('the chapter’s second explorer opens at stride 2, shifted', async ({ page }) => {
  await page.goto('chapters/cnn/#conv-shift');
  const second = page.locator('[data-widget-id="conv-shift"]');
  await expect(second.getByTestId('shift-readout')).toContainText('Not a shift of the original map');
  await expect(second.locator('svg[data-layer="1"]')).toHaveAttribute('data-size', '14');
});
