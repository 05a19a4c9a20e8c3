#!/usr/bin/env node
/**
 * UI benchmark: in Chromium, open a page with a widget, press play, and for
 * 10 s record main-thread long tasks (PerformanceObserver), frames per
 * second (requestAnimationFrame) and training steps per second (the
 * widget's data-step). Needs a built site in out/ (`npm run build`).
 *
 *   npm run bench:ui [-- --seconds 10] [-- scenario-name …]
 */
import { chromium } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const secondsAt = args.indexOf('--seconds');
const seconds = secondsAt >= 0 ? Number(args.splice(secondsAt, 2)[1]) : 10;

/** Each widget adds its scenarios here. */
export const SCENARIOS = [
  {
    name: 'descent-playground (ravine, 3 optimisers, fastest pace: 1000 steps/s cap)',
    path: 'chapters/learning/?descent-playground=v.1~sp.1000#descent-playground',
    widget: 'descent-playground',
  },
  {
    name: 'descent-playground (ravine, default pace 30 steps/s)',
    path: 'chapters/learning/#descent-playground',
    widget: 'descent-playground',
  },
  {
    name: 'universal-bins (default: sine, B = 8, 300 steps/s)',
    path: 'embed/universal-bins/',
    widget: 'universal-bins',
  },
  {
    name: 'universal-bins (sine, B = 50: 100 units, pace cap 10000 steps/s)',
    path: 'embed/universal-bins/?universal-bins=v.1~b.50~sp.10000',
    widget: 'universal-bins',
  },
  {
    name: 'fit-a-line (noisy line, 24 points, squared loss, fastest pace: 1000 steps/s cap)',
    path: 'chapters/linear/?fit-a-line=v.1~pts.-1.73,-1.61_-1.62,-0.12_-1.37,0.02_-1.33,-0.57_-1.07,-0.5_-0.96,-0.74_-0.9,-0.5_-0.73,0.16_-0.51,-0.24_-0.35,-0.03_-0.21,0.11_-0.02,0.61_0.07,0.48_0.29,0.75_0.3,0.61_0.56,0.62_0.61,0.65_0.75,2.1_1.01,1.64_1.11,0.86_1.33,2.05_1.48,1.08_1.54,0.93_1.7,2.72~sp.1000#fit-a-line',
    widget: 'fit-a-line',
  },
  {
    name: 'fit-a-line (clean line, Huber loss, default pace 60 steps/s)',
    path: 'chapters/linear/?fit-a-line=v.1~loss.huber#fit-a-line',
    widget: 'fit-a-line',
  },
  {
    name: 'loss-surface (points shared with fit-a-line, ravine data, fastest pace: 1000 steps/s cap)',
    path: 'chapters/linear/?loss-surface=v.1~sp.1000~lr.0.3&fit-a-line=v.1~pts.0.67,-0.23_0.75,0.03_0.83,0.09_0.89,0.23_1,0.06_1.04,0.34_1.11,0.07_1.2,0.55_1.26,0.43_1.34,0.61_1.46,0.6_1.52,0.35_1.61,0.88_1.7,0.84_1.81,0.75_1.83,1.08#loss-surface',
    widget: 'loss-surface',
  },
  {
    name: 'loss-surface (alone in its embed, default pace 30 steps/s)',
    path: 'embed/loss-surface/',
    widget: 'loss-surface',
  },
  {
    name: 'classifier-2d (three blobs, softmax regression, fastest pace: 1000 steps/s cap)',
    path: 'chapters/logistic/?classifier-2d=v.1~ds.blobs3~sp.1000#classifier-2d',
    widget: 'classifier-2d',
  },
  {
    name: 'classifier-2d (two blobs, 400 points, default pace 60 steps/s)',
    path: 'chapters/logistic/?classifier-2d=v.1~n.400#classifier-2d',
    widget: 'classifier-2d',
  },
  {
    name: 'playground (spiral, 6 × 8 tanh, lr 0.03, batch 10, pace cap 10000 steps/s)',
    path: 'chapters/mlp/?playground=v.1~w.8_8_8_8_8_8~opt.sgd~lr.0.03~b.10~sp.10000#playground',
    widget: 'playground',
    readouts: { epochs: [':scope', 'data-epoch'], 'test loss at end': ['[data-readout]', 'data-test-loss'] },
  },
  {
    name: 'playground (spiral, 6 × 32 tanh, lr 0.03, batch 10, pace cap 10000 steps/s)',
    path: 'chapters/mlp/?playground=v.1~w.32_32_32_32_32_32~opt.sgd~lr.0.03~b.10~sp.10000#playground',
    widget: 'playground',
    readouts: { epochs: [':scope', 'data-epoch'], 'test loss at end': ['[data-readout]', 'data-test-loss'] },
  },
  {
    // The same run on the TypeScript kernels: the wasm kernels' effect in the page.
    name: 'playground (spiral, 6 × 32 tanh, lr 0.03, batch 10, pace cap 10000 steps/s, TypeScript kernels)',
    path: 'chapters/mlp/?backend=js&playground=v.1~w.32_32_32_32_32_32~opt.sgd~lr.0.03~b.10~sp.10000#playground',
    widget: 'playground',
    readouts: { epochs: [':scope', 'data-epoch'], 'test loss at end': ['[data-readout]', 'data-test-loss'] },
  },
];

const chosen = args.length ? SCENARIOS.filter((s) => args.some((a) => s.name.includes(a))) : SCENARIOS;
const server = createServer({ root: path.join(root, 'out') });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://localhost:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const rows = [];
for (const scenario of chosen) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    const w = window;
    w.__bench = { longTasks: [], frames: 0, recording: false };
    new PerformanceObserver((list) => {
      if (!w.__bench.recording) return;
      for (const e of list.getEntries()) w.__bench.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
    const tick = () => {
      if (w.__bench.recording) w.__bench.frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.goto(new URL(scenario.path, base).href);
  const widget = page.locator(`[data-widget="${scenario.widget}"]`);
  await widget.locator('button[data-action="play"]').click();
  await page.waitForFunction((name) => document.querySelector(`[data-widget="${name}"]`)?.getAttribute('data-run-state') === 'training', scenario.widget);
  await page.waitForTimeout(1000); // warm-up
  await page.evaluate(() => (window.__bench.recording = true));
  // Steps per second while training: a run that stops early (a step budget) is timed until it stopped.
  const t0 = Date.now();
  let step0 = Number(await widget.getAttribute('data-step'));
  let trainedMs = 0;
  let stepsTrained = 0;
  while (Date.now() - t0 < seconds * 1000) {
    const before = Date.now();
    await page.waitForTimeout(250);
    const [state, stepText] = await Promise.all([widget.getAttribute('data-run-state'), widget.getAttribute('data-step')]);
    const now = Number(stepText);
    if (state === 'training') {
      trainedMs += Date.now() - before;
      stepsTrained += now - step0;
    }
    step0 = now;
  }
  const result = await page.evaluate(() => ({ ...window.__bench, recording: false }));
  const loss = await widget.getAttribute('data-loss');
  // Widget-specific readouts: [selector inside the widget (':scope' for its root), attribute].
  const readouts = {};
  for (const [label, [selector, attribute]] of Object.entries(scenario.readouts ?? {})) {
    const value = selector === ':scope' ? await widget.getAttribute(attribute) : await widget.locator(selector).first().getAttribute(attribute);
    readouts[label] = value === null || value === '' ? null : Number(Number(value).toPrecision(4));
  }
  const tasks = result.longTasks;
  rows.push({
    scenario: scenario.name,
    'frames/s': +(result.frames / seconds).toFixed(1),
    'steps/s': trainedMs > 0 ? Math.round((stepsTrained * 1000) / trainedMs) : 0,
    'long tasks': tasks.length,
    'tasks > 50 ms': tasks.filter((d) => d > 50).length,
    'longest task (ms)': tasks.length ? Math.round(Math.max(...tasks)) : 0,
    'loss at end': loss === '' ? null : Number(Number(loss).toPrecision(4)),
    ...readouts,
  });
  await page.close();
}
await browser.close();
server.close();
console.table(rows);
