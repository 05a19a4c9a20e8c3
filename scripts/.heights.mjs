import { chromium } from '@playwright/test';
import { createServer } from '/work/wt-ch5/scripts/serve.mjs';
const server = createServer({ root: process.env.OUT ?? '/work/wt-ch5/out' });
await new Promise((r) => server.listen(4417, r));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [device, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 800 }]]) {
  for (const id of (process.env.IDS ?? 'graph-trace,graph-backward,fd-error,tape-viewer').split(',')) {
    const page = await browser.newPage({ viewport });
    await page.goto(`http://localhost:4417/chapters/${process.env.CH ?? 'autodiff'}/#${id}`);
    const out = [];
    for (const t of [0, 300, 600, 1000, 2000, 4000]) {
      await page.waitForTimeout(t - (out.at(-1)?.[0] ?? 0));
      out.push([t, Math.round(await page.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().height))]);
    }
    console.log(device, id, out.map(([t, h]) => `${t}:${h}`).join(' '));
    await page.close();
  }
}
await browser.close(); server.close();
