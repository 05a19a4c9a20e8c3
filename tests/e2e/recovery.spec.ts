/**
 * Every widget that trains, from the catalog (a new one is covered without
 * being asked): its worker killed mid-run, it says so and plays again; a
 * run that diverges stops with the "Diverged" notice and a Reset, and draws
 * no NaN or Infinity. A widget's `diverging` field (kit/define.ts) gives the
 * link state that diverges, or, where the schema keeps the rate too low to
 * diverge, why not and its state at the highest rate, which must train on
 * without drawing a non-finite number.
 */
import type { Locator, Page } from '@playwright/test';
import { WIDGETS } from '../../components/widgets/kit/catalog';
import { expect, test } from './fixtures';

type Hooks = { __lookingGlass: { crashWorkers(): Promise<void>; liveWorkers(): number } };

/** Widgets with a data set download it (a few MB from the test server) before the first step. */
const FIRST_STEP_MS = 45_000;

const step = async (widget: Locator) => Number(await widget.getAttribute('data-step'));

async function open(page: Page, name: string, state?: string): Promise<Locator> {
  await page.goto(`embed/${name}/${state ? `?${name}=${state}` : ''}`);
  const widget = page.locator(`[data-widget="${name}"]`);
  await expect(widget).toHaveAttribute('data-run-state', 'idle');
  return widget;
}

/** Nothing non-finite anywhere in the widget's markup (paths, labels, readouts, attributes). */
async function expectFiniteMarkup(widget: Locator) {
  expect(await widget.innerHTML()).not.toMatch(/NaN|Infinity/);
}

/** Play, kill the workers mid-run: the widget says so, and "Play again" starts a fresh run that trains. */
async function killAndRecover(page: Page, widget: Locator) {
  await widget.locator('button[data-action="play"]').click();
  await expect.poll(() => step(widget), { timeout: FIRST_STEP_MS }).toBeGreaterThan(0);
  await page.evaluate(() => (window as unknown as Hooks).__lookingGlass.crashWorkers());
  await expect(widget).toHaveAttribute('data-run-state', 'error');
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('stopped unexpectedly');
  await alert.getByRole('button', { name: 'Play again' }).click();
  // A fresh run in a fresh worker: from step 0, rising again.
  await expect(widget).toHaveAttribute('data-run-state', 'training');
  await expect(widget.getByRole('alert')).toHaveCount(0);
  await expect.poll(() => step(widget), { timeout: FIRST_STEP_MS }).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as Hooks).__lookingGlass.liveWorkers())).toBeGreaterThan(0);
}

/** Play a diverging link: it stops with its notice, draws nothing non-finite, stays stopped, and Reset clears it. */
async function divergeAndReset(page: Page, widget: Locator) {
  await widget.locator('button[data-action="play"]').click();
  await expect(widget).toHaveAttribute('data-run-state', 'diverged', { timeout: 20_000 });
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText(/Diverged at step \d+/);
  await expectFiniteMarkup(widget);
  const held = await step(widget);
  await page.waitForTimeout(300);
  expect(await step(widget)).toBe(held);
  await alert.getByRole('button', { name: 'Reset' }).click();
  await expect(widget).toHaveAttribute('data-run-state', 'idle');
  await expect(widget).toHaveAttribute('data-step', '0');
  await expect(widget.getByRole('alert')).toHaveCount(0);
}

/** Play at the highest rate the schema allows: it trains on, with a finite loss and nothing non-finite drawn. */
async function trainAtMaxRate(widget: Locator) {
  await widget.locator('button[data-action="play"]').click();
  await expect.poll(() => step(widget), { timeout: FIRST_STEP_MS }).toBeGreaterThan(20);
  expect(['training', 'paused']).toContain(await widget.getAttribute('data-run-state'));
  expect(Number.isFinite(Number(await widget.getAttribute('data-loss')))).toBe(true);
  await expectFiniteMarkup(widget);
}

// One test per widget, one browser context: the second page load finds the scripts (and any data set) cached.
for (const w of WIDGETS.filter((w) => w.run)) {
  const diverging = w.diverging;
  const title =
    typeof diverging === 'string'
      ? 'recovers from a killed worker, and a diverging run stops with its notice and a Reset, drawing no NaN'
      : 'recovers from a killed worker, and at its highest rate (too low to diverge) trains on, drawing no NaN';
  test(`${w.name} ${title}`, async ({ page }) => {
    if (!diverging) {
      throw new Error(
        `${w.name} trains but its widget.ts has no \`diverging\`: give it a link state whose run diverges within seconds, ` +
          'or, if its schema keeps the rate too low to diverge, { cannot: why, atMaxRate: its state at the highest rate } (see kit/define.ts).',
      );
    }
    await killAndRecover(page, await open(page, w.name));
    if (typeof diverging === 'string') await divergeAndReset(page, await open(page, w.name, diverging));
    // The schema caps the rate below divergence (the widget's `diverging.cannot` says why).
    else await trainAtMaxRate(await open(page, w.name, diverging.atMaxRate));
  });
}
