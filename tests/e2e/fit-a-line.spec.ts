import type { Locator, Page } from '@playwright/test';
import { test, expect, seriousViolations, stableBox } from './fixtures';

const CHAPTER = 'chapters/linear/';
const widget = (page: Page) => page.locator('[data-widget="fit-a-line"]');
const plot = (page: Page) => widget(page).locator('svg[role="application"]');
const step = async (page: Page) => Number(await widget(page).getAttribute('data-step'));
const loss = async (page: Page) => Number(await widget(page).getAttribute('data-loss'));
const readout = (page: Page, which: 'fit' | 'closed') => widget(page).locator(`[data-readout="${which}"]`);
const pointCount = async (page: Page) => Number(await plot(page).getAttribute('data-points'));

async function open(page: Page, state = '') {
  await page.goto(`${CHAPTER}${state ? `?fit-a-line=${state}` : ''}#fit-a-line`);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'idle');
  await expect(plot(page).locator('.points circle').first()).toBeAttached();
  await expect(readout(page, 'closed')).toHaveText(/ŷ = /);
}

/** The centre of point `index` on screen. */
async function pointAt(page: Page, index: number): Promise<{ x: number; y: number }> {
  const box = await stableBox(plot(page).locator(`.point-targets circle[data-index="${index}"]`));
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function openTable(page: Page): Promise<Locator> {
  const details = widget(page).locator('details');
  if (!(await details.getAttribute('open'))) await details.locator('summary').click();
  return details.locator('table');
}

test('trains: the line walks from flat to the least-squares line and the loss falls', async ({ page }) => {
  await open(page);
  await widget(page).getByRole('button', { name: 'Step' }).click();
  await expect(widget(page)).toHaveAttribute('data-step', '1');
  const first = await loss(page);
  // Frames of training redraw the lines, not the points: the drag target under a reader's finger stays the same element.
  const target = plot(page).locator('.point-targets circle[data-index="0"]');
  await target.evaluate((el) => el.setAttribute('data-marked', ''));
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
  await expect.poll(() => step(page)).toBeGreaterThan(60);
  expect(await loss(page)).toBeLessThan(first / 10);
  // Gradient descent has reached the closed-form answer.
  await expect.poll(async () => readout(page, 'fit').textContent()).toBe(await readout(page, 'closed').textContent());
  const markup = await plot(page).innerHTML();
  expect(markup).toContain('class="fit-line"');
  expect(markup).toContain('class="closed-form-line"');
  expect(markup).not.toMatch(/NaN|Infinity/);
  await expect(target).toHaveAttribute('data-marked', '');
});

test('a click adds a point, a drag moves one, and the remove control takes the selected one away', async ({ page }) => {
  await open(page);
  const before = await pointCount(page);
  const box = await stableBox(plot(page));
  // Lower right of the plotting area: empty in the clean data.
  await page.mouse.click(box.x + box.width * 0.85, box.y + box.height * 0.75);
  await expect.poll(() => pointCount(page)).toBe(before + 1);
  // An edit sets training going so the line follows.
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
  await widget(page).getByRole('button', { name: 'Pause' }).click();

  const closedBefore = await readout(page, 'closed').textContent();
  const from = await pointAt(page, 0);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y - 60, { steps: 6 });
  await page.mouse.up();
  await expect(plot(page)).toHaveAttribute('data-selected', '0');
  await expect(plot(page)).toHaveAttribute('aria-label', /Point 1 selected, at x = -1\.\d+, y = -?\d/);
  await expect.poll(() => readout(page, 'closed').textContent()).not.toBe(closedBefore);
  expect(await pointCount(page)).toBe(before + 1);

  await widget(page).getByRole('button', { name: 'Remove selected point' }).click();
  await expect.poll(() => pointCount(page)).toBe(before);
  expect(await plot(page).innerHTML()).not.toMatch(/NaN|Infinity/);
});

test('points change mid-run without a reset: the line walks on to the new fit', async ({ page }) => {
  await open(page, 'v.1~sp.200');
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => step(page)).toBeGreaterThan(50);
  const held = await step(page);
  await widget(page).getByRole('combobox', { name: 'Data' }).selectOption('outliers');
  await expect(readout(page, 'closed')).toHaveText('ŷ = 0.08159·x − 0.2289');
  await expect.poll(() => readout(page, 'fit').textContent()).toBe('ŷ = 0.08159·x − 0.2289');
  expect(await step(page)).toBeGreaterThan(held);
  // The absolute loss shrugs the outliers off: its slope returns to about 0.8.
  await widget(page).getByRole('combobox', { name: 'Loss' }).selectOption('absolute');
  await expect.poll(async () => Number(/ŷ = ([\d.]+)·x/.exec((await readout(page, 'fit').textContent())!)?.[1])).toBeGreaterThan(0.75);
});

// A huge learning rate ends "diverged" with a Reset and nothing non-finite drawn: recovery.spec.ts (its `diverging` state).

test.describe('keyboard alone', () => {
  test('selects, moves, removes and adds points on the plot', async ({ page }) => {
    await open(page);
    await plot(page).focus();
    await page.keyboard.press(']');
    await expect(plot(page)).toHaveAttribute('data-selected', '0');
    await page.keyboard.press(']');
    await expect(plot(page)).toHaveAttribute('data-selected', '1');
    // Point 2 of the clean data is (−1.5, −0.75).
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(plot(page)).toHaveAttribute('aria-label', /Point 2 selected, at x = -1\.25, y = -0\.7\./);
    await page.keyboard.press('Delete');
    await expect.poll(() => pointCount(page)).toBe(15);
    await page.keyboard.press('a');
    await expect.poll(() => pointCount(page)).toBe(16);
    await expect(plot(page)).toHaveAttribute('aria-label', /Point 16 selected, at x = 0, y = 0\./);
  });

  test('edits the points table, changes a slider, plays and pauses', async ({ page }) => {
    await open(page);
    const summary = widget(page).locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    const y1 = widget(page).getByRole('spinbutton', { name: 'y of point 1', exact: true });
    await y1.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('2.5');
    await expect(plot(page)).toHaveAttribute('aria-label', /Point 1 selected, at x = -1\.67, y = 2\.5\./);
    await page.keyboard.press('Tab');
    await expect(widget(page).getByRole('button', { name: 'Remove point 1', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => pointCount(page)).toBe(15);
    await widget(page).getByRole('button', { name: 'Add a point' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => pointCount(page)).toBe(16);
    // Editing set it training; pause with the keyboard.
    await widget(page).getByRole('button', { name: 'Pause' }).focus();
    await page.keyboard.press('Enter');
    await expect(widget(page)).toHaveAttribute('data-run-state', 'paused');

    const ridge = widget(page).getByRole('slider', { name: 'Ridge λ' });
    await ridge.focus();
    await page.keyboard.press('ArrowRight');
    await expect(ridge).toHaveAttribute('aria-valuetext', '0.01');
    const play = widget(page).getByRole('button', { name: 'Play' });
    await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
    await widget(page).getByRole('button', { name: 'Pause' }).focus();
    await page.keyboard.press('Enter');
    await expect(play).toBeVisible();
  });
});

test('copy link to this state restores points, loss and rate in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await widget(page).getByRole('combobox', { name: 'Data' }).selectOption('curved');
  await widget(page).getByRole('combobox', { name: 'Loss' }).selectOption('huber');
  await page.mouse.click(...(await (async () => {
    const b = await stableBox(plot(page));
    return [b.x + b.width * 0.5, b.y + b.height * 0.2] as [number, number];
  })()));
  await expect.poll(() => pointCount(page)).toBe(21);
  await widget(page).getByRole('button', { name: 'Copy link to this state' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/fit-a-line=v\.1~pts\.[-\d.,_]+~loss\.huber/);
  expect(link).toMatch(/#fit-a-line$/);

  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(widget(fresh).getByRole('combobox', { name: 'Loss' })).toHaveValue('huber');
  await expect.poll(() => pointCount(fresh)).toBe(21);
  await expect(widget(fresh).getByRole('combobox', { name: 'Data' })).toHaveValue('custom');
  await expect(readout(fresh, 'closed')).toHaveText((await readout(page, 'closed').textContent())!);
  await expect(widget(fresh)).toBeInViewport();
  await fresh.close();
});

test('a link with bad points falls back to the clean line with a notice', async ({ page }) => {
  await page.goto(`${CHAPTER}?fit-a-line=v.1~pts.0,9_1,1~lr.0.2#fit-a-line`);
  const notice = widget(page).getByRole('status').filter({ hasText: 'could not be used' });
  await expect(notice).toContainText('Points');
  await expect(widget(page).getByRole('combobox', { name: 'Data' })).toHaveValue('clean');
  await expect(widget(page).getByRole('slider', { name: 'Learning rate η' })).toHaveAttribute('aria-valuetext', '0.2');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the embed page works in the ${theme} theme`, async ({ page }) => {
    await page.goto(`embed/fit-a-line/?fit-a-line=v.1~loss.absolute~sp.200&theme=${theme}`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('.site-header')).toHaveCount(0);
    await expect(widget(page).getByRole('combobox', { name: 'Loss' })).toHaveValue('absolute');
    await widget(page).getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => step(page)).toBeGreaterThan(10);
    await expect(page.getByRole('link', { name: /Looking Glass, chapter 2/ })).toHaveAttribute('href', /chapters\/linear\/#fit-by-descent$/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`axe: the chapter with both its widgets loaded (${theme})`, async ({ page }) => {
    // axe walks the whole chapter, two live widgets included: slow on a loaded machine.
    test.slow();
    await page.emulateMedia({ colorScheme: theme });
    await open(page);
    await widget(page).locator('summary').click();
    await page.locator('#loss-surface').scrollIntoViewIfNeeded();
    await expect(page.locator('[data-widget="loss-surface"] .contours path').first()).toBeAttached();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
