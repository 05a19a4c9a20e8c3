/**
 * Chapter 5's widgets: the recorded graph stepped forward and backward, the
 * finite-difference error curves, and one training step on the tape; and
 * the chapter's predictions.
 */
import type { Page } from '@playwright/test';
import { expect, seriousViolations, test } from './fixtures';

const widget = (page: Page, name: string) => page.locator(`[data-widget="${name}"]`);

async function openEmbed(page: Page, name: string, state = '', theme?: 'light' | 'dark') {
  const query = [state ? `${name}=${state}` : '', theme ? `theme=${theme}` : ''].filter(Boolean).join('&');
  await page.goto(`embed/${name}/${query ? `?${query}` : ''}`);
  await expect(widget(page, name)).toHaveAttribute('data-run-state', 'static');
}

test.describe('graph-trace', () => {
  const sentence = (page: Page) => widget(page, 'graph-trace').locator('[data-phase]');

  test('steps the forward pass node by node, then the backward pass, and every adjoint matches central differences', async ({ page }) => {
    await openEmbed(page, 'graph-trace');
    const w = widget(page, 'graph-trace');
    await expect(sentence(page)).toContainText('Step forward to compute the first of 5 values');
    await w.getByRole('button', { name: 'Step ▶' }).click();
    await expect(sentence(page)).toHaveText('Forward, step 1 of 5: v₁ = ln(x₁) = 0.6931.');
    await w.getByRole('button', { name: 'Whole forward pass' }).click();
    await expect(sentence(page)).toHaveText('Forward, step 5 of 5: v₅ = v₄ − v₃ = 11.65.');
    // Nothing of the backward pass shows yet.
    await expect(w.locator('[data-cell="autodiff"]').first()).toHaveText('?');
    await w.getByRole('button', { name: 'Step ▶' }).click();
    await expect(sentence(page)).toContainText('v̄₅ = 1, the seed');
    await w.getByRole('button', { name: 'Whole backward pass' }).click();
    await expect(sentence(page)).toContainText('passed back by 2 readers, added');
    // x̄₁ = 1/x₁ + x₂ and x̄₂ = x₁ − cos x₂, each beside its central difference.
    const row = (name: string) => w.locator(`tr[data-weight="${name}"]`);
    await expect(row('x₁').locator('[data-cell="autodiff"]')).toHaveText('5.5');
    await expect(row('x₁').locator('[data-cell="finite"]')).toHaveText('5.5');
    await expect(row('x₂').locator('[data-cell="autodiff"]')).toHaveText('1.716');
    for (const gap of await w.locator('[data-cell="gap"]').allInnerTexts()) expect(Number(gap.replace('−', '-').replace('e', 'e'))).toBeLessThan(1e-8);
    expect(await w.locator('svg[role="img"]').first().innerHTML()).not.toMatch(/NaN|Infinity/);
    await expect(page).toHaveURL(/graph-trace=v\.1~at\.12/);
  });

  test('every expression: its gradients agree with central differences, and the pass counts follow n and m', async ({ page }) => {
    for (const ex of ['neuron', 'mlp', 'softmax']) {
      await openEmbed(page, 'graph-trace', `v.1~ex.${ex}~at.40`);
      const w = widget(page, 'graph-trace');
      await expect(w.locator('[data-cell="autodiff"]').first()).not.toHaveText('?');
      const autodiff = (await w.locator('[data-cell="autodiff"]').allInnerTexts()).map((t) => Number(t.replace('−', '-')));
      const finite = (await w.locator('[data-cell="finite"]').allInnerTexts()).map((t) => Number(t.replace('−', '-')));
      expect(autodiff.length, ex).toBeGreaterThan(0);
      autodiff.forEach((g, i) => expect(g, `${ex} ${i}`).toBeCloseTo(finite[i], 3));
    }
    await openEmbed(page, 'graph-trace', 'v.1~n.12~m.3');
    await expect(widget(page, 'graph-trace').locator('[data-mode="forward"] [data-value]')).toHaveAttribute('data-value', '12');
    await expect(widget(page, 'graph-trace').locator('[data-mode="reverse"] [data-value]')).toHaveAttribute('data-value', '3');
  });

  test('edited inputs are traced by the engine, and keyboard alone steps the passes', async ({ page }) => {
    await openEmbed(page, 'graph-trace');
    const w = widget(page, 'graph-trace');
    const x2 = w.getByRole('spinbutton', { name: 'x₂' });
    await x2.fill('1');
    await expect(page).toHaveURL(/in\.2_1/);
    // The worker's new trace is in once its finite differences are (a pass stepped before it lands is reset by it).
    await expect(w.locator('tr[data-weight="x₁"] [data-cell="finite"]')).toHaveText('1.5');
    await w.getByRole('button', { name: 'Whole backward pass' }).focus();
    await page.keyboard.press('Enter');
    // x̄₁ = 1/2 + 1 at (2, 1).
    await expect(w.locator('tr[data-weight="x₁"] [data-cell="autodiff"]')).toHaveText('1.5');
    await w.getByRole('button', { name: 'Start over' }).focus();
    await page.keyboard.press('Enter');
    await expect(sentence(page)).toHaveAttribute('data-at', '0');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the embed in the ${theme} theme on a phone, and axe finds nothing serious`, async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 800 });
      await openEmbed(page, 'graph-trace', 'v.1~ex.mlp~at.9', theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});

test.describe('fd-error', () => {
  test('the errors fall with h, then rise; the reading moves with the keyboard; nothing non-finite is drawn', async ({ page }) => {
    await openEmbed(page, 'fd-error');
    const w = widget(page, 'fd-error');
    await expect(w.locator('[data-reading="exact"]')).toHaveText('0.5403023059');
    const error = async (key: string) => Number((await w.locator(`[data-reading="${key}-error"]`).innerText()).replace('−', '-').replace(' (exact)', ''));
    await expect.poll(() => error('forward64')).toBeLessThan(1e-4);
    const at1e4 = await error('forward64');
    const chart = w.locator('svg[role="application"]');
    await chart.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
    await expect(chart).toHaveAttribute('data-h', '1e-8');
    await expect.poll(() => error('forward64')).toBeLessThan(at1e4 / 100);
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowLeft');
    await expect(chart).toHaveAttribute('data-h', '1e-14');
    // Past the best step, rounding wins: the error is large again.
    await expect.poll(() => error('forward64')).toBeGreaterThan(1e-4);
    await expect(w.locator('circle.best-step')).toHaveCount(4);
    expect(await chart.innerHTML()).not.toMatch(/NaN|Infinity/);
    await expect(page).toHaveURL(/fd-error=v\.1~h\.1e-14/);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the embed in the ${theme} theme, and axe finds nothing serious`, async ({ page }) => {
      await openEmbed(page, 'fd-error', 'v.1~f.cube', theme);
      await expect(widget(page, 'fd-error').locator('[data-reading="exact"]')).toHaveText('3');
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});

test.describe('tape-viewer', () => {
  test('records a playground step; checkpointing in pairs keeps less, reads less, recomputes six layers, same gradients', async ({ page }) => {
    await openEmbed(page, 'tape-viewer', 'v.1~w.32_32_32_32_32_32~b.100~ckpt.pairs');
    const w = widget(page, 'tape-viewer');
    await expect(w.getByTestId('tape-summary')).toContainText('5,442 weights');
    const bytes = async () => (await w.locator('svg [data-bytes]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-bytes')))));
    await expect.poll(async () => (await bytes()).length).toBe(4);
    const [plainKept, plainRead, kept, read] = await bytes();
    expect(kept).toBeLessThan(plainKept / 4);
    expect(read).toBeLessThan(plainRead * 0.6);
    await expect(w.getByTestId('checkpoint-summary')).toContainText('ran 6 layer forwards again');
    await expect(w.getByTestId('checkpoint-summary')).toContainText('the same to the bit');
    await expect(w.locator('tr[data-op="checkpoint"]')).toHaveCount(3);
  });

  test('a pasted playground link opens its network', async ({ page }) => {
    await openEmbed(page, 'tape-viewer');
    const w = widget(page, 'tape-viewer');
    await w.getByRole('textbox', { name: /playground link/ }).fill('https://example.org/chapters/mlp/?playground=v.1~ds.xor~w.4_4~act.relu~opt.sgd~lr.0.1#playground');
    await w.getByRole('button', { name: 'Open' }).click();
    await expect(w.getByTestId('tape-summary')).toContainText('2–4–4–2');
    await expect(w.locator('tr[data-op="relu"]')).toHaveCount(2);
    await w.getByRole('textbox', { name: /playground link/ }).fill('https://example.org/chapters/mlp/');
    await w.getByRole('button', { name: 'Open' }).click();
    await expect(w.getByRole('alert')).toContainText('no playground state');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the embed in the ${theme} theme, and axe finds nothing serious`, async ({ page }) => {
      await openEmbed(page, 'tape-viewer', '', theme);
      await expect(widget(page, 'tape-viewer').locator('tr[data-op="tanh"]')).toHaveCount(3);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});

test('the chapter asks before it tells: a prediction hides its answer until a choice, then says what the widget shows', async ({ page }) => {
  await page.goto('chapters/autodiff/#finite-differences');
  const predict = page.locator('[data-predict]').first();
  await expect(predict).toHaveAttribute('data-predict', 'open');
  await expect(predict).not.toContainText('You said');
  await predict.getByRole('button', { name: 'It keeps shrinking, about a hundredfold each time' }).click();
  await expect(predict).toHaveAttribute('data-predict', 'wrong');
  await expect(predict).toContainText('You said: It keeps shrinking, about a hundredfold each time. The widget shows: the error falls until h is near 10⁻⁸');
  await predict.getByRole('button', { name: 'It shrinks, then grows again' }).click();
  await expect(predict).toHaveAttribute('data-predict', 'right');
  await expect(page.locator('[data-predict]')).toHaveCount(4);
});
