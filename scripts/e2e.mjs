#!/usr/bin/env node
/**
 * Browser tests: check that Chromium is there, (re)build the exported site
 * at the root (`out/`) and below a base path (`out-base/`) when their
 * inputs changed, then run Playwright. Extra arguments go to Playwright.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BASE_PATH = '/course/ml';

if (!existsSync(chromium)) {
  console.error(
    `Chromium was not found at ${chromium}.\n` +
      'Install Debian\'s package: apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation\n' +
      'or point CHROMIUM_PATH at a Chromium binary.',
  );
  process.exit(1);
}

const INPUTS = ['app', 'components', 'content', 'engine', 'workers', 'public', 'scripts', 'mdx-components.tsx', 'next.config.mjs', 'package-lock.json', 'tsconfig.json'];

function* filesUnder(p) {
  if (!existsSync(p)) return;
  if (statSync(p).isFile()) {
    yield p;
    return;
  }
  for (const entry of readdirSync(p).sort()) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    yield* filesUnder(path.join(p, entry));
  }
}

function inputHash(basePath) {
  const hash = createHash('sha256').update(`base=${basePath}\n`);
  for (const input of INPUTS) {
    for (const file of filesUnder(path.join(root, input))) {
      hash.update(path.relative(root, file)).update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

const stampOf = (dir) => path.join(root, dir, '.build-hash');
const isFresh = (dir, hash) => existsSync(stampOf(dir)) && readFileSync(stampOf(dir), 'utf8') === hash;

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function build(dir, basePath) {
  const hash = inputHash(basePath);
  if (isFresh(dir, hash)) {
    console.log(`e2e: ${dir}/ is up to date.`);
    return;
  }
  console.log(`e2e: building ${dir}/ (base path "${basePath || '/'}")…`);
  // `next build` always exports to out/: keep the other variant aside meanwhile.
  const parked = path.join(root, '.out-parked');
  rmSync(parked, { recursive: true, force: true });
  if (dir !== 'out' && existsSync(path.join(root, 'out'))) renameSync(path.join(root, 'out'), parked);
  run('npx', ['next', 'build'], { BASE_PATH: basePath });
  run('node', ['scripts/search-index.mjs']); // the search index, into out/pagefind/
  // The Content Security Policy of each page, as `npm run build` writes it.
  run('node', ['scripts/postbuild.mjs', 'out']);
  // Last step of a build: the service worker's version and precache list see the final files.
  run('node', ['scripts/sw-manifest.mjs', '--dir', 'out'], { BASE_PATH: basePath });
  writeFileSync(path.join(root, 'out', '.build-hash'), hash);
  if (dir !== 'out') {
    rmSync(path.join(root, dir), { recursive: true, force: true });
    renameSync(path.join(root, 'out'), path.join(root, dir));
    if (existsSync(parked)) renameSync(parked, path.join(root, 'out'));
  }
}

build('out-base', BASE_PATH);
build('out', '');
run('npx', ['playwright', 'test', ...process.argv.slice(2)]);
