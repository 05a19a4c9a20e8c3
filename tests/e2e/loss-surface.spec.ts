import type { Page } from '@playwright/test';
import { test, expect, seriousViolations, stableBox } from './fixtures';

const CHAPTER = 'chapters/linear/';
const widget = (page: Page) => page.locator('[data-widget="loss-surface"]');
const fitALine = (page: Page) => page.locator('[data-widget="fit-a-line"]');
const surface = (page: Page) => widget(page).locator('svg[role="application"]');
const step = async (page: Page) => Number(await widget(page).getAttribute('data-step'));
const loss = async (page: Page) => Number(await widget(page).getAttribute('data-loss'));
const minimum = (page: Page) => widget(page).locator('[data-readout="minimum"]');

/** The shifted preset of fit-a-line ("Far from x = 0"), as its link writes it. */
const SHIFTED =
  'pts.0.67,-0.23_0.75,0.03_0.83,0.09_0.89,0.23_1,0.06_1.04,0.34_1.11,0.07_1.2,0.55_1.26,0.43_1.34,0.61_1.46,0.6_1.52,0.35_1.61,0.88_1.7,0.84_1.81,0.75_1.83,1.08';

async function open(page: Page, query = '') {
  await page.goto(`${CHAPTER}${query ? `?${query}` : ''}#loss-surface`);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'idle');
  // The engine's field is drawn before anything trains.
  await expect(surface(page).locator('.contours path').first()).toBeAttached();
  await expect(minimum(page)).toHaveText(/\(/);
}

test('trains: the path walks to the least-squares minimum and the loss falls', async ({ page }) => {
  await open(page, 'loss-surface=v.1~sp.200');
  await widget(page).getByRole('button', { name: 'Step' }).click();
  await expect(widget(page)).toHaveAttribute('data-step', '1');
  const first = await loss(page);
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
  await expect.poll(() => step(page)).toBeGreaterThan(60);
  expect(await loss(page)).toBeLessThan(first / 10);
  await expect.poll(() => widget(page).locator('[data-readout="now"]').textContent()).toBe(await minimum(page).textContent());
  const markup = await surface(page).innerHTML();
  expect(markup.match(/class="trajectory"/g)?.length).toBe(1);
  expect(markup).toContain('class="minimum-marker"');
  expect(await widget(page).locator('[data-part="body"]').innerHTML()).not.toMatch(/NaN|Infinity/);
});

test('shares the points of fit-a-line on the chapter page', async ({ page }) => {
  await open(page);
  await expect(widget(page)).toContainText('the 16 points of “Fit a line”');
  await expect(widget(page).getByRole('combobox', { name: 'Data' })).toHaveCount(0);
  await expect(minimum(page)).toHaveText('(0.86, 0.39)');
  const contours = await surface(page).locator('.contours').innerHTML();
  await page.locator('#fit-a-line').scrollIntoViewIfNeeded();
  await fitALine(page).getByRole('combobox', { name: 'Data' }).selectOption('shifted');
  await expect(minimum(page)).toHaveText('(0.89, −0.69)');
  await expect.poll(() => surface(page).locator('.contours').innerHTML()).not.toBe(contours);
  await fitALine(page).locator('svg[role="application"]').focus();
  await page.keyboard.press('a');
  await expect(widget(page)).toContainText('the 17 points of “Fit a line”');
});

test('opened at the surface, it uses fit-a-line’s points from the link before fit-a-line has loaded', async ({ page }) => {
  await open(page, `fit-a-line=v.1~${SHIFTED}`);
  await expect(minimum(page)).toHaveText('(0.89, −0.69)');
  await expect(widget(page)).toContainText('the 16 points of “Fit a line”');
});

test('the ravine: a rate past 2/h_max diverges, and the walk stops at its step budget otherwise', async ({ page }) => {
  await open(page, `loss-surface=v.1~lr.0.39~sp.1000&fit-a-line=v.1~${SHIFTED}`);
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'diverged', { timeout: 20_000 });
  expect(await widget(page).locator('[data-part="body"]').innerHTML()).not.toMatch(/NaN|Infinity/);
  await expect(surface(page).locator('.trajectory')).toHaveAttribute('data-exit', 'left-box');


  await open(page, `loss-surface=v.1~lr.0.37~sp.1000&fit-a-line=v.1~${SHIFTED}`);
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'paused', { timeout: 20_000 });
  expect(await step(page)).toBe(3000);
  await expect(widget(page).locator('[data-readout="now"]')).toHaveText('(0.89, −0.69)');
  // Play at the budget: it stays paused instead of waiting for steps that never come.
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'paused');
});

test('alone in its embed it uses a preset of its own', async ({ page }) => {
  await page.goto('embed/loss-surface/?loss-surface=v.1~ds.outliers');
  await expect(widget(page).getByRole('combobox', { name: 'Data' })).toHaveValue('outliers');
  await expect(minimum(page)).toHaveText('(0.08, −0.23)');
  await widget(page).getByRole('combobox', { name: 'Data' }).selectOption('curved');
  await expect(minimum(page)).toHaveText('(0.00, −0.39)');
});

test.describe('keyboard alone', () => {
  test('moves the start, changes the loss, plays and pauses', async ({ page }) => {
    await open(page);
    await surface(page).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await expect(surface(page)).toHaveAttribute('data-start', '-2.3,1.7');
    const lossSelect = widget(page).getByRole('combobox', { name: 'Loss' });
    await lossSelect.focus();
    await page.keyboard.press('ArrowDown');
    await expect(lossSelect).toHaveValue('absolute');
    const play = widget(page).getByRole('button', { name: 'Play' });
    await play.focus();
    await page.keyboard.press('Enter');
    await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
    await page.keyboard.press('Enter');
    await expect(widget(page)).toHaveAttribute('data-run-state', 'paused');
  });
});

test('a click places the start; copy link restores it in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  const box = await stableBox(surface(page));
  await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.7);
  await expect(surface(page)).not.toHaveAttribute('data-start', '-2.4,2.2');
  const start = await surface(page).getAttribute('data-start');
  await widget(page).getByRole('combobox', { name: 'Loss' }).selectOption('huber');
  await widget(page).getByRole('button', { name: 'Copy link to this state' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/loss-surface=v\.1~loss\.huber~at\.[-\d.]+,[-\d.]+/);
  expect(link).toMatch(/#loss-surface$/);

  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(surface(fresh)).toHaveAttribute('data-start', start!);
  await expect(widget(fresh).getByRole('combobox', { name: 'Loss' })).toHaveValue('huber');
  await expect(widget(fresh)).toBeInViewport();
  await fresh.close();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the embed page works in the ${theme} theme`, async ({ page }) => {
    await page.goto(`embed/loss-surface/?loss-surface=v.1~ds.noisy~sp.200&theme=${theme}`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('.site-header')).toHaveCount(0);
    await expect(surface(page).locator('.contours path').first()).toBeAttached();
    await widget(page).getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => step(page)).toBeGreaterThan(10);
    await expect(page.getByRole('link', { name: /Looking Glass, chapter 2/ })).toHaveAttribute('href', /chapters\/linear\/#bowl-shape$/);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
