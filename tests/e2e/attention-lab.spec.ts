/**
 * Chapter 7's lab: names below the bigram, reversal learned with an
 * anti-diagonal head within a bounded number of steps, the mask's effect,
 * the typed input, pasted text and its checks, links, embeds and axe.
 */
import type { Page } from '@playwright/test';
import { expect, seriousViolations, test } from './fixtures';

const lab = (page: Page) => page.locator('[data-widget="attention-lab"]');
const metric = async (page: Page, name: string) => Number(await lab(page).locator(`[data-metric="${name}"]`).getAttribute('data-value'));

/** Plays until the step counter passes `step`, then pauses. */
async function trainPast(page: Page, step: number) {
  const w = lab(page);
  await w.locator('[data-action="play"]').click();
  await expect.poll(async () => Number(await w.getAttribute('data-step')), { timeout: 45_000 }).toBeGreaterThan(step);
  await w.locator('[data-action="pause"]').click();
  await expect(w).toHaveAttribute('data-run-state', 'paused');
}

test('on names the held-out loss passes the bigram by step 200; every head gets a map; samples appear', async ({ page }) => {
  await page.goto('embed/attention-lab/');
  await expect(lab(page)).toHaveAttribute('data-run-state', 'idle');
  await trainPast(page, 210);
  expect(await metric(page, 'held-out')).toBeLessThan(await metric(page, 'baseline'));
  const maps = lab(page).locator('[data-part="maps"] figure');
  await expect(maps).toHaveCount(8);
  await expect(maps.first().locator('[data-part="cols"] span')).toHaveText(['<s>', 'e', 'm', 'm', 'a']);
  await expect(maps.first().locator('canvas')).toHaveAttribute('aria-label', /Layer 1, head 1: each position's strongest attention/);
  await expect(lab(page).locator('[data-kind="samples"] li')).toHaveCount(6);
  // Typing a new input redraws the maps for it without restarting the run.
  const step = await lab(page).getAttribute('data-step');
  await lab(page).getByLabel('Input whose attention is shown').fill('Noah!');
  await expect(maps.first().locator('[data-part="cols"] span')).toHaveText(['<s>', 'n', 'o', 'a', 'h']);
  await expect(lab(page)).toHaveAttribute('data-step', step!);
  await expect(page).toHaveURL(/in\.noah/);
});

test('reversal: ≥ 90% held-out token accuracy by step 300, and a head reads the mirrored digit (anti-diagonal)', async ({ page }) => {
  await page.goto('embed/attention-lab/?attention-lab=v.1~task.reverse~in.314152');
  await expect(lab(page)).toHaveAttribute('data-run-state', 'idle');
  await trainPast(page, 310);
  expect(await metric(page, 'held-out')).toBeGreaterThanOrEqual(0.9);
  // Mean weight ≥ 0.5 on the mirrored source digit over the answer rows, in some head.
  expect(await metric(page, 'mirror')).toBeGreaterThanOrEqual(0.5);
  await expect(lab(page).locator('[data-part="maps"] figure[data-mirror]')).toHaveCount(1);
  await expect(lab(page).locator('[data-kind="answer"] li')).toHaveText('2 5 1 4 1 3');
});

test('without the causal mask the training loss collapses by peeking, and the loss as it generates is worse than the bigram', async ({ page }) => {
  await page.goto('embed/attention-lab/?attention-lab=v.1~mask.0');
  await expect(lab(page)).toHaveAttribute('data-run-state', 'idle');
  await trainPast(page, 210);
  expect(await metric(page, 'peeking')).toBeLessThan(0.2);
  expect(await metric(page, 'held-out')).toBeGreaterThan(await metric(page, 'baseline'));
});

test('pasted text: bad text gets a reason and changes nothing; good text trains', async ({ page }) => {
  await page.goto('embed/attention-lab/?attention-lab=v.1~task.text');
  const w = lab(page);
  // No text yet: the run says what it needs.
  await expect(w).toHaveAttribute('data-run-state', 'error');
  await expect(w.getByRole('alert').first()).toContainText('paste some text first');
  const area = w.getByLabel(/Paste text/);
  await area.fill('aaaa aaa\naaaaaa');
  await w.locator('[data-action="use-text"]').click();
  await expect(w.getByRole('alert').filter({ hasText: 'only one distinct character' })).toBeVisible();
  await area.fill(Array.from({ length: 40 }, (_, i) => `the ${['red', 'blue', 'green', 'grey'][i % 4]} boat number ${i}`).join('\n'));
  await w.locator('[data-action="use-text"]').click();
  await expect(w).toHaveAttribute('data-run-state', 'idle');
  await trainPast(page, 20);
  await expect(w.locator('[data-metric="baseline"]')).not.toHaveText('—');
});

test('a state link restores the settings; the chapter with the lab is axe clean', async ({ page }) => {
  await page.goto('chapters/transformer/?attention-lab=v.1~task.reverse~l.1~h.2~d.16~pos.0~T.0.5~seed.7#attention-lab');
  const w = lab(page);
  await expect(w).toHaveAttribute('data-run-state', 'idle');
  await expect(w.getByLabel('Data')).toHaveValue('reverse');
  await expect(w.getByLabel('Heads per layer')).toHaveValue('2');
  await expect(w.getByLabel('Positional embeddings')).not.toBeChecked();
  await expect(w.locator('[data-part="maps"] figure')).toHaveCount(2);
  expect(await seriousViolations(page)).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`embed page in the ${theme} theme is axe clean`, async ({ page }) => {
    await page.goto(`embed/attention-lab/?theme=${theme}`);
    await expect(lab(page)).toHaveAttribute('data-run-state', 'idle');
    expect(await seriousViolations(page)).toEqual([]);
  });
}
