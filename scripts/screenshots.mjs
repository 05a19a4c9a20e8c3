#!/usr/bin/env node
/**
 * Screenshots for looking at what we build: each path at desktop and phone
 * width, light and dark, full page, into .screens/. Serve the site first.
 *
 *   node scripts/screenshots.mjs [--url http://localhost:3000/] [--full] [--play] path …
 * --play presses every widget's play button and lets it train for 3 s.
 */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const args = process.argv.slice(2);
const urlAt = args.indexOf('--url');
const base = urlAt >= 0 ? args.splice(urlAt, 2)[1] : 'http://localhost:3000/';
const playAt = args.indexOf('--play');
const play = playAt >= 0;
if (play) args.splice(playAt, 1);
const fullAt = args.indexOf('--full');
const fullPage = fullAt >= 0;
if (fullPage) args.splice(fullAt, 1);
const paths = args.length ? args : [''];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
mkdirSync('.screens', { recursive: true });
const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 740 } };
for (const p of paths) {
  for (const [vpName, viewport] of Object.entries(viewports)) {
    for (const theme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport, colorScheme: theme, deviceScaleFactor: vpName === 'phone' ? 2 : 1 });
      const page = await context.newPage();
      const [pathPart, hash] = p.split('#');
      await page.goto(new URL(pathPart, base).href + (hash ? `#${hash}` : ''));
      await page.waitForTimeout(700);
      if (play) {
        for (const widget of await page.locator('[data-widget]').all()) {
          const play = widget.locator('button[data-action="play"]');
          if (await play.count()) await play.first().click();
        }
        await page.waitForTimeout(3000);
        if (hash) await page.locator(`#${hash}`).scrollIntoViewIfNeeded();
      }
      const name = `${(pathPart || 'home').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}${hash ? `-${hash}` : ''}-${vpName}-${theme}.png`;
      await page.screenshot({ path: `.screens/${name}`, fullPage });
      console.log(`.screens/${name}`);
      await context.close();
    }
  }
}
await browser.close();
