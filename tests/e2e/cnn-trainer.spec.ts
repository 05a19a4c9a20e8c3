/**
 * Chapter 6's trainer: the data set downloads only when the reader presses
 * play, with progress; a failed download says so and retries; the CNN is
 * ahead of the MLP after a bounded number of steps; the reader's drawing
 * gets both models' probabilities; links, embeds and axe.
 */
import { gunzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, seriousViolations, test } from './fixtures';

const trainer = (page: Page) => page.locator('[data-widget="cnn-trainer"]');
const percentIn = async (page: Page, metric: string) => Number((await trainer(page).locator(`[data-metric="${metric}"]`).innerText()).replace('%', ''));

/** Every request for the data set's files. */
function dataRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/data/fashion-mnist/')) urls.push(r.url());
  });
  return urls;
}

test('nothing is downloaded until play; then progress, training, and the CNN ahead of the MLP by step 400', async ({ page }) => {
  const requests = dataRequests(page);
  await page.goto('embed/cnn-trainer/');
  const w = trainer(page);
  await expect(w).toHaveAttribute('data-run-state', 'idle');
  await expect(w.locator('[data-part="download"]')).toContainText('Play downloads Fashion-MNIST (5.3 MB)');
  await page.waitForTimeout(500);
  expect(requests).toEqual([]);
  await w.locator('[data-action="play"]').click();
  await expect(w).toHaveAttribute('data-run-state', /loading|training/);
  await expect(w).toHaveAttribute('data-run-state', 'training', { timeout: 30_000 });
  expect(requests.some((u) => u.endsWith('train-images-idx3-ubyte.gz'))).toBe(true);
  await expect(w.locator('[data-part="download"]')).toHaveCount(0);
  // Test accuracy is measured every 200 steps; by step 400 the CNN leads (by accuracy, however fast the machine).
  await expect.poll(async () => Number(await w.getAttribute('data-step')), { timeout: 45_000 }).toBeGreaterThanOrEqual(420);
  await w.locator('[data-action="pause"]').click();
  await expect(w).toHaveAttribute('data-run-state', 'paused');
  const cnn = await percentIn(page, 'cnn-accuracy');
  const mlp = await percentIn(page, 'mlp-accuracy');
  expect(cnn).toBeGreaterThan(80);
  expect(cnn).toBeGreaterThan(mlp);
  await expect(w.locator('[data-metric="cnn-parameters"]')).toHaveText('9,098');
  await expect(w.locator('[data-metric="mlp-parameters"]')).toHaveText('8,755');
  expect(await w.locator('svg').first().innerHTML()).not.toMatch(/NaN/);
  // The reader draws; both models answer with probabilities.
  const pad = w.locator('[data-part="draw-pad"]');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 30);
  await page.mouse.down();
  for (const [x, y] of [[130, 30], [130, 150], [40, 150], [40, 30]]) await page.mouse.move(box.x + x, box.y + y, { steps: 6 });
  await page.mouse.up();
  await expect(w.locator('[data-model="cnn"]').nth(10)).toBeAttached();
});

test('a download that fails says why and offers play again, which downloads afresh', async ({ page }) => {
  let fail = true;
  await page.route('**/data/fashion-mnist/train-images-idx3-ubyte.gz', (route) => (fail ? route.abort('connectionreset') : route.continue()));
  await page.goto('embed/cnn-trainer/');
  const w = trainer(page);
  await expect(w).toHaveAttribute('data-run-state', 'idle');
  await w.locator('[data-action="play"]').click();
  await expect(w).toHaveAttribute('data-run-state', 'error', { timeout: 30_000 });
  await expect(w.getByRole('alert')).toContainText('Fashion-MNIST could not be downloaded');
  fail = false;
  await w.locator('[data-action="play-again"]').click();
  await expect(w).toHaveAttribute('data-run-state', 'training', { timeout: 30_000 });
});

test('works when the host sends the files with Content-Encoding: gzip (the browser hands over inflated bytes)', async ({ page, request }) => {
  await page.route('**/data/fashion-mnist/*.gz', async (route) => {
    const body = await (await request.get(route.request().url())).body();
    await route.fulfill({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: gunzipSync(body) });
  });
  await page.goto('embed/cnn-trainer/?cnn-trainer=v.1~img.7');
  const w = trainer(page);
  await expect(w).toHaveAttribute('data-run-state', 'idle');
  await w.locator('[data-action="step"]').click();
  await expect(w).toHaveAttribute('data-step', '1', { timeout: 30_000 });
  await expect(w.locator('[data-metric="probe-verdict"]')).toContainText('CNN:');
});

test('a state link restores the settings, and the page is keyboard-drawable and axe clean', async ({ page }) => {
  await page.goto('chapters/cnn/?cnn-trainer=v.1~lr.0.001~b.64~perm.1~sh.2~img.5~cm.mlp#cnn-trainer');
  const w = trainer(page);
  await expect(w).toHaveAttribute('data-run-state', 'idle');
  await expect(w.getByLabel('Batch')).toHaveValue('64');
  await expect(w.getByLabel('Scramble the pixels (one fixed permutation, for both models)')).toBeChecked();
  await expect(w.getByRole('button', { name: /Test image 6:/ })).toHaveAttribute('aria-pressed', 'true');
  // The drawing pad takes the keyboard: space paints where the cursor is.
  await w.locator('[data-part="draw-pad"]').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+ArrowRight');
  expect(await seriousViolations(page)).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`embed page in the ${theme} theme is axe clean`, async ({ page }) => {
    await page.goto(`embed/cnn-trainer/?theme=${theme}`);
    await expect(trainer(page)).toHaveAttribute('data-run-state', 'idle');
    expect(await seriousViolations(page)).toEqual([]);
  });
}
