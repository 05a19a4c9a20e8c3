import type { Page } from '@playwright/test';
import { test, expect, seriousViolations } from './fixtures';

const CHAPTER = 'chapters/logistic/';
const widget = (page: Page) => page.locator('[data-widget="classifier-2d"]');
const step = async (page: Page) => Number(await widget(page).getAttribute('data-step'));
const loss = async (page: Page) => Number(await widget(page).getAttribute('data-loss'));
const cell = (page: Page, name: string) => widget(page).locator(`[data-cell="${name}"]`);

async function open(page: Page, state = '') {
  await page.goto(`${CHAPTER}${state ? `?classifier-2d=${state}` : ''}#classifier-2d`);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'idle');
  // The worker's first snapshot is drawn before anything trains: the points and the readouts.
  await expect(widget(page).locator('svg .points circle').first()).toBeAttached();
  await expect(widget(page).locator('[data-metric="test-accuracy"]')).not.toHaveText('—');
}

/** Whether the canvas holds any painted (non-transparent) pixel. */
const painted = (page: Page) =>
  widget(page)
    .locator('canvas')
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
      return false;
    });

test('trains: the loss falls, the field and the boundary appear, nothing is NaN', async ({ page }) => {
  await open(page, 'v.1~sp.300');
  await widget(page).getByRole('button', { name: 'Step' }).click();
  await expect(widget(page)).toHaveAttribute('data-step', '1');
  const first = await loss(page);
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
  await expect.poll(() => step(page)).toBeGreaterThan(60);
  expect(await loss(page)).toBeLessThan(first / 2);
  await expect(widget(page).locator('svg path.boundary')).toHaveCount(1);
  await expect.poll(() => painted(page)).toBe(true);
  await expect(widget(page).locator('[data-metric="test-accuracy"]')).toHaveText(/^9\d\.\d%$/);
  const markup = await widget(page).locator('[data-part="body"]').innerHTML();
  expect(markup).not.toMatch(/NaN|Infinity/);
});

test('the threshold moves the boundary and the counts without touching the run', async ({ page }) => {
  await open(page);
  for (let i = 0; i < 3; i++) await widget(page).getByRole('button', { name: 'Step' }).click();
  await expect(widget(page)).toHaveAttribute('data-step', '3');
  const fpAtHalf = Number(await cell(page, 'fp').textContent());
  const tau = widget(page).getByRole('slider', { name: 'Threshold τ' });
  await tau.focus();
  await page.keyboard.press('End');
  await expect(tau).toHaveAttribute('aria-valuetext', '0.99');
  await expect(widget(page).locator('caption')).toContainText('τ = 0.99');
  await expect.poll(async () => Number(await cell(page, 'fp').textContent())).toBeLessThan(Math.max(1, fpAtHalf));
  await expect(widget(page).locator('svg path.boundary-half')).toHaveCount(1);
  // Same run: the step count stayed.
  await expect(widget(page)).toHaveAttribute('data-step', '3');
});

test('three classes: softmax regression, three walls, the threshold disabled', async ({ page }) => {
  await open(page, 'v.1~ds.blobs3~sp.300');
  await expect(widget(page).getByRole('slider', { name: 'Threshold τ' })).toBeDisabled();
  await expect(widget(page).locator('[data-testid="confusion"]')).toHaveCount(0);
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => step(page)).toBeGreaterThan(30);
  await expect(widget(page).locator('svg path.boundary')).toHaveAttribute('d', /^M[^M]+M[^M]+M[^M]+$/);
});

test('two fresh pages on the same link, stepped alike, show identical losses', async ({ browser, baseURL }) => {
  const losses: string[] = [];
  for (let k = 0; k < 2; k++) {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await open(page, 'v.1~ds.moons~seed.42~loss.sq');
    for (let i = 0; i < 5; i++) {
      await widget(page).getByRole('button', { name: 'Step' }).click();
      await expect(widget(page)).toHaveAttribute('data-step', String(i + 1));
    }
    losses.push((await widget(page).getAttribute('data-loss'))!);
    await context.close();
  }
  expect(losses[0]).not.toBe('');
  expect(losses[1]).toBe(losses[0]);
});

test('pauses when scrolled away and resumes when back', async ({ page }) => {
  await open(page, 'v.1~sp.100');
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => step(page)).toBeGreaterThan(5);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(widget(page)).toHaveAttribute('data-run-state', 'paused');
  await widget(page).scrollIntoViewIfNeeded();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
});

test('keyboard alone: choose data, move a slider, play and pause', async ({ page }) => {
  await open(page);
  const data = widget(page).getByRole('combobox', { name: 'Data' });
  await data.focus();
  await page.keyboard.press('ArrowDown'); // Two blobs → Three blobs
  await expect(data).toHaveValue('blobs3');
  await expect(widget(page).locator('[data-part="body"]')).toContainText('class 2');
  const noise = widget(page).getByRole('slider', { name: 'Noise' });
  await noise.focus();
  await page.keyboard.press('ArrowRight');
  await expect(noise).toHaveAttribute('aria-valuetext', '0.31');
  const play = widget(page).getByRole('button', { name: 'Play' });
  await play.focus();
  await page.keyboard.press('Enter');
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
  await page.keyboard.press('Enter');
  await expect(widget(page)).toHaveAttribute('data-run-state', 'paused');
});

test('copy link to this state restores it in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await widget(page).getByRole('combobox', { name: 'Data' }).selectOption('moons');
  await widget(page).getByRole('combobox', { name: 'Loss' }).selectOption('sq');
  await widget(page).getByRole('button', { name: 'New sample' }).click();
  await widget(page).getByRole('button', { name: 'Copy link to this state' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/classifier-2d=v\.1~ds\.moons~seed\.2~loss\.sq#classifier-2d$/);

  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(widget(fresh).getByRole('combobox', { name: 'Data' })).toHaveValue('moons');
  await expect(widget(fresh).getByRole('combobox', { name: 'Loss' })).toHaveValue('sq');
  await expect(widget(fresh).locator('[data-part="controls"]')).toContainText('Sample 2');
  await expect(widget(fresh)).toBeInViewport();
  await fresh.close();
});

test('a link with bad values shows a notice and keeps the good ones', async ({ page }) => {
  await page.goto(`${CHAPTER}?classifier-2d=v.1~ds.spiral~tau.2~loss.sq#classifier-2d`);
  const notice = widget(page).getByRole('status').filter({ hasText: 'could not be used' });
  await expect(notice).toContainText('Data');
  await expect(notice).toContainText('Threshold');
  await expect(widget(page).getByRole('combobox', { name: 'Loss' })).toHaveValue('sq');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the embed page works in the ${theme} theme`, async ({ page }) => {
    await page.goto(`embed/classifier-2d/?classifier-2d=v.1~ds.xor~sp.300&theme=${theme}`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('.site-header')).toHaveCount(0);
    await expect(widget(page).getByRole('combobox', { name: 'Data' })).toHaveValue('xor');
    await widget(page).getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => step(page)).toBeGreaterThan(20);
    await expect(page.getByRole('link', { name: /Looking Glass, chapter 3/ })).toHaveAttribute('href', /chapters\/logistic\/#classifier$/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`axe: the chapter with the classifier loaded (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await open(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
