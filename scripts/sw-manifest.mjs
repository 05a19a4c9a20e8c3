#!/usr/bin/env node
/**
 * Fills in the service worker of an exported book (out/sw.js, copied there
 * from public/sw.js by `next build`): its BUILD line gets
 *   - version: a hash of every exported file but sw.js itself, so any change
 *     to the site makes a new version (and readers get the reload notice);
 *   - precache: the shell, relative to the site's root: the home page, the
 *     404 page, the scripts and stylesheets those two load, the KaTeX fonts
 *     (woff2 only: every browser with service workers reads woff2) and the
 *     wasm builds;
 *   - pages: each page's path and <title>, for the offline page's list.
 * Run it after `next build` and after anything else that rewrites the
 * exported files (it must see the final bytes):
 *
 *   node scripts/sw-manifest.mjs [--dir out]
 *
 * Running it twice gives the same file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILD_LINE = /^const BUILD = .*; \/\/ @sw-build.*$/m;
/** Files of the export that are not part of the site. */
const SKIP = new Set(['sw.js', '.build-hash']);

/** Every file below dir, as sorted '/'-separated relative paths. */
export function listFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of readdirSync(path.join(dir, rel)).sort()) {
      const child = rel ? `${rel}/${entry}` : entry;
      if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

export function versionOf(files, read) {
  const hash = createHash('sha256');
  for (const file of files) {
    if (SKIP.has(file)) continue;
    hash.update(`${file}\0`).update(read(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The same-site `_next/static/` URLs a page's HTML loads (scripts, stylesheets,
 * preloads), relative to the site's root. `base` is the build's base path.
 */
export function assetsOf(html, base) {
  const found = new Set();
  for (const m of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    let url = m[1].replace(/&amp;/g, '&');
    if (base && url.startsWith(`${base}/`)) url = url.slice(base.length);
    if (url.startsWith('/_next/static/')) found.add(url.slice(1).split(/[?#]/)[0]);
  }
  return [...found];
}

export const titleOf = (html) => {
  const m = html.match(/<title>([^<]*)<\/title>/);
  return m ? m[1].replace(/&amp;/g, '&').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>') : null;
};

/** The BUILD object for an export: `files` as listFiles gives them, `read` a file's bytes. */
export function manifestOf(files, read, base = '') {
  const has = new Set(files);
  const shell = ['', '404.html'].filter((p) => has.has(p ? p : 'index.html'));
  const text = (f) => read(f).toString('utf8');
  const assets = new Set();
  for (const html of ['index.html', '404.html']) if (has.has(html)) for (const a of assetsOf(text(html), base)) if (has.has(a)) assets.add(a);
  for (const f of files) if (f.startsWith('_next/static/') && /\.(woff2|wasm|css)$/.test(f)) assets.add(f);
  if (has.has('icon.svg')) shell.push('icon.svg');
  const pages = {};
  for (const f of files) {
    if (f !== 'index.html' && !f.endsWith('/index.html')) continue;
    const title = titleOf(text(f));
    if (title) pages[f.slice(0, -'index.html'.length)] = title;
  }
  return { version: versionOf(files, read), precache: [...shell, ...[...assets].sort()], pages };
}

/** sw.js with its BUILD line replaced. */
export function inject(source, build) {
  if (!BUILD_LINE.test(source)) throw new Error('sw-manifest: no "const BUILD = …; // @sw-build" line in sw.js');
  return source.replace(BUILD_LINE, () => `const BUILD = ${JSON.stringify(build)}; // @sw-build (written by scripts/sw-manifest.mjs)`);
}

function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--dir');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.resolve(root, at >= 0 ? args[at + 1] : 'out');
  const sw = path.join(dir, 'sw.js');
  if (!existsSync(sw)) throw new Error(`sw-manifest: ${sw} is missing (is public/sw.js there, and did next build run?)`);
  const base = (process.env.BASE_PATH ?? '').replace(/\/+$/, '');
  const files = listFiles(dir);
  const build = manifestOf(files, (f) => readFileSync(path.join(dir, f)), base);
  writeFileSync(sw, inject(readFileSync(sw, 'utf8'), build));
  console.log(`sw-manifest: ${path.relative(root, sw)} version ${build.version}, ${build.precache.length} files to precache, ${Object.keys(build.pages).length} pages`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
