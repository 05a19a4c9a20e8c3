// Offline reading (public/sw.js, components/site/OfflineSupport.tsx).
//
// Each test runs its own static server and stops it to cut the network:
// Playwright's setOffline does not reach a service worker's fetches. Service
// workers are blocked in every other spec (playwright.config.ts); here they
// are allowed. At the root and below the base path (the worker's scope).
import { test, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

test.use({ serviceWorkers: 'allow' });

const SCREENSHOTS = process.env.OFFLINE_SCREENSHOTS; // a folder: save the update notice there

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** scripts/serve.mjs in a child process of this test, stopped by its own pid. */
class StaticServer {
  private child: ChildProcess | null = null;
  constructor(
    readonly dir: string,
    readonly base: string,
    readonly port: number,
  ) {}
  get url() {
    return `http://localhost:${this.port}${this.base}/`;
  }
  async start() {
    const args = ['scripts/serve.mjs', '--dir', this.dir, '--port', String(this.port), ...(this.base ? ['--base', this.base] : [])];
    this.child = spawn(process.execPath, args, { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        if ((await fetch(this.url.replace('localhost', '127.0.0.1'))).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the server on ${this.port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }
}

/** The export this project tests: out/ at the root, out-base/ below the base path. */
function exportOf(baseURL: string | undefined) {
  const base = new URL(baseURL!).pathname.replace(/\/+$/, '');
  return { base, dir: base ? 'out-base' : 'out' };
}

const controlled = (page: Page) => page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, { timeout: 20_000 });

/** The controlling worker's build version. */
const versionOf = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (e) => resolve(e.data.version);
        navigator.serviceWorker.controller!.postMessage({ type: 'version' }, [channel.port2]);
      }),
  );

const siteCaches = (page: Page) => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('looking-glass-site:')));

test('a chapter read once reloads and trains with the server gone; a page never opened says it is offline', async ({ page, baseURL }) => {
  const { base, dir } = exportOf(baseURL);
  const server = new StaticServer(dir, base, await freePort());
  await server.start();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  try {
    await page.goto(server.url);
    await controlled(page);
    const chapter = `${server.url}chapters/learning/`;
    await page.goto(chapter);
    await expect(page).toHaveTitle(/Learning is minimizing/);
    const widget = page.locator('[data-widget-id="descent-playground"]');
    await page.locator('#descent-playground').scrollIntoViewIfNeeded();
    // The engine has drawn the landscape: its worker and wasm build are loaded.
    await expect(widget.locator('.contours path').first()).toBeAttached();
    await expect
      .poll(() => page.evaluate(async (url) => Boolean(await caches.match(url)), chapter))
      .toBe(true);

    await server.stop();

    await page.reload();
    await expect(page).toHaveTitle(/Learning is minimizing/);
    await expect(page.locator('main h1')).toBeVisible();
    await expect(page.locator('main .katex').first()).toBeVisible();
    await page.locator('#descent-playground').scrollIntoViewIfNeeded();
    await expect(widget).toHaveAttribute('data-run-state', 'idle');
    expect(await page.evaluate(() => (window as unknown as { __lookingGlass: { backend(): Promise<string> } }).__lookingGlass.backend())).toMatch(/^wasm/);
    await widget.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => Number(await widget.getAttribute('data-step'))).toBeGreaterThan(20);
    await widget.getByRole('button', { name: 'Pause' }).click();

    // Never opened: the worker's offline page, pointing at what is saved.
    await page.goto(`${server.url}chapters/mlp/`);
    await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Learning is minimizing/ })).toHaveAttribute('href', chapter);
    await page.getByRole('link', { name: 'The table of contents' }).click();
    await expect(page.getByRole('link', { name: /Learning is minimizing/ }).first()).toBeVisible();

    // The data set has its own cache (workers/data): nothing below data/ is kept here too.
    const kept = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) if (name.startsWith('looking-glass-site:')) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
      return urls;
    });
    expect(kept.some((u) => u.includes('/_next/static/media/') && u.endsWith('.wasm'))).toBe(true);
    expect(kept.filter((u) => u.includes('/data/'))).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await server.stop();
  }
});

test('a new deployment waits behind a notice, and Reload brings it in', async ({ page, baseURL }) => {
  const { base, dir } = exportOf(baseURL);
  // A copy of the export whose sw.js this test rewrites, as a new deployment would.
  const copy = mkdtempSync(path.join(tmpdir(), 'lg-offline-'));
  cpSync(dir, copy, { recursive: true });
  const server = new StaticServer(copy, base, await freePort());
  await server.start();
  try {
    await page.goto(server.url);
    await controlled(page);
    const first = await versionOf(page);
    expect(await siteCaches(page)).toEqual([`looking-glass-site:${base}/:${first}`]);

    await server.stop();
    const sw = path.join(copy, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replaceAll(`"version":"${first}"`, `"version":"${first}-next"`));
    await server.start();

    await page.reload();
    const notice = page.getByRole('status').filter({ hasText: 'A new version of the book is available' });
    await expect(notice).toBeVisible();
    // Until the reader says so, the old version keeps serving.
    expect(await versionOf(page)).toBe(first);

    if (SCREENSHOTS) {
      for (const [name, width, height] of [['desktop', 1280, 800], ['phone', 390, 844]] as const) {
        for (const scheme of ['light', 'dark'] as const) {
          await page.setViewportSize({ width, height });
          await page.evaluate((t) => (document.documentElement.dataset.theme = t), scheme);
          await page.screenshot({ path: path.join(SCREENSHOTS, `update-notice-${name}-${scheme}.png`) });
        }
      }
      await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    }

    // Keyboard: the Reload button is a real button.
    const reload = notice.getByRole('button', { name: 'Reload' });
    await reload.focus();
    const navigated = page.waitForEvent('framenavigated', (f) => f === page.mainFrame());
    await page.keyboard.press('Enter');
    await navigated;
    await page.waitForLoadState('load');
    await controlled(page);
    expect(await versionOf(page)).toBe(`${first}-next`);
    // The old version's cache is gone.
    await expect.poll(() => siteCaches(page)).toEqual([`looking-glass-site:${base}/:${first}-next`]);
    await expect(page.getByText('A new version of the book is available')).toHaveCount(0);
  } finally {
    await server.stop();
    rmSync(copy, { recursive: true, force: true });
  }
});
