import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Every page a test opens is watched: a console error or a request to any
 * host but the test server fails the test.
 */
export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ page, baseURL }, use) => {
      const problems: string[] = [];
      const ownHost = new URL(baseURL!).host;
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('request', (req) => {
        const url = new URL(req.url());
        if (url.protocol.startsWith('http') && url.host !== ownHost) problems.push(`request to another host: ${req.url()}`);
      });
      await use(problems);
      expect(problems, 'console errors or foreign requests').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The book's routes that every test walks. */
export const ROUTES = [
  { path: '', title: /Looking Glass/ },
  { path: 'chapters/learning/', title: /Learning is minimizing/ },
  { path: 'chapters/linear/', title: /Linear regression/ },
  { path: 'chapters/logistic/', title: /Logistic regression and softmax/ },
  { path: 'chapters/mlp/', title: /Neural networks/ },
  { path: 'chapters/autodiff/', title: /Automatic differentiation/ },
  { path: 'chapters/cnn/', title: /Convolutional networks/ },
  { path: 'chapters/transformer/', title: /Attention and transformers/ },
];

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousViolations(page: Page) {
  await mathChecked(page);
  // Evaluated through the debugging protocol: a <script> tag (addScriptTag)
  // would be an inline script the page's Content Security Policy refuses.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return result.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
}

/** Waits until display math that scrolls sideways has been made keyboard
 * reachable (components/site/MathOverflow.tsx, after hydration and fonts). */
export async function mathChecked(page: Page) {
  await page.waitForFunction(() => {
    const checked = document.documentElement.dataset.mathChecked;
    const strip = (p: string) => p.replace(/\/$/, '');
    return !document.querySelector('.katex-display') || (checked !== undefined && strip(location.pathname).endsWith(strip(checked)));
  });
}

/** Opens a page with the theme preference stored, as a returning reader would have it. */
export async function openInTheme(page: Page, path: string, theme: 'light' | 'dark') {
  await page.addInitScript((t) => localStorage.setItem('looking-glass-theme', t), theme);
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/**
 * The same link in two fresh browser contexts, `steps` presses of Step in
 * each: the widget's data-loss after them must be the same number (a link
 * reproduces the run step for step).
 */
export async function expectSameLossInTwoFreshRuns(
  browser: Browser,
  baseURL: string | undefined,
  open: (page: Page) => Promise<void>,
  widget: (page: Page) => Locator,
  steps: number,
): Promise<void> {
  const losses: string[] = [];
  for (let k = 0; k < 2; k++) {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await open(page);
    for (let i = 0; i < steps; i++) {
      await widget(page).getByRole('button', { name: 'Step' }).click();
      await expect(widget(page)).toHaveAttribute('data-step', String(i + 1));
    }
    losses.push((await widget(page).getAttribute('data-loss'))!);
    await context.close();
  }
  expect(losses[0]).not.toBe('');
  expect(losses[1]).toBe(losses[0]);
}

/** Keyboard alone: focus the widget's Play button, Enter plays, Enter again pauses. */
export async function expectPlayAndPauseByKeyboard(page: Page, widget: Locator): Promise<void> {
  await widget.getByRole('button', { name: 'Play' }).focus();
  await page.keyboard.press('Enter');
  await expect(widget).toHaveAttribute('data-run-state', 'training');
  await page.keyboard.press('Enter');
  await expect(widget).toHaveAttribute('data-run-state', 'paused');
}

/**
 * The element's box once it has stopped moving: widgets load lazily and the
 * page scrolls a targeted widget into view, so a box read too early can put
 * a click outside the element.
 */
export async function stableBox(locator: import('@playwright/test').Locator) {
  await locator.scrollIntoViewIfNeeded();
  let box = (await locator.boundingBox())!;
  await expect
    .poll(async () => {
      const now = (await locator.boundingBox())!;
      const still = now.x === box.x && now.y === box.y && now.width === box.width;
      box = now;
      return still;
    })
    .toBe(true);
  return box;
}
