import type { Page } from '@playwright/test';
import { test, expect, seriousViolations, stableBox } from './fixtures';

const CHAPTER = 'chapters/logistic/';
const widget = (page: Page) => page.locator('[data-widget="softmax-temperature"]');
const metric = (page: Page, name: string) => widget(page).locator(`[data-metric="${name}"]`);

async function open(page: Page, state = '') {
  await page.goto(`${CHAPTER}${state ? `?softmax-temperature=${state}` : ''}#softmax-temperature`);
  await expect(metric(page, 'entropy')).toHaveText(/nats$/);
}

test('renders, does not train, and says static; its numbers come from the worker', async ({ page }) => {
  await page.goto('embed/softmax-temperature/');
  await expect(metric(page, 'entropy')).toHaveText('0.867 nats');
  await expect(widget(page)).toHaveAttribute('data-run-state', 'static');
  await expect(widget(page).getByRole('button', { name: 'Play' })).toHaveCount(0);
  await expect(metric(page, 'max-prob')).toHaveText('p₁ = 0.717');
  await expect(widget(page).locator('svg rect.prob')).toHaveCount(5);
  const workers = await page.evaluate(() => (window as unknown as { __lookingGlass: { liveWorkers(): number } }).__lookingGlass.liveWorkers());
  expect(workers).toBe(1);
});

test('both temperature limits are reached and named', async ({ page }) => {
  await open(page, 'v.1~T.0.01');
  await expect(metric(page, 'max-prob')).toHaveText('p₁ = 1.000');
  await expect(metric(page, 'entropy')).toHaveText('0.000 nats');
  await expect(metric(page, 'limit')).toContainText('one-hot');
  const slider = widget(page).getByRole('slider', { name: 'Temperature T' });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', '100');
  await expect(metric(page, 'limit')).toContainText('uniform');
  await expect(metric(page, 'entropy')).toHaveText('1.609 nats');
});

test('typing a tie splits the cold limit; the keyboard moves a bar', async ({ page }) => {
  await open(page, 'v.1~T.0.01');
  const z2 = widget(page).getByRole('spinbutton', { name: 'Logit z₂' });
  await z2.fill('3');
  await expect(metric(page, 'max-prob')).toHaveText('p₁ = 0.500');
  await expect(metric(page, 'limit')).toContainText('neither');
  const chart = widget(page).locator('svg[role="application"]');
  await chart.focus();
  await page.keyboard.press('ArrowRight');
  await expect(chart).toHaveAttribute('data-selected', '1');
  await page.keyboard.press('ArrowDown');
  await expect(z2).toHaveValue('2.9');
  await expect(metric(page, 'max-prob')).toHaveText('p₁ = 1.000');
});

test('dragging a bar sets its logit', async ({ page }) => {
  await open(page);
  const chart = widget(page).locator('svg[role="application"]');
  const box = await stableBox(chart);
  // Fifth bar (of five), dragged to the top of the chart: the logit clamps at 10.
  const x = box.x + box.width * 0.9;
  await page.mouse.move(x, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(x, box.y + 2, { steps: 5 });
  await page.mouse.up();
  await expect(chart).toHaveAttribute('data-selected', '4');
  await expect(widget(page).getByRole('spinbutton', { name: 'Logit z₅' })).toHaveValue('10');
  await expect(metric(page, 'max-prob')).toHaveText(/^p₅ = 0\.99\d$/);
});

test('the naive computation overflows where logsumexp does not; nothing draws NaN', async ({ page }) => {
  await open(page, 'v.1~T.0.02~naive.1');
  const table = widget(page).locator('[data-testid="naive-table"]');
  await expect(table.locator('[data-naive-exp="0"]')).toHaveText('∞ (overflow)');
  await expect(table.locator('[data-naive-sum]')).toHaveText('∞ (overflow)');
  await expect(widget(page).locator('svg text.undefined')).toHaveText('∞/∞');
  await expect(metric(page, 'max-prob')).toHaveText('p₁ = 1.000');
  const markup = await widget(page).locator('[data-part="body"]').innerHTML();
  expect(markup).not.toMatch(/NaN|Infinity/);
  await widget(page).getByRole('switch', { name: 'Show the naive computation' }).uncheck();
  await expect(table).toHaveCount(0);
});

test('add and remove logits within 3 to 8', async ({ page }) => {
  await open(page);
  const add = widget(page).getByRole('button', { name: 'Add' });
  for (let i = 0; i < 3; i++) await add.click();
  await expect(add).toBeDisabled();
  await expect(widget(page).locator('svg rect.prob')).toHaveCount(8);
  const remove = widget(page).getByRole('button', { name: 'Remove' });
  for (let i = 0; i < 5; i++) await remove.click();
  await expect(remove).toBeDisabled();
  await expect(widget(page).locator('svg rect.prob')).toHaveCount(3);
});

test('copy link to this state restores it in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await widget(page).getByRole('spinbutton', { name: 'Logit z₃' }).fill('-4');
  await widget(page).getByRole('switch', { name: 'Show the naive computation' }).check();
  await expect(metric(page, 'max-prob')).toHaveText(/p₁/);
  await widget(page).getByRole('button', { name: 'Copy link to this state' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/softmax-temperature=v\.1~z\.3_1\.5_-4_-0\.5_-2~naive\.1#softmax-temperature$/);
  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(widget(fresh).getByRole('spinbutton', { name: 'Logit z₃' })).toHaveValue('-4');
  await expect(widget(fresh).locator('[data-testid="naive-table"]')).toBeVisible();
  await expect(widget(fresh)).toBeInViewport();
  await fresh.close();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the embed page works in the ${theme} theme`, async ({ page }) => {
    await page.goto(`embed/softmax-temperature/?softmax-temperature=v.1~T.0.5&theme=${theme}`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('.site-header')).toHaveCount(0);
    await expect(widget(page).getByRole('slider', { name: 'Temperature T' })).toHaveAttribute('aria-valuetext', '0.5');
    await expect(metric(page, 'entropy')).toHaveText(/nats$/);
    await expect(page.getByRole('link', { name: /Looking Glass, chapter 3/ })).toHaveAttribute('href', /chapters\/logistic\/#temperature$/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`axe: the chapter with the softmax widget loaded (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await open(page, 'v.1~naive.1');
    expect(await seriousViolations(page)).toEqual([]);
  });
}
