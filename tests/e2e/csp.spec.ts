/**
 * The book under its Content Security Policy (scripts/postbuild.mjs): every
 * page and every embed loads, scrolled through so its widgets load, with not
 * one violation; a widget trains (worker and wasm included). Then the same
 * policy as headers, the way scripts/serve.mjs --csp and the README's hosts
 * send it, with the pages' meta tags taken out so the headers alone decide.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { Browser, ConsoleMessage, Page } from '@playwright/test';
import { WIDGETS } from '../../components/widgets/kit/catalog';
import { createServer } from '../../scripts/serve.mjs';
import { expect, mathChecked, ROUTES, test } from './fixtures';

const PAGES = [...ROUTES.map((r) => r.path), ...WIDGETS.map((w) => `embed/${w.name}/`)];
// Below a base path only the URLs differ ('self' covers them): a chapter and an embed are enough there.
const AT_BASE = new Set(['chapters/learning/', 'embed/descent-playground/']);
// Every widget's code, worker and data load in its embed; one chapter also loads all of its widgets in place.
const SCROLLED = 'chapters/learning/';

type Hooks = { __cspViolations: string[]; __lookingGlass: { backend(): Promise<string> } };

/**
 * Records what the policy refuses: `securitypolicyviolation` events in the
 * page (listened for before any of its scripts run) and console messages of
 * the page and its workers that mention the policy (a worker's refusals are
 * reported in the worker).
 */
async function watchPolicy(page: Page) {
  const messages: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as Hooks;
    w.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => w.__cspViolations.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber} ${e.sample})`),
      true,
    );
  });
  const note = (where: string) => (msg: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) messages.push(`${where}: ${msg.text()}`);
  };
  page.on('console', note('page'));
  page.on('worker', (worker) => worker.on('console', note(`worker ${worker.url()}`)));
  return async () => [...(await page.evaluate(() => (window as unknown as Hooks).__cspViolations)), ...messages];
}

/** Brings each widget's slot to the screen in turn, so every widget loads, and waits until all have. */
async function loadEveryWidget(page: Page) {
  await page.evaluate(async () => {
    for (const slot of document.querySelectorAll('[data-widget-slot]')) {
      slot.scrollIntoView({ block: 'center' });
      for (let t = 0; slot.hasAttribute('data-pending') && t < 200; t++) await new Promise((r) => setTimeout(r, 25));
    }
  });
  await expect(page.locator('[data-widget-slot][data-pending], [data-loading]')).toHaveCount(0);
}

/** Presses Play on a training widget and waits for steps from the worker, on the wasm kernels. */
async function trainBriefly(page: Page, name: string) {
  const widget = page.locator(`[data-widget-id="${name}"]`);
  await widget.locator('button[data-action="play"]').click();
  await expect.poll(async () => Number(await widget.getAttribute('data-step'))).toBeGreaterThan(5);
  expect(await page.evaluate(() => (window as unknown as Hooks).__lookingGlass.backend())).toMatch(/^wasm-/);
}

/** Adds an inline script the build did not hash; expects it not to run. */
async function injectInlineScript(page: Page) {
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.head.append(s);
  });
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
}

test.describe('under the meta policy', () => {
  for (const path of PAGES) {
    test(`/${path} loads with zero violations${AT_BASE.has(path) ? ' (also below a base path)' : ''}`, async ({ page }) => {
      const violations = await watchPolicy(page);
      await page.goto(path);
      const meta = page.locator('head > meta[http-equiv="Content-Security-Policy"]');
      await expect(meta).toHaveCount(1);
      const policy = (await meta.getAttribute('content'))!;
      expect(policy).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'|https?:|\*/);
      expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
      expect(policy).toContain("connect-src 'self'");
      // The tag comes before every script, or it would not cover them.
      expect(await meta.evaluate((m) => [...document.scripts].every((s) => m.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
      // Hydrated: the page's scripts (inline payload included) ran.
      await mathChecked(page);
      if (path === SCROLLED) await loadEveryWidget(page);
      if (path.startsWith('embed/')) await expect(page.locator('[data-widget]')).toBeVisible();
      if (path === 'embed/descent-playground/') await trainBriefly(page, 'descent-playground');
      expect(await violations()).toEqual([]);
    });
  }
});

test('the meta policy is enforced: an inline script the page did not ship is refused, and reported', async ({ page, pageProblems }) => {
  const violations = await watchPolicy(page);
  await page.goto('');
  await injectInlineScript(page);
  expect((await violations()).join('\n')).toContain('script-src');
  // The browser logs the refusal as a console error: that one is expected here.
  expect(pageProblems.length).toBeGreaterThan(0);
  expect(pageProblems.every((p) => /Content Security Policy/.test(p))).toBe(true);
  pageProblems.length = 0;
});

test.describe('under the same policy sent as headers (serve.mjs --csp)', () => {
  let server: Server;
  let origin: string;
  test.beforeAll(async () => {
    server = createServer({ root: fileURLToPath(new URL('../../out', import.meta.url)), csp: true });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  test.afterAll(() => server?.close());

  /** A page of the header-policy server with its documents' meta tags removed: only the headers apply. */
  async function headerOnlyPage(browser: Browser) {
    const context = await browser.newContext({ baseURL: origin });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('request', (req) => {
      if (req.url().startsWith('http') && !req.url().startsWith(origin)) problems.push(`request to another host: ${req.url()}`);
    });
    await page.route(
      (url) => url.href.startsWith(origin),
      async (route) => {
        if (route.request().resourceType() !== 'document') return route.fallback();
        const response = await route.fetch();
        const body = (await response.text()).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
        await route.fulfill({ response, body });
      },
    );
    return { page, context, problems };
  }

  test('a chapter and its widgets, and a widget training in its worker, with zero violations', async ({ browser }) => {
    const { page, context, problems } = await headerOnlyPage(browser);
    const violations = await watchPolicy(page);
    const response = await page.goto('chapters/learning/');
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(0);
    await loadEveryWidget(page);
    await page.locator('#descent-playground').scrollIntoViewIfNeeded();
    await trainBriefly(page, 'descent-playground');
    // The worker's own script came with the worker policy (no page hashes), which let it compile wasm.
    const workerUrl = page.workers()[0]?.url();
    expect(workerUrl).toBeTruthy();
    const workerHeaders = (await page.request.get(workerUrl!)).headers();
    expect(workerHeaders['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; /);
    expect(await violations()).toEqual([]);
    // The headers are enforced: an inline script the page did not ship is refused.
    await injectInlineScript(page);
    expect((await violations()).join('\n')).toContain('script-src');
    expect(problems).toEqual([]);
    await context.close();
  });

  test('an embed that trains on Fashion-MNIST, its worker fetching the data, with zero violations', async ({ browser }) => {
    const { page, context, problems } = await headerOnlyPage(browser);
    const violations = await watchPolicy(page);
    await page.goto('embed/cnn-trainer/');
    const widget = page.locator('[data-widget="cnn-trainer"]');
    await widget.locator('button[data-action="step"]').click();
    await expect(widget).toHaveAttribute('data-step', '1', { timeout: 30_000 });
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
