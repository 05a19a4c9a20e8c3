/**
 * The exported site served on a free local port, and Debian's Chromium
 * launched the way the benchmarks and the soak need it (no background
 * traffic, no GPU): what `bench-ui.ts` and `soak.ts` measure against.
 */
import { chromium, type Browser } from '@playwright/test';
import type { AddressInfo } from 'node:net';
import { createServer } from './serve.mjs';

export async function openSite(dir: string): Promise<{ base: string; browser: Browser; close(): Promise<void> }> {
  const server = createServer({ root: dir });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://localhost:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}
