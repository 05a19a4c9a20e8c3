import type { Page } from '@playwright/test';
import { test, expect, expectPlayAndPauseByKeyboard, expectSameLossInTwoFreshRuns, seriousViolations } from './fixtures';

const CHAPTER = 'chapters/learning/';
const widget = (page: Page, id = 'descent-playground') => page.locator(`[data-widget-id="${id}"]`);
const step = async (page: Page) => Number(await widget(page).getAttribute('data-step'));
const loss = async (page: Page) => Number(await widget(page).getAttribute('data-loss'));

async function open(page: Page, state = '') {
  await page.goto(`${CHAPTER}${state ? `?descent-playground=${state}` : ''}#descent-playground`);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'idle');
  // The engine's field is drawn before anything trains.
  await expect(widget(page).locator('svg[role="application"] .contours path').first()).toBeAttached();
}

test('trains: the step rises and the loss falls', async ({ page }) => {
  await open(page, 'v.1~sp.200');
  await widget(page).getByRole('button', { name: 'Step' }).click();
  await expect(widget(page)).toHaveAttribute('data-step', '1');
  const first = await loss(page);
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
  await expect.poll(() => step(page)).toBeGreaterThan(40);
  expect(await loss(page)).toBeLessThan(first);
  // Three paths are drawn, all finite.
  const markup = await widget(page).locator('svg[role="application"]').innerHTML();
  expect(markup.match(/class="trajectory"/g)?.length).toBe(3);
  expect(markup).not.toMatch(/NaN|Infinity/);
});

test('pauses when scrolled away and resumes when back', async ({ page }) => {
  await open(page, 'v.1~sp.100');
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => step(page)).toBeGreaterThan(5);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(widget(page)).toHaveAttribute('data-run-state', 'paused');
  const held = await step(page);
  await page.waitForTimeout(500);
  expect(await step(page)).toBe(held);
  await widget(page).scrollIntoViewIfNeeded();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
  await expect.poll(() => step(page)).toBeGreaterThan(held);
});

test('two fresh pages on the same link, stepped alike, show identical losses', async ({ browser, baseURL }) => {
  await expectSameLossInTwoFreshRuns(browser, baseURL, (page) => open(page, 'v.1~fn.rosenbrock~lr.0.001~alr.0.02~at.-1.2,2.1'), widget, 7);
});

test('a link with bad values shows a notice and falls back to defaults', async ({ page }) => {
  await page.goto(`${CHAPTER}?descent-playground=v.1~lr.banana~zz.3~fn.bowl#descent-playground`);
  const notice = widget(page).getByRole('status').filter({ hasText: 'could not be used' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Learning rate');
  await expect(notice).toContainText('does not know');
  // The good part of the link still applies, and the bad rate falls back to the bowl's own.
  await expect(widget(page).getByRole('combobox', { name: 'Landscape' })).toHaveValue('bowl');
  await expect(widget(page).getByRole('slider', { name: /Learning rate η \(gradient/ })).toHaveAttribute('aria-valuetext', '0.1');
});

test('a link that names Rosenbrock and no rate uses Rosenbrock’s rate, and no walk diverges', async ({ page }) => {
  await page.goto(`${CHAPTER}?descent-playground=v.1~fn.rosenbrock~sp.1000#descent-playground`);
  await expect(widget(page).getByRole('slider', { name: /Learning rate η \(gradient/ })).toHaveAttribute('aria-valuetext', '0.0005');
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => Number(await widget(page).getAttribute('data-step')), { timeout: 20_000 }).toBeGreaterThan(300);
  await expect(widget(page)).not.toHaveAttribute('data-run-state', 'diverged');
  await expect(widget(page).locator('[data-legend="optimisers"]')).not.toContainText('diverged');
});

test('when gradient descent alone diverges, the step counter follows the walks still going and its loss reads "diverged"', async ({ page }) => {
  await open(page, 'v.1~lr.0.12~sp.200');
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect(widget(page).locator('[data-legend="optimisers"]')).toContainText(/diverged at step \d+/, { timeout: 20_000 });
  const at = Number(/diverged at step (\d+)/.exec((await widget(page).locator('[data-legend="optimisers"]').textContent())!)![1]);
  await expect.poll(async () => Number(await widget(page).getAttribute('data-step')), { timeout: 20_000 }).toBeGreaterThan(at + 30);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
  await expect(widget(page).locator('[data-part="progress"]')).toContainText('diverged');
});

test('a huge learning rate ends "diverged" and offers a reset', async ({ page }) => {
  await open(page, 'v.1~lr.2.5~sp.1000');
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'diverged', { timeout: 20_000 });
  const alert = widget(page).getByRole('alert');
  await expect(alert).toContainText(/Diverged at step \d+/);
  await expect(widget(page).locator('[data-legend="optimisers"]')).toContainText(/diverged at step \d+/);
  const markup = await widget(page).locator('[data-part="body"]').innerHTML();
  expect(markup).not.toMatch(/NaN|Infinity/);
  expect(Number.isFinite(await loss(page))).toBe(true);
  await alert.getByRole('button', { name: 'Reset' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'idle');
  await expect(widget(page)).toHaveAttribute('data-step', '0');
});

// A killed worker, for every training widget: recovery.spec.ts.

test.describe('keyboard alone', () => {
  test('moves the start, changes a slider, plays and pauses', async ({ page }) => {
    await open(page);
    const landscape = widget(page).locator('svg[role="application"]');
    await landscape.focus();
    const before = await landscape.getAttribute('data-start');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    const [bx, by] = before!.split(',').map(Number);
    await expect(landscape).toHaveAttribute('data-start', `${Math.round((bx + 0.05) * 100) / 100},${Math.round((by + 0.05) * 100) / 100}`);

    const momentum = widget(page).getByRole('slider', { name: 'Momentum μ' });
    await momentum.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(momentum).toHaveAttribute('aria-valuetext', '0.89');

    await expectPlayAndPauseByKeyboard(page, widget(page));
  });
});

test('copy link to this state restores it in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await widget(page).getByRole('combobox', { name: 'Landscape' }).selectOption('saddle');
  const momentum = widget(page).getByRole('slider', { name: 'Momentum μ' });
  await momentum.focus();
  await page.keyboard.press('Home');
  await widget(page).getByRole('button', { name: 'Copy link to this state' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/descent-playground=v\.1~.*fn\.saddle/);
  expect(link).toMatch(/#descent-playground$/);

  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(widget(fresh).getByRole('combobox', { name: 'Landscape' })).toHaveValue('saddle');
  await expect(widget(fresh).getByRole('slider', { name: 'Momentum μ' })).toHaveAttribute('aria-valuetext', '0.00');
  await expect(widget(fresh)).toBeInViewport();
  await fresh.close();
});

test('the embed dialog offers an iframe snippet for this state', async ({ page }) => {
  await open(page, 'v.1~fn.bowl');
  await widget(page).getByRole('button', { name: 'Embed' }).click();
  const code = page.getByRole('textbox', { name: 'Embed code' });
  await expect(code).toBeVisible();
  await expect(code).toHaveValue(/<iframe src="http[^"]*\/embed\/descent-playground\/\?descent-playground=v\.1~fn\.bowl&amp;theme=light|<iframe src="http[^"]*\/embed\/descent-playground\/\?descent-playground=v\.1~fn\.bowl&theme=light/);
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(code).toHaveValue(/descent-playground=v\.1~fn\.bowl&(amp;)?theme=dark"/);
  await page.getByRole('radio', { name: 'Follow the reader’s system' }).check();
  await expect(code).toHaveValue(/descent-playground=v\.1~fn\.bowl" title=/);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(code).toBeHidden();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the embed page works in the ${theme} theme`, async ({ page }) => {
    await page.goto(`embed/descent-playground/?descent-playground=v.1~fn.bowl~sp.200&theme=${theme}`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('.site-header')).toHaveCount(0);
    await expect(widget(page).getByRole('combobox', { name: 'Landscape' })).toHaveValue('bowl');
    await widget(page).getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => step(page)).toBeGreaterThan(10);
    await expect(page.getByRole('link', { name: /Looking Glass, chapter 1/ })).toHaveAttribute('href', /chapters\/learning\/#side-by-side$/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`axe: the chapter with its widget loaded (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await open(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test.describe('reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('no smooth scrolling, and training still works', async ({ page }) => {
    await open(page, 'v.1~sp.200');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
    await widget(page).getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => step(page)).toBeGreaterThan(20);
  });
});

test('chapter 1’s ravine instance: κ = 100 printed, 100 steps, and the table reads the 15% the text predicts', async ({ page }) => {
  await page.goto(`${CHAPTER}?ravine-kappa-100=v.1~fn.ravine~k.100~lr.0.019~alr.0.05~n.100~sp.1000#ravine-kappa-100`);
  const ravine = widget(page, 'ravine-kappa-100');
  await expect(ravine).toHaveAttribute('data-run-state', 'idle');
  await expect(ravine).toContainText('½(θ₁² + 100θ₂²)');
  await expect(ravine.getByRole('slider', { name: 'Ravine’s condition number κ' })).toHaveAttribute('aria-valuetext', '100');
  await ravine.getByRole('button', { name: 'Play' }).click();
  await expect(ravine).toHaveAttribute('data-step', '100', { timeout: 20_000 });
  await expect(ravine.locator('[data-part="steps"]')).toHaveText('after step 100');
  // θ₁ = −1.8 · 0.981¹⁰⁰ ≈ −0.264 (the minus is U+2212).
  expect(Number((await ravine.locator('[data-theta1="gd"]').textContent())!.replace('\u2212', '-'))).toBeCloseTo(-0.264, 2);
  // The landscape menu hides κ for landscapes that have none.
  await ravine.getByRole('combobox', { name: 'Landscape' }).selectOption('bowl');
  await expect(ravine.getByRole('slider', { name: 'Ravine’s condition number κ' })).toHaveCount(0);
});
