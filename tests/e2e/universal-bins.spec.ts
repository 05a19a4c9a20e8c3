import type { Page } from '@playwright/test';
import { test, expect, expectPlayAndPauseByKeyboard, expectSameLossInTwoFreshRuns, seriousViolations, stableBox } from './fixtures';

// Chapter 4 is written in another branch: every test goes through the embed page.
const EMBED = 'embed/universal-bins/';
const widget = (page: Page) => page.locator('[data-widget="universal-bins"]');
const fit = (page: Page) => widget(page).locator('svg[data-drawing]');
const step = async (page: Page) => Number(await widget(page).getAttribute('data-step'));
const loss = async (page: Page) => Number(await widget(page).getAttribute('data-loss'));
const handMse = (page: Page) => widget(page).locator('li[data-series="hand-built"] strong');

async function open(page: Page, state = '', theme?: 'light' | 'dark') {
  const query = [state ? `universal-bins=${state}` : '', theme ? `theme=${theme}` : ''].filter(Boolean).join('&');
  await page.goto(`${EMBED}${query ? `?${query}` : ''}`);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'idle');
  // The hand-built network comes from the engine in the worker before anything trains.
  await expect(fit(page)).toHaveAttribute('data-ready', 'true');
}

test('renders the hand-built network with its bins, before training', async ({ page }) => {
  await open(page);
  await expect(fit(page).locator('rect.bin')).toHaveCount(8);
  for (const series of ['target', 'hand-built', 'trained']) await expect(fit(page).locator(`path[data-series="${series}"]`)).toHaveCount(1);
  await expect(handMse(page)).not.toHaveText('—');
  // MSE vs B: 50 points of the hand-built curve, the current B marked.
  await expect(widget(page).locator('svg circle.current-bins')).toHaveCount(1);
  expect(await widget(page).locator('[data-part="body"]').innerHTML()).not.toMatch(/NaN|Infinity/);
});

test('trains in the worker: the step rises, the loss falls, the trained curve moves', async ({ page }) => {
  await open(page, 'v.1~g.bumpy~sp.2000');
  await widget(page).getByRole('button', { name: 'Step' }).click();
  await expect(widget(page)).toHaveAttribute('data-step', '1');
  const first = await loss(page);
  const before = await fit(page).locator('path[data-series="trained"]').getAttribute('d');
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
  await expect.poll(() => step(page)).toBeGreaterThan(300);
  expect(await loss(page)).toBeLessThan(first / 2);
  expect(await fit(page).locator('path[data-series="trained"]').getAttribute('d')).not.toBe(before);
  await expect(widget(page).locator('svg path.trained-mse')).toHaveCount(1);
  expect(await widget(page).locator('[data-part="body"]').innerHTML()).not.toMatch(/NaN|Infinity/);
});

test('changing w mid-run redraws the hand-built network without restarting the training', async ({ page }) => {
  await open(page, 'v.1~sp.200');
  const mse = await handMse(page).innerText();
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => step(page)).toBeGreaterThan(20);
  const w = widget(page).getByRole('slider', { name: 'Steepness w' });
  await w.focus();
  const before = await step(page);
  await page.keyboard.press('End');
  await expect(w).toHaveAttribute('aria-valuetext', '5000');
  await expect(handMse(page)).not.toHaveText(mse);
  // Fresh runs would start again from step 0.
  const after = await step(page);
  expect(after).toBeGreaterThanOrEqual(before);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
  await expect.poll(() => step(page)).toBeGreaterThan(after);
});

test('two fresh pages on the same link, stepped alike, show identical losses', async ({ browser, baseURL }) => {
  await expectSameLossInTwoFreshRuns(browser, baseURL, (page) => open(page, 'v.1~g.step~b.5~s.42'), widget, 5);
});

test('a state link restores target, B, w, rate and seed', async ({ page }) => {
  await open(page, 'v.1~g.step~b.12~w.500~lr.0.005~s.7');
  await expect(widget(page).getByRole('combobox', { name: 'Target g(x)' })).toHaveValue('step');
  await expect(widget(page).getByRole('slider', { name: 'Bins B' })).toHaveAttribute('aria-valuetext', '12');
  await expect(widget(page).getByRole('slider', { name: 'Steepness w' })).toHaveAttribute('aria-valuetext', '500');
  await expect(widget(page).getByRole('slider', { name: /Learning rate/ })).toHaveAttribute('aria-valuetext', '0.005');
  await expect(widget(page)).toContainText('seed 7');
  await expect(fit(page).locator('rect.bin')).toHaveCount(12);
  await expect(widget(page)).toContainText('24 units');
});

test('a link with bad values shows a notice and keeps the good part', async ({ page }) => {
  await page.goto(`${EMBED}?universal-bins=v.1~b.99~g.step`);
  const notice = widget(page).getByRole('status').filter({ hasText: 'could not be used' });
  await expect(notice).toContainText('Bins B');
  await expect(widget(page).getByRole('combobox', { name: 'Target g(x)' })).toHaveValue('step');
});

test('draw a target with the pointer', async ({ page }) => {
  await open(page, 'v.1~g.drawn');
  await expect(fit(page)).toHaveAttribute('role', 'application');
  const box = await stableBox(fit(page));
  const [, , width, height] = (await fit(page).getAttribute('viewBox'))!.split(' ').map(Number);
  const s = box.width / width;
  // The plot's inner area in viewBox units: x from 44 to width − 14, y from 12 to height − 38 (g from 1.35 down to −1.35).
  const at = (x: number, g: number) => [box.x + (44 + x * (width - 58)) * s, box.y + (12 + ((1.35 - g) / 2.7) * (height - 50)) * s] as const;
  await page.mouse.move(...at(0.05, -1));
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(...at(0.05 + k * 0.09, -1 + k * 0.2));
  await page.mouse.up();
  await expect(page).toHaveURL(/universal-bins=v\.1~g\.drawn~d\.[^~]*_-1_-0\.9_/);
  await expect(fit(page)).toHaveAttribute('data-ready', 'true');
  expect(await widget(page).locator('[data-part="body"]').innerHTML()).not.toMatch(/NaN|Infinity/);
});

test('type a target, and hear why a bad one is refused', async ({ page }) => {
  await open(page, 'v.1~g.typed');
  const field = widget(page).getByRole('textbox', { name: /Values of g/ });
  await field.fill('0, 1, banana');
  await field.press('Enter');
  await expect(widget(page).getByRole('alert')).toContainText('not a number');
  await field.fill('0, 1, -1, 0.5');
  await widget(page).getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/t\.0_1_-1_0\.5/);
  await expect(widget(page)).toContainText('through your 4 values');
  await expect(fit(page)).toHaveAttribute('data-ready', 'true');
});

test.describe('keyboard alone', () => {
  test('sets B, draws with the arrow keys, plays and pauses', async ({ page }) => {
    await open(page);
    const bins = widget(page).getByRole('slider', { name: 'Bins B' });
    await bins.focus();
    await page.keyboard.press('ArrowRight');
    await expect(bins).toHaveAttribute('aria-valuetext', '9');
    await expect(fit(page).locator('rect.bin')).toHaveCount(9);

    await widget(page).getByRole('combobox', { name: 'Target g(x)' }).selectOption('drawn');
    await fit(page).focus();
    const label = await fit(page).getAttribute('aria-label');
    const value = Number(/has g = (-?\d+(?:\.\d+)?)/.exec(label!)![1]);
    await page.keyboard.press('ArrowUp');
    await expect(fit(page)).toHaveAttribute('aria-label', new RegExp(`has g = ${Math.round((value + 0.05) * 100) / 100}\\.`));
    await page.keyboard.press('ArrowRight');
    await expect(fit(page)).toHaveAttribute('aria-label', /Point 18 at/);

    await expectPlayAndPauseByKeyboard(page, widget(page));
  });
});

for (const theme of ['light', 'dark'] as const) {
  test(`the embed page works in the ${theme} theme, trains, and axe finds nothing serious`, async ({ page }) => {
    await open(page, 'v.1~g.bumpy~b.12~sp.1000', theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('.site-header')).toHaveCount(0);
    await widget(page).getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => step(page)).toBeGreaterThan(50);
    // The back-link appears once chapter 4 exists; until then there is none (and nothing breaks).
    const back = page.getByRole('link', { name: /Looking Glass, chapter/ });
    if ((await back.count()) > 0) await expect(back).toHaveAttribute('href', /chapters\/mlp\/#universal-approximation$/);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
