import { defineConfig } from '@playwright/test';

/**
 * Browser tests run Debian's Chromium (no browser download) against the
 * exported site, twice: at the root and below a base path, where asset,
 * worker and data URLs break first. `scripts/e2e.mjs` builds both first.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// E2E_PORT lets several checkouts run their browser tests at once.
const ROOT_PORT = Number(process.env.E2E_PORT ?? 4173);
const BASE_PORT = ROOT_PORT + 1;
export const BASE_PATH = '/course/ml';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    viewport: { width: 1280, height: 800 },
    // The book registers a service worker; a test that let it serve pages
    // would depend on what earlier pages cached. Only tests/e2e/offline.spec.ts
    // allows it (each test has a fresh context, so nothing carries over).
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'root', use: { baseURL: `http://localhost:${ROOT_PORT}/` } },
    {
      name: 'base-path',
      use: { baseURL: `http://localhost:${BASE_PORT}${BASE_PATH}/` },
      // Below a base path only URLs can differ, so this project runs the tests
      // that resolve them: every page and link of the site, the worker and its
      // wasm builds, each widget's copied link (its worker and data load too),
      // and landing on each widget from a link; offline reading (the service
      // worker's scope); the links search results give. Widget behaviour is
      // the same at any path and is tested once, at the root; CI's 20 minutes
      // are shared. The content security policy is checked on a chapter and an
      // embed there.
      grep: [/site\.spec/, /offline\.spec/, /search\.spec.*(leads to its section|keyboard alone)/, /backends\.spec/, /csp\.spec.*below a base path/, /copy link/, /on a desktop .*lands on it/],
    },
  ],
  webServer: [
    {
      command: `node scripts/serve.mjs --dir out --port ${ROOT_PORT}`,
      url: `http://localhost:${ROOT_PORT}/`,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `node scripts/serve.mjs --dir out-base --port ${BASE_PORT} --base ${BASE_PATH}`,
      url: `http://localhost:${BASE_PORT}${BASE_PATH}/`,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
