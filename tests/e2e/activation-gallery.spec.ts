import type { Page } from '@playwright/test';
import { test, expect, seriousViolations, stableBox } from './fixtures';

// Chapter 4 is written in another branch: every test goes through the embed page.
const EMBED = 'embed/activation-gallery/';
const widget = (page: Page) => page.locator('[data-widget="activation-gallery"]');
const plot = (page: Page) => widget(page).locator('svg[role="application"]');
const row = (page: Page, id: string) => widget(page).locator(`tr[data-activation="${id}"]`);
const cells = async (page: Page, id: string) => (await row(page, id).locator('td').allInnerTexts()).map(Number);

async function open(page: Page, state = '', theme?: 'light' | 'dark') {
  const query = [state ? `activation-gallery=${state}` : '', theme ? `theme=${theme}` : ''].filter(Boolean).join('&');
  await page.goto(`${EMBED}${query ? `?${query}` : ''}`);
  await expect(plot(page)).toHaveAttribute('data-ready', 'true');
}

test('renders the default curves, says static, draws nothing non-finite', async ({ page }) => {
  await open(page);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'static');
  await expect(widget(page).getByRole('button', { name: 'Play' })).toHaveCount(0);
  for (const id of ['sigmoid', 'tanh', 'relu']) await expect(plot(page).locator(`g[data-activation="${id}"] path.derivative`)).toHaveCount(1);
  expect(await plot(page).innerHTML()).not.toMatch(/NaN|Infinity/);
  // The reading at x = 1: σ(1), and the autodiff slope beside the closed form σ(1)(1 − σ(1)).
  await expect(widget(page).getByTestId('reading-x')).toHaveText('1.00');
  const [f, autodiff, closed] = await cells(page, 'sigmoid');
  expect(f).toBeCloseTo(1 / (1 + Math.exp(-1)), 4);
  expect(autodiff).toBeCloseTo(0.1966, 4);
  expect(closed).toBe(autodiff);
});

test('every activation: the autodiff column equals the closed-form column', async ({ page }) => {
  await open(page, 'v.1~step.1~leakyrelu.1~softplus.1~elu.1~gelu.1~silu.1~a.0.2~x.-0.7');
  await expect(widget(page).locator('tbody tr')).toHaveCount(9);
  for (const name of ['step', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'softplus', 'elu', 'gelu', 'silu']) {
    const [, autodiff, closed] = await cells(page, name);
    expect(Number.isFinite(autodiff), name).toBe(true);
    expect(autodiff, name).toBeCloseTo(closed, 3);
  }
  // Leaky ReLU left of 0 has slope a.
  expect((await cells(page, 'leakyRelu'))[1]).toBeCloseTo(0.2, 6);
  expect(await plot(page).innerHTML()).not.toMatch(/NaN|Infinity/);
});

test('hovering reads values where the pointer is', async ({ page }) => {
  await open(page);
  const box = await stableBox(plot(page));
  const width = Number((await plot(page).getAttribute('viewBox'))!.split(' ')[2]);
  // x = 2 is three quarters of the way along the data area, which runs from 44 to width − 14 in viewBox units.
  const scale = box.width / width;
  await page.mouse.move(box.x + (44 + 0.75 * (width - 58)) * scale, box.y + box.height / 2);
  await expect(widget(page).getByTestId('reading-x')).toHaveText('2.00');
  expect((await cells(page, 'relu'))[0]).toBe(2);
  expect((await cells(page, 'tanh'))[2]).toBeCloseTo(1 - Math.tanh(2) ** 2, 4);
});

test('keyboard alone: moves the reading, picks activations, sets the slope', async ({ page }) => {
  await open(page);
  await plot(page).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(widget(page).getByTestId('reading-x')).toHaveText('1.20');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(widget(page).getByTestId('reading-x')).toHaveText('0.20');
  await page.keyboard.press('Home');
  await expect(widget(page).getByTestId('reading-x')).toHaveText('-4.00');

  const leaky = widget(page).getByRole('checkbox', { name: 'Leaky ReLU' });
  await leaky.focus();
  await page.keyboard.press('Space');
  await expect(row(page, 'leakyRelu')).toBeVisible();
  await expect(plot(page).locator('g[data-activation="leakyRelu"]')).toHaveCount(1);
  const slope = widget(page).getByRole('slider', { name: 'Leaky ReLU slope a' });
  await slope.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slope).toHaveAttribute('aria-valuetext', '0.11');
  await expect.poll(async () => (await cells(page, 'leakyRelu'))[1]).toBeCloseTo(0.11, 6);
  await expect(page).toHaveURL(/activation-gallery=v\.1~.*leakyrelu\.1.*a\.0\.11/);
});

test('a state link restores the activations, the slope and the reading', async ({ page }) => {
  await open(page, 'v.1~sigmoid.0~relu.0~gelu.1~a.0.25~x.-1.5');
  await expect(widget(page).getByRole('checkbox', { name: 'Sigmoid' })).not.toBeChecked();
  await expect(widget(page).getByRole('checkbox', { name: 'GELU' })).toBeChecked();
  await expect(widget(page).getByRole('slider', { name: 'Leaky ReLU slope a' })).toHaveAttribute('aria-valuetext', '0.25');
  await expect(widget(page).getByTestId('reading-x')).toHaveText('-1.50');
  await expect(plot(page)).toHaveAttribute('data-shown', 'tanh,gelu');
  await expect(widget(page).locator('tbody tr')).toHaveCount(2);
});

test('a link with bad values shows a notice and keeps the good part', async ({ page }) => {
  await page.goto(`${EMBED}?activation-gallery=v.1~a.9~zz.1~gelu.1`);
  const notice = widget(page).getByRole('status').filter({ hasText: 'could not be used' });
  await expect(notice).toContainText('Leaky ReLU slope a');
  await expect(widget(page).getByRole('checkbox', { name: 'GELU' })).toBeChecked();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the embed page works in the ${theme} theme, and axe finds nothing serious`, async ({ page }) => {
    await open(page, 'v.1~elu.1', theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('.site-header')).toHaveCount(0);
    await expect(row(page, 'elu')).toBeVisible();
    // The back-link appears once chapter 4 exists; until then there is none (and nothing breaks).
    const back = page.getByRole('link', { name: /Looking Glass, chapter/ });
    if ((await back.count()) > 0) await expect(back).toHaveAttribute('href', /chapters\/mlp\/#activations$/);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
