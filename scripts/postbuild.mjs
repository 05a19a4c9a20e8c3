#!/usr/bin/env node
/**
 * The book's Content Security Policy, page by page. After `next build`,
 * this walks the exported HTML and writes into each page's <head> a
 *
 *   <meta http-equiv="Content-Security-Policy" content="…">
 *
 * whose script-src allows the site's own files, WebAssembly compilation
 * ('wasm-unsafe-eval', never 'unsafe-eval') and exactly the inline scripts
 * of that page, by their sha256 hashes (Next's RSC payload
 * `self.__next_f.push(…)` scripts, its chunk list, the theme boot script).
 * Nothing in the book asks another host for anything: every fetch
 * directive is 'self'. Styles allow 'unsafe-inline' (KaTeX and the widgets
 * position with style attributes). `frame-ancestors` cannot be set in a
 * meta policy: hosts that embed the book decide it in their headers.
 *
 *   node scripts/postbuild.mjs [dir]              rewrite every .html below dir (default out/); re-running replaces the tag
 *   node scripts/postbuild.mjs --print-policy [page.html]
 *                                                 print the policy of one exported page (default out/index.html)
 *   node scripts/postbuild.mjs --print-worker-policy
 *                                                 print the policy for every other response (the training worker's)
 *
 * `scripts/serve.mjs --csp` sends the same policies as headers.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every directive but script-src's hashes. A dedicated worker loaded from a
 * URL (ours: `new Worker(new URL(…))`, Turbopack's bootstrap then
 * importScripts) takes its policy from its own response headers, not from
 * the page, so `worker-src 'self'` is enough (no blob: workers) and the
 * worker needs 'wasm-unsafe-eval' in that header policy too.
 */
export const DIRECTIVES = [
  ["default-src", ["'self'"]],
  ["script-src", ["'self'", "'wasm-unsafe-eval'"]],
  ["style-src", ["'self'", "'unsafe-inline'"]],
  ["img-src", ["'self'", 'data:', 'blob:']],
  ["font-src", ["'self'"]],
  ["connect-src", ["'self'"]],
  ["worker-src", ["'self'"]],
  ["object-src", ["'none'"]],
  ["base-uri", ["'self'"]],
  ["form-action", ["'self'"]],
];

/** The policy with these script hashes added to script-src. */
export function policyWith(hashes = []) {
  return DIRECTIVES.map(([name, values]) => [name, ...values, ...(name === 'script-src' ? hashes : [])].join(' ')).join('; ');
}

/** The policy for responses that are not pages: the worker's scripts, wasm, data. */
export const WORKER_POLICY = policyWith([]);

const META_RE = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/i;
const SCRIPT_RE = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** The bodies of a page's inline scripts (those without a src), in order. */
export function inlineScripts(html) {
  const bodies = [];
  for (const m of html.matchAll(SCRIPT_RE)) {
    if (/\ssrc\s*=/i.test(` ${m[1]}`)) continue;
    bodies.push(m[2]);
  }
  return bodies;
}

/** The CSP source expression that allows one inline script: sha256 of its UTF-8 text. */
export function hashOf(body) {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/** The policy a page needs: its own inline scripts' hashes, each once. */
export function policyForPage(html) {
  const withoutMeta = html.replace(META_RE, '');
  return policyWith([...new Set(inlineScripts(withoutMeta).map(hashOf))]);
}

/** The policy already written into a page, if any. */
export function policyInPage(html) {
  return META_RE.exec(html)?.[1] ?? null;
}

/**
 * The page with its policy tag (an old one removed first, so running this
 * twice gives the same bytes). The tag goes at the top of <head>, after
 * `<meta charset>` when that comes first (a charset must stay within the
 * first 1,024 bytes, and the policy can be a few kilobytes), and so before
 * any script or stylesheet. Throws on a page it cannot protect: no <head>,
 * a script before the tag, or an inline event handler or javascript: URL
 * (a hash cannot allow those).
 */
export function withPolicy(html, file = 'page') {
  const clean = html.replace(META_RE, '');
  const head = /<head\b[^>]*>/i.exec(clean);
  if (!head) throw new Error(`${file}: no <head>`);
  let at = head.index + head[0].length;
  const charset = /^<meta charset="?[^">]*"?\s*\/?>/i.exec(clean.slice(at));
  if (charset) at += charset[0].length;
  const firstScript = clean.search(/<script\b/i);
  if (firstScript >= 0 && firstScript < at) throw new Error(`${file}: a script comes before <head>'s first element`);
  const markup = clean.replace(SCRIPT_RE, '');
  const handler = /<[a-z][^>]*\son[a-z]+\s*=/i.exec(markup) ?? /(?:href|src|action)\s*=\s*"\s*javascript:/i.exec(markup);
  if (handler) throw new Error(`${file}: inline event handler or javascript: URL (${handler[0].slice(0, 80)}…); a hash cannot allow it`);
  const tag = `<meta http-equiv="Content-Security-Policy" content="${policyForPage(clean)}"/>`;
  return clean.slice(0, at) + tag + clean.slice(at);
}

function* htmlFiles(dir) {
  for (const entry of readdirSync(dir).sort()) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) yield* htmlFiles(p);
    else if (entry.endsWith('.html')) yield p;
  }
}

/** Writes the policy into every page below dir; returns how many pages and hashes. */
export function protectDir(dir) {
  let pages = 0;
  let hashes = 0;
  for (const file of htmlFiles(dir)) {
    const html = readFileSync(file, 'utf8');
    const out = withPolicy(html, path.relative(dir, file));
    if (out !== html) writeFileSync(file, out);
    pages += 1;
    hashes += (policyInPage(out)?.match(/'sha256-/g) ?? []).length;
  }
  return { pages, hashes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  if (args[0] === '--print-worker-policy') {
    console.log(WORKER_POLICY);
  } else if (args[0] === '--print-policy') {
    const file = path.resolve(root, args[1] ?? 'out/index.html');
    console.log(policyForPage(readFileSync(file, 'utf8')));
  } else {
    const dir = path.resolve(root, args[0] ?? 'out');
    const { pages, hashes } = protectDir(dir);
    console.log(`postbuild: Content-Security-Policy written into ${pages} pages of ${path.relative(root, dir) || '.'}/ (${hashes} inline-script hashes).`);
  }
}
