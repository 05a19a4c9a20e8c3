#!/usr/bin/env node
/**
 * UI benchmark: in Chromium, open a page with a widget, press play, and for
 * 10 s record main-thread long tasks (PerformanceObserver), frames per
 * second (requestAnimationFrame) and training steps per second (the
 * widget's data-step). Needs a built site in out/ (`npm run build`); a
 * widget's scenarios are the `bench` field of its widget.ts.
 *
 *   npm run bench:ui [-- --seconds 10] [-- --dir other-out] [-- scenario-name …]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchScenarios } from '../components/widgets/kit/catalog';
import { openSite } from './site-browser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const secondsAt = args.indexOf('--seconds');
const seconds = secondsAt >= 0 ? Number(args.splice(secondsAt, 2)[1]) : 10;
const dirAt = args.indexOf('--dir');
const dir = dirAt >= 0 ? path.resolve(args.splice(dirAt, 2)[1]) : path.join(root, 'out');

/** Every widget's scenarios, from its widget.ts (`bench`), in the order of components/widgets/index.ts. */
/** What the page records while a scenario runs (set up before the page's own scripts). */
declare global {
  interface Window {
    __bench: { longTasks: number[]; frames: number; recording: boolean };
  }
}

/**
 * Long tasks and animation frames, counted while `recording`. A string, not a
 * function: tsx would rewrite a function's body with helpers the page lacks.
 */
const RECORDER = `
  window.__bench = { longTasks: [], frames: 0, recording: false };
  new PerformanceObserver((list) => {
    if (!window.__bench.recording) return;
    for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
  const tick = () => {
    if (window.__bench.recording) window.__bench.frames++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

/** Every widget's scenarios, from its widget.ts (`bench`). */
const SCENARIOS = benchScenarios();

const chosen = args.length ? SCENARIOS.filter((s) => args.some((a) => s.name.includes(a))) : SCENARIOS;
const { base, browser, close } = await openSite(dir);

const rows: Record<string, string | number | null>[] = [];
for (const scenario of chosen) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript({ content: RECORDER });
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
  const readouts: Record<string, number | null> = {};
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
await close();
console.table(rows);
