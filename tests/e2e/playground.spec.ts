import type { Page } from '@playwright/test';
import { test, expect, seriousViolations, stableBox } from './fixtures';

const CHAPTER = 'chapters/mlp/';
const widget = (page: Page) => page.locator('[data-widget="playground"]');
const readout = (page: Page) => widget(page).locator('[data-readout]');
const step = async (page: Page) => Number(await widget(page).getAttribute('data-step'));
const numberOf = async (page: Page, attribute: string) => Number(await readout(page).getAttribute(attribute));
const network = (page: Page) => widget(page).getByRole('application', { name: /Network diagram/ });

async function open(page: Page, state = '') {
  await page.goto(`${CHAPTER}${state ? `?playground=${state}` : ''}#playground`);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'idle');
  // The data set came from the worker and the first metrics are in.
  await expect(widget(page).locator('.train-points circle').first()).toBeAttached();
  await expect(readout(page)).toHaveAttribute('data-test-loss', /\d/);
}

test('renders the data, the network and the charts before training', async ({ page }) => {
  await open(page);
  // 250 training points of the two-arm spiral; the other 250 halved into validation (squares) and test.
  await expect(widget(page).locator('.train-points circle')).toHaveCount(250);
  await expect(widget(page).locator('.validation-points rect')).toHaveCount(125);
  await expect(widget(page).locator('.test-points circle')).toHaveCount(125);
  await expect(widget(page).getByRole('combobox', { name: 'Preset' })).toHaveValue('spiral');
  await expect(network(page)).toBeVisible();
  await expect(widget(page).getByText('The network: 3 hidden layers of 16, 16, 16 units (tanh)')).toBeVisible();
  const markup = await widget(page).locator('[data-part="body"]').innerHTML();
  expect(markup).not.toMatch(/NaN|Infinity/);
});

test('trains: steps and epochs rise, the training loss falls, nothing drawn is NaN', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, 'v.2~ds.circles~w.8_8');
  const first = await numberOf(page, 'data-train-loss');
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
  await expect.poll(() => step(page), { timeout: 45_000 }).toBeGreaterThan(150);
  await expect.poll(() => numberOf(page, 'data-train-loss'), { timeout: 45_000 }).toBeLessThan(first / 2);
  expect(Number(await widget(page).getAttribute('data-epoch'))).toBeGreaterThan(4);
  await widget(page).getByRole('button', { name: 'Pause' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'paused');
  const markup = await widget(page).locator('[data-part="body"]').innerHTML();
  expect(markup).not.toMatch(/NaN|Infinity/);
  // Three curves in each chart, the validation set's among them, with its readout.
  for (const chart of ['Loss', 'Accuracy']) {
    const paths = widget(page).locator(`svg[aria-label^="${chart}"] path[data-series]`);
    expect(await paths.count()).toBe(3);
    await expect(widget(page).locator(`svg[aria-label^="${chart}"] path[data-series="validation"]`)).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
  }
  await expect(readout(page).getByRole('columnheader', { name: 'validation' })).toBeVisible();
  for (const attribute of ['data-validation-loss', 'data-validation-accuracy', 'data-test-loss']) {
    expect(Number.isFinite(await numberOf(page, attribute)), attribute).toBe(true);
  }
  expect(await numberOf(page, 'data-validation-loss')).toBeGreaterThan(0);
  await expect(readout(page).locator('[data-value="validation-loss"]')).toHaveText(/^\d/);
});

test('a link made before the penalty was λ‖W‖² (v.1) opens without a notice, λ halved', async ({ page }) => {
  await open(page, 'v.1~ds.moons~l2.0.003');
  await expect(widget(page).getByRole('combobox', { name: 'Data', exact: true })).toHaveValue('moons');
  await expect(widget(page).getByRole('combobox', { name: 'L2 penalty λ' })).toHaveValue('0.0015');
  await expect(widget(page).getByRole('status').filter({ hasText: 'could not be used' })).toHaveCount(0);
});

test('the pace setting caps the steps per second, and changes live', async ({ page }) => {
  await open(page, 'v.2~ds.circles~w.4~sp.20');
  await expect(widget(page).getByRole('slider', { name: 'Steps per second' })).toHaveAttribute('aria-valuetext', '20');
  const started = Date.now();
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => step(page)).toBeGreaterThan(5);
  await page.waitForTimeout(1500);
  const seconds = (Date.now() - started) / 1000;
  // Never more than the cap allows in the time that passed (a little slack for the first frame).
  expect(await step(page)).toBeLessThanOrEqual(20 * seconds + 5);
  const slider = widget(page).getByRole('slider', { name: 'Steps per second' });
  await slider.focus();
  await page.keyboard.press('End');
  const held = await step(page);
  await expect.poll(() => step(page), { timeout: 15_000 }).toBeGreaterThan(held + 500);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
});

test('the spiral preset reaches 90% test accuracy within 2,000 steps', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  await widget(page).getByRole('button', { name: 'Play' }).click();
  // Watch every painted readout and note the step at which test accuracy first reads ≥ 90%.
  const reached = await page.waitForFunction(
    () => {
      const el = document.querySelector<HTMLElement>('[data-widget="playground"] [data-readout]');
      const accuracy = Number(el?.dataset.testAccuracy);
      return accuracy >= 0.9 ? Number(el!.dataset.metricsStep) : false;
    },
    undefined,
    { polling: 'raf', timeout: 90_000 },
  );
  const at = (await reached.jsonValue()) as number;
  expect(at).toBeGreaterThan(0);
  expect(at).toBeLessThanOrEqual(2000);
});

test('a live change keeps the run; a new architecture starts over', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, 'v.2~ds.moons~w.4');
  await widget(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => step(page), { timeout: 45_000 }).toBeGreaterThan(50);
  await widget(page).getByRole('button', { name: 'Pause' }).click();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'paused');
  const held = await step(page);
  // Learning rate, batch size and L2 apply to the run as it is: no reset to step 0.
  const lr = widget(page).getByRole('slider', { name: 'Learning rate η' });
  await lr.focus();
  await page.keyboard.press('ArrowRight');
  await widget(page).getByRole('combobox', { name: 'Batch size' }).selectOption('50');
  await widget(page).getByRole('combobox', { name: 'L2 penalty λ' }).selectOption('0.001');
  await page.waitForTimeout(300);
  await expect(widget(page)).toHaveAttribute('data-run-state', 'paused');
  expect(await step(page)).toBe(held);
  await widget(page).getByRole('button', { name: 'Step' }).click();
  await expect(widget(page)).toHaveAttribute('data-step', String(held + 1));
  // A new architecture is a new network: fresh runs from step 0.
  await widget(page).getByRole('button', { name: 'More units in layer 1' }).click();
  await expect(widget(page).getByText('The network: 1 hidden layer of 5 units (tanh)')).toBeVisible();
  await expect(widget(page)).toHaveAttribute('data-run-state', 'idle');
  await expect(widget(page)).toHaveAttribute('data-step', '0');
});

test('a unit’s field opens by click and by keyboard, and closes again', async ({ page }) => {
  await open(page, 'v.2~w.3_2');
  const canvas = network(page);
  const box = await stableBox(canvas);
  await canvas.focus();
  await page.keyboard.press('ArrowDown');
  await expect(widget(page).getByText('Unit: layer 1, unit 2')).toBeAttached();
  await page.keyboard.press('Enter');
  await expect(widget(page).getByText('Field of layer 1, unit 2')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(widget(page).getByText('Field of layer 2, unit 2')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(widget(page).getByText('Output: the decision field')).toBeVisible();
  // A click on empty space does nothing; a click on a unit enlarges it; the back button closes it.
  await canvas.click({ position: { x: 4, y: 4 } });
  await expect(widget(page).getByText('Output: the decision field')).toBeVisible();
  // Layout of 2-3-2-2: the first hidden column at 35.8% of the width, its top unit at 18.7% of the height.
  await canvas.click({ position: { x: box.width * 0.358, y: box.height * 0.187 } });
  await expect(widget(page).getByText('Field of layer 1, unit 1')).toBeVisible();
  await widget(page).getByRole('button', { name: 'Back to the output' }).click();
  await expect(widget(page).getByText('Output: the decision field')).toBeVisible();
});

test('exports the trained weights as JSON', async ({ page }) => {
  await open(page, 'v.2~w.4');
  await widget(page).getByRole('button', { name: 'Step' }).click();
  await expect(widget(page)).toHaveAttribute('data-step', '1');
  const [download] = await Promise.all([page.waitForEvent('download'), widget(page).getByRole('button', { name: 'Export weights (JSON)' }).click()]);
  expect(download.suggestedFilename()).toBe('playground-spiral-2-4-2.json');
  const { readFile } = await import('node:fs/promises');
  const json = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(json.sizes).toEqual([2, 4, 2]);
  expect(json.step).toBe(1);
  expect(json.layers[0].weight).toHaveLength(4);
  expect(json.layers[0].weight[0]).toHaveLength(2);
});

test('copy link to this state restores it in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await widget(page).getByRole('combobox', { name: 'Data', exact: true }).selectOption('blobs');
  await widget(page).getByRole('combobox', { name: 'Activation' }).selectOption('relu');
  await widget(page).getByRole('button', { name: 'Fewer units in layer 2' }).click();
  await widget(page).getByRole('button', { name: 'Copy link to this state' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/playground=v\.2~.*ds\.blobs/);
  expect(link).toMatch(/w\.16_15_16/);
  expect(link).toMatch(/#playground$/);

  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(widget(fresh).getByRole('combobox', { name: 'Data', exact: true })).toHaveValue('blobs');
  await expect(widget(fresh).getByRole('combobox', { name: 'Activation' })).toHaveValue('relu');
  await expect(widget(fresh).getByText('The network: 3 hidden layers of 16, 15, 16 units (ReLU)')).toBeVisible();
  await expect(widget(fresh)).toBeInViewport();
  await fresh.close();
});

test('two fresh pages on the same link, stepped alike, show identical losses', async ({ browser, baseURL }) => {
  const losses: string[] = [];
  for (let k = 0; k < 2; k++) {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await open(page, 'v.2~ds.xor~w.6_6~seed.42');
    for (let i = 0; i < 5; i++) {
      await widget(page).getByRole('button', { name: 'Step' }).click();
      await expect(widget(page)).toHaveAttribute('data-step', String(i + 1));
    }
    // The training loss at step 5. (The test-loss readout is refreshed on its own cadence, so it may show an earlier step.)
    losses.push((await widget(page).getAttribute('data-loss'))!);
    await context.close();
  }
  expect(losses[0]).toMatch(/^\d/);
  expect(losses[1]).toBe(losses[0]);
});

test.describe('keyboard alone', () => {
  test('chooses a preset, changes a slider, plays and pauses', async ({ page }) => {
    await open(page);
    const preset = widget(page).getByRole('combobox', { name: 'Preset' });
    await preset.focus();
    await preset.selectOption('xor-linear');
    await expect(widget(page).getByText('The network: no hidden layer')).toBeVisible();
    const layers = widget(page).getByRole('slider', { name: 'Hidden layers' });
    await layers.focus();
    await page.keyboard.press('ArrowRight');
    await expect(layers).toHaveAttribute('aria-valuetext', '1');
    const play = widget(page).getByRole('button', { name: 'Play' });
    await play.focus();
    await page.keyboard.press('Enter');
    await expect(widget(page)).toHaveAttribute('data-run-state', 'training');
    await page.keyboard.press('Enter');
    await expect(widget(page)).toHaveAttribute('data-run-state', 'paused');
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 800 } });
  test('six layers get six steppers of 24 px buttons that do not overlap, and they work', async ({ page }) => {
    await open(page, 'v.2~w.8_8_8_8_8_8');
    const buttons = widget(page).getByRole('button', { name: /units in layer/ });
    await expect(buttons).toHaveCount(12);
    const boxes = await buttons.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    for (const b of boxes) {
      expect(b.width).toBeGreaterThanOrEqual(24);
      expect(b.height).toBeGreaterThanOrEqual(24);
    }
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => expect(overlap(a, b)).toBe(false)));
    await widget(page).getByRole('button', { name: 'More units in layer 6' }).click();
    await expect(widget(page).getByText('The network: 6 hidden layers of 8, 8, 8, 8, 8, 9 units (tanh)')).toBeVisible();
  });
});

for (const theme of ['light', 'dark'] as const) {
  test(`the embed page works in the ${theme} theme`, async ({ page }) => {
    await page.goto(`embed/playground/?playground=v.2~ds.circles~w.4&theme=${theme}`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('.site-header')).toHaveCount(0);
    await expect(widget(page).getByRole('combobox', { name: 'Data', exact: true })).toHaveValue('circles');
    await widget(page).getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => step(page), { timeout: 45_000 }).toBeGreaterThan(10);
    await expect(page.getByRole('link', { name: /Looking Glass, chapter 4/ })).toHaveAttribute('href', /chapters\/mlp\/#train-your-own$/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`axe: the chapter with its widget loaded (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await open(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
