#!/usr/bin/env node
/**
 * Training soak: in Chromium, each training widget trains at its fastest
 * pace for N minutes (10 by default) on its embed page, and every minute we
 * read, after a forced garbage collection, the training worker's JS heap
 * and array buffers and its engine's memory (wasm linear memory, the tensor
 * heap's top, the bytes of live tensors), the page's JS heap and array
 * buffers (the frames' typed arrays land there), and over the minute the steps
 * per second, frames per second and main-thread long tasks (> 50 ms). A run
 * that stops at its step budget is reset and played again, so the soak also
 * opens and closes runs. Needs a built site in out/ (`npm run build`).
 *
 *   npm run soak [-- --minutes 10] [-- --widget cnn-trainer,playground] [-- --dir out] [-- --json soak-results.json]
 *
 * Verdict per widget, on the samples from minute 1 on (minute 0 is taken
 * after a few seconds of warm-up, while caches and JIT code still grow):
 * - memory flat: neither JS heap (worker, page) nor their array buffers has
 *   a floor that rises, i.e. the lowest reading of the run's second half
 *   exceeds the lowest of its first half by more than 10% and more than
 *   1 MiB. The floor, not the spread: after a collection a heap still holds
 *   frames in flight and compiled code, and on a loaded machine it wanders
 *   by 1–2 MB from minute to minute without trending (a 10-minute run here
 *   read the page heap between 5.7 and 7.3 MB, lowest at minute 8); a leak
 *   raises the floor (judged on runs of 4 minutes or more: with fewer
 *   readings a half's lowest is one reading's noise). The wasm memory, which grows by whole 64 KiB pages
 *   and never shrinks, must not grow at all after minute 1, and the live
 *   tensors' bytes (the engine's exact count) must never exceed minute 1's;
 * - frames/s steady: no minute below 80% of minute 1's;
 * - no long tasks on the main thread.
 * Exits non-zero if any widget fails any of them. Results go to a JSON file
 * and a Markdown summary is printed for the README.
 */
import type { CDPSession, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WIDGETS } from '../components/widgets/kit/catalog';
import type { AnyWidget } from '../components/widgets/kit/define';
import { defaultsOf } from '../components/widgets/kit/schema';
import { encodeState } from '../components/widgets/kit/url-codec';
import type { MemoryReport } from '../workers/backend';
import { openSite } from './site-browser';
import { KB, MB, verdict, type Sample } from './soak-verdict';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}
const minutes = Number(option('minutes') ?? 10);
const only = option('widget')?.split(',');
const dir = path.resolve(option('dir') ?? path.join(root, 'out'));
const jsonPath = path.resolve(option('json') ?? path.join(root, 'soak-results.json'));
if (!(minutes > 0)) throw new Error('--minutes must be a positive number (fractions are fine: --minutes 0.5)');

const MINUTE_MS = 60_000;
const WARM_UP_MS = 5_000;

/** Frames and long tasks on the main thread (a string: tsx would add helpers the page lacks to a function). */
const RECORDER = `
  window.__soak = { longTasks: [], frames: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__soak.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: false });
  const tick = () => { window.__soak.frames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
`;

interface WidgetResult {
  widget: string;
  path: string;
  samples: Sample[];
  problems: string[];
}

/**
 * The page's dedicated workers, reached through the DevTools protocol: its
 * own CDP session auto-attaches to each (non-flat sessions, so that plain
 * Target.sendMessageToTarget carries the calls) as the pool spawns them.
 */
class Workers {
  private sessions = new Set<string>();
  private pending = new Map<number, (reply: { result?: unknown; error?: { message: string } }) => void>();
  private nextId = 1;

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') this.sessions.add(e.sessionId);
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      if (e.sessionId) this.sessions.delete(e.sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const message = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      const resolve = message.id === undefined ? undefined : this.pending.get(message.id);
      if (resolve) {
        this.pending.delete(message.id!);
        resolve(message);
      }
    });
  }

  static async of(page: Page): Promise<Workers> {
    const cdp = await page.context().newCDPSession(page);
    const workers = new Workers(cdp);
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return workers;
  }

  private call<T>(sessionId: string, method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (reply) => (reply.error ? reject(new Error(`${method}: ${reply.error.message}`)) : resolve(reply.result as T)));
      this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  }

  /** Every worker's heap after a collection and its engine's memory (workers without the probe are skipped). */
  async measure(): Promise<{ heap: number; buffers: number; engine: (MemoryReport & { runs: number })[] }> {
    let heap = 0;
    let buffers = 0;
    const engine: (MemoryReport & { runs: number })[] = [];
    for (const s of this.sessions) {
      const probe = await this.call<{ result: { value?: MemoryReport & { runs: number } } }>(s, 'Runtime.evaluate', {
        expression: 'self.__lookingGlass?.memory?.()',
        awaitPromise: true,
        returnByValue: true,
      });
      if (!probe.result.value) continue;
      engine.push(probe.result.value);
      await this.call(s, 'HeapProfiler.collectGarbage');
      const usage = await this.call<{ usedSize: number; backingStorageSize?: number }>(s, 'Runtime.getHeapUsage');
      heap += usage.usedSize;
      buffers += usage.backingStorageSize ?? 0;
    }
    return { heap, buffers, engine };
  }
}

/** The embed page at the widget's fastest pace (its `sp` parameter at the maximum; widgets without one run flat out). */
function soakPath(w: AnyWidget): string {
  const state = { ...defaultsOf(w.schema) } as Record<string, unknown>;
  const pace = Object.entries(w.schema.params).find(([, p]) => (p as { key: string }).key === 'sp');
  if (pace) state[pace[0]] = (pace[1] as { max: number }).max;
  return `embed/${w.name}/?${w.name}=${encodeState(w.schema, state as never)}`;
}


async function soak(browser: import('@playwright/test').Browser, base: string, w: AnyWidget): Promise<WidgetResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.addInitScript({ content: RECORDER });
  const workers = await Workers.of(page);
  const pagePath = soakPath(w);
  await page.goto(new URL(pagePath, base).href);
  const widget = page.locator(`[data-widget="${w.name}"]`);
  const state = () => widget.getAttribute('data-run-state');
  const step = async () => Number(await widget.getAttribute('data-step'));
  await widget.locator('button[data-action="play"]').click();
  // A widget with a data set downloads it first (from the exported site), so allow it a while.
  await page.waitForFunction((name) => document.querySelector(`[data-widget="${name}"]`)?.getAttribute('data-run-state') === 'training', w.name, { timeout: 180_000 });
  await page.waitForTimeout(WARM_UP_MS);

  const pageCdp = await context.newCDPSession(page);
  const samples: Sample[] = [];
  let restarts = 0;
  let stepsTrained = 0;
  let trainedMs = 0;
  let lastStep = await step();
  // Long tasks that fall while we sample are ours (a forced collection), not the page's.
  const ownWindows: [number, number][] = [];
  let windowStart = await page.evaluate(() => performance.now());
  let framesAtStart = 0;

  const sample = async (minute: number) => {
    const t0 = await page.evaluate(() => performance.now());
    const recorded = await page.evaluate(() => {
      const s = (window as unknown as { __soak: { longTasks: [number, number][]; frames: number } }).__soak;
      const tasks = s.longTasks;
      s.longTasks = [];
      return { tasks, frames: s.frames };
    });
    const tasks = recorded.tasks.filter(([start]) => start >= windowStart && !ownWindows.some(([a, b]) => start >= a - 5 && start <= b + 5));
    ownWindows.length = 0;
    const { heap, buffers, engine } = await workers.measure();
    await pageCdp.send('HeapProfiler.collectGarbage');
    const pageUsage = (await pageCdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    const t1 = await page.evaluate(() => performance.now());
    ownWindows.push([t0, t1]);
    const first = minute === 0;
    samples.push({
      minute,
      workerHeap: heap,
      workerBuffers: buffers,
      pageHeap: pageUsage.usedSize,
      pageBuffers: pageUsage.backingStorageSize ?? 0,
      wasmBytes: engine.reduce((s, e) => s + e.wasmBytes, 0),
      heapTop: engine.reduce((s, e) => s + e.heapBytes, 0),
      tensorBytes: engine.reduce((s, e) => s + e.bytesInUse, 0),
      runs: engine.reduce((s, e) => s + e.runs, 0),
      backend: [...new Set(engine.map((e) => e.backend))].join('+'),
      stepsPerSec: first || trainedMs === 0 ? null : Math.round((stepsTrained * 1000) / trainedMs),
      framesPerSec: first ? null : +(((recorded.frames - framesAtStart) * 1000) / (t0 - windowStart)).toFixed(1),
      longTasks: first ? null : tasks.filter(([, d]) => d > 50).length,
      longestTaskMs: first ? null : tasks.length ? Math.round(Math.max(...tasks.map(([, d]) => d))) : 0,
      restarts,
    });
    framesAtStart = recorded.frames;
    windowStart = t0;
    stepsTrained = 0;
    trainedMs = 0;
    const s = samples.at(-1)!;
    console.log(
      `  ${w.name} minute ${minute}: worker heap ${MB(s.workerHeap)} MB, wasm ${MB(s.wasmBytes)} MB (heap top ${MB(s.heapTop)}, tensors ${KB(s.tensorBytes)} kB, ${s.runs} runs), worker buffers ${MB(s.workerBuffers)} MB, page heap ${MB(s.pageHeap)} MB, page buffers ${MB(s.pageBuffers)} MB` +
        (first ? '' : `, ${s.stepsPerSec} steps/s, ${s.framesPerSec} frames/s, ${s.longTasks} long tasks (longest ${s.longestTaskMs} ms), ${restarts} restarts`),
    );
  };

  /** Keeps it training: a run at its step budget is reset and played again. Resolves once it trains. */
  const keepTraining = async () => {
    for (let tries = 0; ; tries++) {
      const now = await state();
      if (now === 'training') return;
      if (now === 'diverged' || now === 'error') throw new Error(`${w.name}: the run ended "${now}" during the soak`);
      if (tries > 600) throw new Error(`${w.name}: stuck in "${now}"`);
      if (now === 'paused') {
        await widget.locator('button[data-action="reset"]').click();
        await page.waitForFunction((name) => document.querySelector(`[data-widget="${name}"]`)?.getAttribute('data-run-state') === 'idle', w.name);
        await widget.locator('button[data-action="play"]').click();
        restarts++;
        lastStep = 0;
      }
      await page.waitForTimeout(100);
    }
  };

  const start = Date.now();
  await sample(0);
  for (let minute = 1; minute <= Math.ceil(minutes); minute++) {
    const due = start + Math.min(minute, minutes) * MINUTE_MS;
    while (Date.now() < due) {
      const before = Date.now();
      await page.waitForTimeout(Math.min(500, Math.max(0, due - Date.now())));
      const [now, current] = await Promise.all([state(), step()]);
      if (now === 'training' && current >= lastStep) {
        trainedMs += Date.now() - before;
        stepsTrained += current - lastStep;
      }
      lastStep = current;
      if (now !== 'training') await keepTraining();
    }
    await keepTraining();
    await sample(Math.min(minute, minutes));
  }
  await context.close();
  problems.push(...verdict(samples));
  return { widget: w.name, path: pagePath, samples, problems };
}

const chosen = WIDGETS.filter((w) => w.run && (!only || only.includes(w.name)));
if (chosen.length === 0) throw new Error(`No training widget is named ${only}`);
const { base, browser, close } = await openSite(dir);
console.log(`Soak: ${chosen.length} widget(s), ${minutes} minute(s) each, site ${dir}, Chromium ${browser.version()}`);
const results: WidgetResult[] = [];
for (const w of chosen) {
  try {
    results.push(await soak(browser, base, w));
  } catch (err) {
    results.push({ widget: w.name, path: soakPath(w), samples: [], problems: [err instanceof Error ? err.message : String(err)] });
  }
}
await close();

const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'})`;
const date = new Date().toISOString().slice(0, 10);
writeFileSync(jsonPath, `${JSON.stringify({ date, machine, chromium: browser.version(), minutes, results }, null, 2)}\n`);

for (const r of results) {
  console.log(`\n${r.widget} (${r.path})`);
  console.table(
    r.samples.map((s) => ({
      minute: s.minute,
      'worker heap MB': MB(s.workerHeap),
      'wasm MB': MB(s.wasmBytes),
      'tensors kB': KB(s.tensorBytes),
      'worker buffers MB': MB(s.workerBuffers),
      'page heap MB': MB(s.pageHeap),
      'page buffers MB': MB(s.pageBuffers),
      'steps/s': s.stepsPerSec,
      'frames/s': s.framesPerSec,
      'long tasks': s.longTasks,
      'longest ms': s.longestTaskMs,
      restarts: s.restarts,
    })),
  );
  console.log(r.problems.length ? `  FAIL: ${r.problems.join('; ')}` : '  flat, steady, no long tasks');
}

// For the README: one row per widget, minute 1 → the last minute.
const range = (values: number[], fmt: (n: number) => string) => (values.length ? `${fmt(values[0])} → ${fmt(values.at(-1)!)}` : '—');
console.log(`\nSummary (${date}, ${machine}, ${minutes} min per widget; JSON in ${path.relative(root, jsonPath)}):\n`);
console.log('| widget | worker heap MB | wasm MB | live tensors kB | page heap MB | steps/s | frames/s | long tasks | verdict |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  const settled = r.samples.filter((s) => s.minute > 0);
  const numbers = (pick: (s: Sample) => number | null) => settled.map(pick).filter((v): v is number => v !== null);
  const median = (v: number[]) => (v.length ? [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] : NaN);
  console.log(
    `| ${r.widget} | ${range(numbers((s) => s.workerHeap), MB)} | ${range(numbers((s) => s.wasmBytes), MB)} | ${range(numbers((s) => s.tensorBytes), KB)} | ${range(numbers((s) => s.pageHeap), MB)} | ${median(numbers((s) => s.stepsPerSec))} | ${median(numbers((s) => s.framesPerSec))} | ${numbers((s) => s.longTasks).reduce((a, b) => a + b, 0)} | ${r.problems.length ? `**${r.problems.join('; ')}**` : 'flat'} |`,
  );
}
process.exit(results.some((r) => r.problems.length) ? 1 : 0);
