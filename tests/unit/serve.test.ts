import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createServer } from '../../scripts/serve.mjs';
import { WORKER_POLICY, hashOf, withPolicy } from '../../scripts/postbuild.mjs';

function site() {
  const root = mkdtempSync(path.join(tmpdir(), 'lg-serve-'));
  writeFileSync(path.join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(path.join(root, '404.html'), '<h1>missing</h1>');
  mkdirSync(path.join(root, 'chapters', 'learning'), { recursive: true });
  writeFileSync(path.join(root, 'chapters', 'learning', 'index.html'), '<h1>ch1</h1>');
  mkdirSync(path.join(root, 'empty'));
  writeFileSync(path.join(root, 'kernels.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(path.join(root, 'app.js'), 'console.log(1)');
  mkdirSync(path.join(root, 'data', 'set'), { recursive: true });
  writeFileSync(path.join(root, 'data', 'set', 'index.json'), '{"files":[]}');
  writeFileSync(path.join(root, 'data', 'set', 'labels.gz'), gzipSync(Buffer.from([0, 0, 8, 1])));
  writeFileSync(path.join(root, 'archive.gz'), gzipSync(Buffer.from('not data')));
  return root;
}

async function serve(base: string, gzipEncoding = false, csp = false, root = site()) {
  const server = createServer({ root, base, gzipEncoding, csp });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

describe('static server', () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    s = await serve('');
  });
  afterAll(() => s.server.close());

  it('serves index files and MIME types', async () => {
    const home = await fetch(`${s.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect((await fetch(`${s.url}/kernels.wasm`)).headers.get('content-type')).toBe('application/wasm');
    expect((await fetch(`${s.url}/app.js`)).headers.get('content-type')).toMatch(/text\/javascript/);
    expect(await (await fetch(`${s.url}/chapters/learning/`)).text()).toContain('ch1');
  });

  it('serves .gz files as gzip data, not as an encoding, and .json as JSON', async () => {
    const gz = await fetch(`${s.url}/data/set/labels.gz`);
    expect(gz.headers.get('content-type')).toBe('application/gzip');
    expect(gz.headers.get('content-encoding')).toBeNull();
    expect(Array.from(new Uint8Array(await gz.arrayBuffer())).slice(0, 2)).toEqual([0x1f, 0x8b]);
    expect((await fetch(`${s.url}/data/set/index.json`)).headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('redirects a directory without its slash', async () => {
    const r = await fetch(`${s.url}/chapters/learning?x=1`, { redirect: 'manual' });
    expect(r.status).toBe(308);
    expect(r.headers.get('location')).toBe('/chapters/learning/?x=1');
  });

  it('answers 404 with the site page, and never lists a directory', async () => {
    const missing = await fetch(`${s.url}/nope/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('missing');
    expect((await fetch(`${s.url}/empty/`)).status).toBe(404);
  });

  it('refuses paths that escape the root', async () => {
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/chapters/..%2f..%2fetc/passwd', '/%00', '/%E0%A4%A']) {
      const r = await fetch(`${s.url}${p}`);
      expect([400, 404]).toContain(r.status);
      expect(await r.text()).not.toMatch(/root:|"name"/);
    }
  });
});

describe('static server with --gzip-encoding', () => {
  it("sends data/'s .gz files with Content-Encoding: gzip, so a client gets them inflated", async () => {
    const s = await serve('/book', true);
    try {
      const data = await fetch(`${s.url}/book/data/set/labels.gz`);
      expect(data.headers.get('content-encoding')).toBe('gzip');
      expect(data.headers.get('content-type')).toBe('application/octet-stream');
      expect(Array.from(new Uint8Array(await data.arrayBuffer()))).toEqual([0, 0, 8, 1]);
      const other = await fetch(`${s.url}/book/archive.gz`);
      expect(other.headers.get('content-encoding')).toBeNull();
      expect(other.headers.get('content-type')).toBe('application/gzip');
    } finally {
      s.server.close();
    }
  });
});

describe('static server under a base path', () => {
  it('serves only below the base', async () => {
    const s = await serve('/course/ml');
    try {
      expect((await fetch(`${s.url}/course/ml/`)).status).toBe(200);
      expect((await fetch(`${s.url}/course/ml/chapters/learning/`)).status).toBe(200);
      expect((await fetch(`${s.url}/chapters/learning/`)).status).toBe(404);
      const bare = await fetch(`${s.url}/course/ml`, { redirect: 'manual' });
      expect(bare.headers.get('location')).toBe('/course/ml/');
    } finally {
      s.server.close();
    }
  });
});

describe('static server with --csp', () => {
  it('sends each page its own policy and every other file the worker policy; without --csp, none', async () => {
    const root = site();
    writeFileSync(path.join(root, 'chapters', 'learning', 'index.html'), withPolicy('<html><head><script>go()</script></head><body></body></html>'));
    const s = await serve('', false, true, root);
    try {
      const page = (await fetch(`${s.url}/chapters/learning/`)).headers.get('content-security-policy');
      expect(page).toContain(hashOf('go()'));
      expect(page).toContain("script-src 'self' 'wasm-unsafe-eval'");
      // A page without the tag gets the policy of its own scripts (here: none).
      expect((await fetch(`${s.url}/`)).headers.get('content-security-policy')).toBe(WORKER_POLICY);
      expect((await fetch(`${s.url}/nope/`)).headers.get('content-security-policy')).toBe(WORKER_POLICY);
      expect((await fetch(`${s.url}/app.js`)).headers.get('content-security-policy')).toBe(WORKER_POLICY);
      expect((await fetch(`${s.url}/kernels.wasm`)).headers.get('content-security-policy')).toBe(WORKER_POLICY);
    } finally {
      s.server.close();
    }
    const plain = await serve('', false, false, root);
    try {
      expect((await fetch(`${plain.url}/chapters/learning/`)).headers.get('content-security-policy')).toBeNull();
    } finally {
      plain.server.close();
    }
  });
});
