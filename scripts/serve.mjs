#!/usr/bin/env node
/**
 * A small static server for the exported book (`out/`): correct MIME types
 * (wasm included), directory index files, the site's 404 page, no directory
 * listings, and no path that escapes the root.
 *
 *   node scripts/serve.mjs [--dir out] [--port 3000] [--base /course/ml] [--gzip-encoding] [--csp]
 * PORT, SERVE_DIR, BASE_PATH, SERVE_GZIP_ENCODING=1 and SERVE_CSP=1 work as environment variables too.
 *
 * `.gz` files go out as they are (application/gzip). With --gzip-encoding,
 * those below data/ go out with `Content-Encoding: gzip` instead, as some
 * hosts do, so the browser hands the page their inflated bytes: the data
 * loader must cope with both.
 *
 * With --csp, every response carries the book's Content Security Policy as
 * a header, as a host that sets headers would send it (README,
 * "Deployment"): a page gets the policy that scripts/postbuild.mjs wrote
 * into its <meta> (its own inline-script hashes), every other file the
 * policy without hashes, which is the one the training worker runs under
 * (a worker loaded from a URL takes its policy from its own response).
 */
import http from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKER_POLICY, policyForPage, policyInPage } from './postbuild.mjs';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.bin': 'application/octet-stream',
  '.gz': 'application/gzip',
  '.map': 'application/json; charset=utf-8',
};

function normaliseBase(base) {
  const trimmed = (base ?? '').replace(/\/+$/, '');
  return trimmed && !trimmed.startsWith('/') ? `/${trimmed}` : trimmed;
}

async function fileAt(p) {
  try {
    const s = await stat(p);
    return s;
  } catch {
    return null;
  }
}

/**
 * Maps a request path to a file below `root`, or says why not.
 * Returns { kind: 'file', file } | { kind: 'redirect', location } | { kind: 'missing' } | { kind: 'bad' }.
 */
export async function resolveRequest(root, base, rawPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad' };
  }
  if (pathname.includes('\0')) return { kind: 'bad' };
  if (base) {
    if (pathname === base) return { kind: 'redirect', location: `${base}/` };
    if (!pathname.startsWith(`${base}/`)) return { kind: 'missing' };
    pathname = pathname.slice(base.length);
  }
  const segments = pathname.split('/');
  if (segments.includes('..')) return { kind: 'bad' };
  const file = path.resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(root + path.sep)) return { kind: 'bad' };
  const s = await fileAt(file);
  if (s?.isFile()) return { kind: 'file', file, size: s.size };
  if (s?.isDirectory()) {
    if (!pathname.endsWith('/')) return { kind: 'redirect', location: `${base}${pathname}/` };
    const index = path.join(file, 'index.html');
    const si = await fileAt(index);
    if (si?.isFile()) return { kind: 'file', file: index, size: si.size };
    return { kind: 'missing' };
  }
  // Next's export writes `foo.html` for some routes (404): serve it for `foo`.
  const html = `${file}.html`;
  const sh = await fileAt(html);
  if (sh?.isFile()) return { kind: 'file', file: html, size: sh.size };
  return { kind: 'missing' };
}

/** The header policy for a file: a page's own (with its script hashes), else the worker's. */
async function policyFor(file) {
  if (!file.endsWith('.html')) return WORKER_POLICY;
  const html = await readFile(file, 'utf8');
  return policyInPage(html) ?? policyForPage(html);
}

export function createServer({ root, base = '', gzipEncoding = false, csp = false }) {
  const absRoot = path.resolve(root);
  const prefix = normaliseBase(base);
  const cspHeader = async (file) => (csp ? { 'Content-Security-Policy': await policyFor(file) } : {});
  return http.createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const found = await resolveRequest(absRoot, prefix, url.pathname);
    if (found.kind === 'redirect') {
      res.writeHead(308, { Location: found.location + url.search }).end();
      return;
    }
    if (found.kind === 'bad') {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request\n');
      return;
    }
    if (found.kind === 'missing') {
      const notFound = path.join(absRoot, '404.html');
      const s = await fileAt(notFound);
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', ...(s?.isFile() ? await cspHeader(notFound) : {}) });
      if (s?.isFile() && req.method === 'GET') createReadStream(notFound).pipe(res);
      else res.end('Not found\n');
      return;
    }
    const type = MIME_TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream';
    const immutable = found.file.includes(`${path.sep}_next${path.sep}static${path.sep}`);
    const encoded = gzipEncoding && found.file.endsWith('.gz') && found.file.startsWith(path.join(absRoot, 'data') + path.sep);
    res.writeHead(200, {
      'Content-Type': encoded ? 'application/octet-stream' : type,
      ...(encoded ? { 'Content-Encoding': 'gzip' } : {}),
      'Content-Length': found.size,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(await cspHeader(found.file)),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(found.file).pipe(res);
  });
}

function argOf(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..', argOf('dir') ?? process.env.SERVE_DIR ?? 'out');
  const port = Number(argOf('port') ?? process.env.PORT ?? 3000);
  const base = normaliseBase(argOf('base') ?? process.env.BASE_PATH ?? '');
  const s = await fileAt(path.join(root, 'index.html'));
  if (!s) {
    console.error(`No exported site in ${root}. Run \`npm run build\` first.`);
    process.exit(1);
  }
  const gzipEncoding = process.argv.includes('--gzip-encoding') || process.env.SERVE_GZIP_ENCODING === '1';
  const csp = process.argv.includes('--csp') || process.env.SERVE_CSP === '1';
  createServer({ root, base, gzipEncoding, csp }).listen(port, '127.0.0.1', () => {
    console.log(`Looking Glass is being served at http://localhost:${port}${base}/${csp ? ' (Content-Security-Policy in headers)' : ''}`);
  });
}
