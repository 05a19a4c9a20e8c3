#!/usr/bin/env node
/**
 * Lighthouse (12.x, mobile preset: simulated slow 4G and a 4× slower CPU)
 * against the exported site, the home page and every chapter, N runs each;
 * prints the median of each figure per page.
 *
 *   npm run build && npm run lighthouse
 *   npm run lighthouse -- --dir other-out --runs 5 --only learning --diag --json lh.json
 *
 * --dir      the export to measure (default out/)
 * --runs     runs per page (default 3); the table shows medians
 * --only     just the pages whose path contains this
 * --diag     also print where the main thread went (median run's
 *            mainthread-work-breakdown and bootup-time)
 * --json     write every run's figures to this file
 * --no-gzip  serve files as they are; by default text is sent gzipped, as
 *            any real host does (the numbers otherwise measure the server)
 *
 * The site is served on 127.0.0.1 by this script and Chromium is launched
 * with background networking off: nothing requests another host.
 * Chromium: CHROMIUM_PATH or CHROME_PATH, default /usr/bin/chromium.
 * Not part of `npm test`: the figures depend on the machine and its load.
 */
import http from 'node:http';
import { createReadStream, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { MIME_TYPES, resolveRequest } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argOf = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dir = path.resolve(root, argOf('dir') ?? 'out');
const runs = Number(argOf('runs') ?? 3);
const only = argOf('only');
const diag = process.argv.includes('--diag');
const gzip = !process.argv.includes('--no-gzip');
const jsonOut = argOf('json');
const chromePath = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';

if (!existsSync(path.join(dir, 'index.html'))) {
  console.error(`No exported site in ${dir}. Run \`npm run build\` first.`);
  process.exit(1);
}

const COMPRESSIBLE = /\.(html|js|mjs|css|json|txt|svg|map)$/;

/** The static server of scripts/serve.mjs, plus gzip for text when asked (Cache-Control as there). */
function serve() {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const found = await resolveRequest(dir, '', url.pathname);
    if (found.kind === 'redirect') return void res.writeHead(308, { Location: found.location }).end();
    if (found.kind !== 'file') return void res.writeHead(404).end();
    const type = MIME_TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream';
    const immutable = found.file.includes(`${path.sep}_next${path.sep}static${path.sep}`);
    const zip = gzip && COMPRESSIBLE.test(found.file) && /\bgzip\b/.test(String(req.headers['accept-encoding']));
    res.writeHead(200, {
      'Content-Type': type,
      ...(zip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : { 'Content-Length': found.size }),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    const stream = createReadStream(found.file);
    if (zip) stream.pipe(createGzip()).pipe(res);
    else stream.pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const pages = ['/', ...readdirSync(path.join(dir, 'chapters')).filter((d) => existsSync(path.join(dir, 'chapters', d, 'index.html'))).map((d) => `/chapters/${d}/`)].filter(
  (p) => !only || p.includes(only),
);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const all = [];
const rows = [];
try {
  for (const page of pages) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      // A fresh browser per run: no warm caches or compiled code carried over.
      const chrome = await chromeLauncher.launch({
        chromePath,
        chromeFlags: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
        ],
      });
      try {
        const { lhr } = await lighthouse(`${origin}${page}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
        });
        if (lhr.runtimeError) throw new Error(`${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const a = lhr.audits;
        const r = {
          page,
          performance: lhr.categories.performance.score,
          accessibility: lhr.categories.accessibility.score,
          bestPractices: lhr.categories['best-practices'].score,
          fcp: a['first-contentful-paint'].numericValue,
          lcp: a['largest-contentful-paint'].numericValue,
          tbt: a['total-blocking-time'].numericValue,
          cls: a['cumulative-layout-shift'].numericValue,
          si: a['speed-index'].numericValue,
          mainThread: a['mainthread-work-breakdown'].numericValue,
          bootup: a['bootup-time'].numericValue,
          breakdown: a['mainthread-work-breakdown'].details?.items?.map((x) => [x.groupLabel ?? x.group, Math.round(x.duration)]),
          scripts: a['bootup-time'].details?.items?.slice(0, 6).map((x) => [x.url.replace(origin, ''), Math.round(x.total), Math.round(x.scripting)]),
          failing: Object.values(a)
            .filter((x) => x.score !== null && x.score < 1 && ['accessibility', 'best-practices'].some((c) => lhr.categories[c].auditRefs.some((ref) => ref.id === x.id && ref.weight > 0)))
            .map((x) => x.id),
        };
        results.push(r);
        all.push(r);
        process.stderr.write(`${page} run ${i + 1}/${runs}: performance ${r.performance}, TBT ${Math.round(r.tbt)} ms, LCP ${Math.round(r.lcp)} ms\n`);
      } finally {
        await chrome.kill();
      }
    }
    const m = (k) => median(results.map((r) => r[k]));
    const row = { page, performance: m('performance'), tbt: m('tbt'), lcp: m('lcp'), fcp: m('fcp'), cls: m('cls'), si: m('si'), mainThread: m('mainThread'), accessibility: m('accessibility'), bestPractices: m('bestPractices') };
    rows.push(row);
    if (diag) {
      const mid = [...results].sort((a, b) => a.performance - b.performance)[Math.floor(results.length / 2)];
      console.log(`\n${page} (run with performance ${mid.performance}): main thread ${Math.round(mid.mainThread)} ms`);
      for (const [label, ms] of mid.breakdown ?? []) console.log(`  ${String(ms).padStart(6)} ms  ${label}`);
      console.log('  scripts (total / scripting ms):');
      for (const [url, total, scripting] of mid.scripts ?? []) console.log(`  ${String(total).padStart(6)} ${String(scripting).padStart(6)}  ${url}`);
      if (mid.failing.length) console.log(`  failing a11y/best-practice audits: ${mid.failing.join(', ')}`);
    }
  }
} finally {
  server.close();
}

const fmt = (x, d = 0) => x.toFixed(d);
console.log(`\nLighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile preset, median of ${runs} run(s), ${dir}${gzip ? ' (text served gzipped)' : ''}\n`);
console.log('| page | performance | TBT ms | LCP ms | FCP ms | CLS | speed index ms | main thread ms | accessibility | best practices |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.page} | ${fmt(r.performance, 2)} | ${fmt(r.tbt)} | ${fmt(r.lcp)} | ${fmt(r.fcp)} | ${fmt(r.cls, 3)} | ${fmt(r.si)} | ${fmt(r.mainThread)} | ${fmt(r.accessibility, 2)} | ${fmt(r.bestPractices, 2)} |`,
  );
}
if (jsonOut) writeFileSync(path.resolve(jsonOut), JSON.stringify({ runs: all, medians: rows }, null, 2));
