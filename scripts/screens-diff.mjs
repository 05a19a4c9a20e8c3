#!/usr/bin/env node
/**
 * "No visible change" check for refactors: serves two exported sites (say, a
 * copy of out/ from before a change and out/ after it), takes the same
 * screenshots of both in Chromium and counts the pixels that differ.
 *
 *   node scripts/screens-diff.mjs --before ../before-out --after out [--steps 3] [path …]
 *
 * Paths default to the home page, every chapter (full page, widgets scrolled
 * into view so they load) and every widget's embed page. Each is shot at
 * desktop and phone width, light and dark. Widgets are shot at rest and, with
 * --steps N, again after pressing Step N times (runs are deterministic, so
 * the pictures must match). Shots that differ are written with a diff image
 * to .screens/diff/. Exits 1 when any shot differs.
 */
import { chromium } from '@playwright/test';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args.splice(at, 2)[1] : fallback;
};
const beforeDir = path.resolve(option('before', ''));
const afterDir = path.resolve(option('after', path.join(root, 'out')));
const steps = Number(option('steps', '3'));
const outDir = path.join(root, '.screens/diff');

/** The home page, every chapter and every embed the exported site has (its folders). */
function defaultPaths() {
  const folders = (dir) => readdirSync(path.join(afterDir, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${dir}/${e.name}/`);
  return ['', ...folders('chapters'), ...folders('embed')];
}

async function serve(dir) {
  const server = createServer({ root: dir });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://localhost:${server.address().port}/` };
}

async function shootOnce(browser, url, viewport, theme, stepCount) {
  const context = await browser.newContext({ viewport, colorScheme: theme, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  // Bring every widget near the screen so it loads, then back to the top. Wait for
  // each slot to take its widget: on a long chapter one frame can outlast the
  // scroll, and a slot scrolled past unseen would load during the shot, or not at all.
  for (const slot of await page.locator('[data-widget-slot]').all()) {
    await slot.scrollIntoViewIfNeeded();
    await slot.locator('[data-widget]').waitFor({ state: 'attached' });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(2500);
  if (stepCount > 0) {
    for (const widget of await page.locator('[data-widget]').all()) {
      const step = widget.locator('button[data-action="step"]');
      if (!(await step.count())) continue;
      for (let i = 0; i < stepCount; i++) {
        await step.click();
        await page.waitForTimeout(150);
      }
    }
    await page.waitForTimeout(1500);
  }
  // Carets and focus rings would differ by timing alone.
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  // A full chapter (some 18,000 px tall) takes over 30 s to capture on two cores.
  const png = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide', timeout: 180_000 });
  await context.close();
  return png;
}

/** A screenshot, tried again once if the machine was too busy to finish it in time. */
async function shoot(...args) {
  try {
    return await shootOnce(...args);
  } catch (err) {
    if (err?.name !== 'TimeoutError') throw err;
    console.log(`(slow: ${err.message.split('\n')[0]}; trying again)`);
    return shootOnce(...args);
  }
}

/** Differing pixels between two PNGs, counted in the browser (no image library needed). */
async function compare(page, a, b, diffPath) {
  const result = await page.evaluate(
    async ([a64, b64]) => {
      const load = async (b64) => createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const [ia, ib] = await Promise.all([load(a64), load(b64)]);
      const w = Math.max(ia.width, ib.width);
      const h = Math.max(ia.height, ib.height);
      const read = (img) => {
        const c = new OffscreenCanvas(w, h);
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, w, h);
      };
      const da = read(ia).data;
      const db = read(ib).data;
      const wa = new Uint32Array(da.buffer);
      const wb = new Uint32Array(db.buffer);
      const out = new ImageData(w, h);
      const o = out.data;
      let differ = 0;
      let [x0, y0, x1, y1] = [w, h, -1, -1];
      for (let p = 0; p < wa.length; p++) {
        const i = 4 * p;
        // A channel off by more than 8 of 255 counts; equal words are the common case.
        const same =
          wa[p] === wb[p] ||
          (Math.abs(da[i] - db[i]) <= 8 && Math.abs(da[i + 1] - db[i + 1]) <= 8 && Math.abs(da[i + 2] - db[i + 2]) <= 8 && Math.abs(da[i + 3] - db[i + 3]) <= 8);
        if (same) {
          o[i] = da[i];
          o[i + 1] = da[i + 1];
          o[i + 2] = da[i + 2];
          o[i + 3] = 40;
        } else {
          differ++;
          const x = p % w;
          const y = (p - x) / w;
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
          o[i] = 255;
          o[i + 3] = 255;
          o[i + 2] = 80;
        }
      }
      const png = async (canvas) => {
        const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
        let s = '';
        for (const x of bytes) s += String.fromCharCode(x);
        return btoa(s);
      };
      let diff = null;
      let crop = null;
      if (differ) {
        const c = new OffscreenCanvas(w, h);
        c.getContext('2d').putImageData(out, 0, 0);
        diff = await png(c);
        // Before | after | difference, around where they differ: small enough to look at.
        const m = 40;
        const cx = Math.max(0, x0 - m);
        const cy = Math.max(0, y0 - m);
        const cw = Math.min(w, x1 + m) - cx;
        const ch = Math.min(h, y1 + m, cy + 1200) - cy;
        const side = new OffscreenCanvas(3 * cw + 20, ch);
        const ctx = side.getContext('2d');
        ctx.fillStyle = '#f0f';
        ctx.fillRect(0, 0, side.width, side.height);
        ctx.drawImage(ia, cx, cy, cw, ch, 0, 0, cw, ch);
        ctx.drawImage(ib, cx, cy, cw, ch, cw + 10, 0, cw, ch);
        ctx.drawImage(c, cx, cy, cw, ch, 2 * cw + 20, 0, cw, ch);
        crop = { png: await png(side), box: [cx, cy, cw, ch] };
      }
      return { differ, sizes: [ia.width, ia.height, ib.width, ib.height], diff, crop };
    },
    [a.toString('base64'), b.toString('base64')],
  );
  if (result.diff) {
    writeFileSync(diffPath, Buffer.from(result.diff, 'base64'));
    writeFileSync(diffPath.replace(/\.png$/, '-crop.png'), Buffer.from(result.crop.png, 'base64'));
  }
  return result;
}

if (!beforeDir) {
  console.error('screens-diff: give --before <exported site> (and --after, default out/)');
  process.exit(2);
}
const paths = args.length ? args : defaultPaths();
mkdirSync(outDir, { recursive: true });
const [before, after] = await Promise.all([serve(beforeDir), serve(afterDir)]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const scratch = await browser.newPage();
const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 740 } };
let failures = 0;
const rows = [];
for (const p of paths) {
  for (const [vpName, viewport] of Object.entries(viewports)) {
    for (const theme of ['light', 'dark']) {
      for (const stepCount of steps > 0 && p.startsWith('embed/') ? [0, steps] : [0]) {
        const name = `${(p || 'home').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}-${vpName}-${theme}${stepCount ? `-step${stepCount}` : ''}`;
        const [a, b] = [await shoot(browser, before.base + p, viewport, theme, stepCount), await shoot(browser, after.base + p, viewport, theme, stepCount)];
        const r = await compare(scratch, a, b, path.join(outDir, `${name}.png`));
        if (r.differ) {
          failures++;
                writeFileSync(path.join(outDir, `${name}-before.png`), a);
          writeFileSync(path.join(outDir, `${name}-after.png`), b);
        }
        rows.push({ shot: name, 'pixels that differ': r.differ, size: r.sizes[0] === r.sizes[2] && r.sizes[1] === r.sizes[3] ? `${r.sizes[0]}×${r.sizes[1]}` : `${r.sizes[0]}×${r.sizes[1]} → ${r.sizes[2]}×${r.sizes[3]}` });
        console.log(`${r.differ ? 'DIFFERS' : 'same   '} ${name} (${r.differ} px${r.crop ? `, around x ${r.crop.box[0]}–${r.crop.box[0] + r.crop.box[2]}, y ${r.crop.box[1]}–${r.crop.box[1] + r.crop.box[3]}` : ''})`);
      }
    }
  }
}
await browser.close();
before.server.close();
after.server.close();
console.log(`\n${rows.length - failures} of ${rows.length} shots identical${failures ? `; differences in ${path.relative(root, outDir)}/` : ''}`);
process.exit(failures ? 1 : 0);
