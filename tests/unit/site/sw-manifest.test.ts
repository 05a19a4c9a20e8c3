import { describe, expect, it } from 'vitest';
import { assetsOf, inject, manifestOf, titleOf, versionOf } from '../../../scripts/sw-manifest.mjs';
import { readFileSync } from 'node:fs';

const home = (base = '') => `<!DOCTYPE html><html><head><title>Looking Glass — a book</title>
<link rel="stylesheet" href="${base}/_next/static/chunks/a.css"/>
<script src="${base}/_next/static/chunks/main.js" async=""></script>
<link rel="preload" href="${base}/_next/static/media/KaTeX_Main.woff2" as="font"/>
<script src="https://elsewhere.example/x.js"></script></head><body><a href="${base}/chapters/learning/">1</a></body></html>`;

function site(base = ''): Record<string, string> {
  return {
    'index.html': home(base),
    '404.html': `<title>404: This page could not be found.</title><script src="${base}/_next/static/chunks/nf.js"></script>`,
    'chapters/learning/index.html': '<title>Learning is minimizing · Looking Glass</title>',
    'embed/descent-playground/index.html': '<title>Descent &amp; co</title>',
    '_next/static/chunks/a.css': 'a{}',
    '_next/static/chunks/main.js': '1',
    '_next/static/chunks/nf.js': '2',
    '_next/static/chunks/lazy-widget.js': '3',
    '_next/static/media/KaTeX_Main.woff2': 'w2',
    '_next/static/media/KaTeX_Main.woff': 'w',
    '_next/static/media/KaTeX_Main.ttf': 't',
    '_next/static/media/kernels-simd.x.wasm': 'wasm',
    'data/fashion-mnist/train-images-idx3-ubyte.gz': 'big',
    'icon.svg': '<svg/>',
    'sw.js': 'const BUILD = null; // @sw-build (replaced)\n',
  };
}
const manifest = (files: Record<string, string>, base = '') =>
  manifestOf(Object.keys(files).sort(), (f) => Buffer.from(files[f]), base);

describe('sw-manifest', () => {
  it('precaches the shell: home, 404, their scripts and styles, woff2 fonts, wasm, the icon; not data, not lazy chunks', () => {
    const { precache } = manifest(site());
    expect(precache).toEqual([
      '',
      '404.html',
      'icon.svg',
      '_next/static/chunks/a.css',
      '_next/static/chunks/main.js',
      '_next/static/chunks/nf.js',
      '_next/static/media/KaTeX_Main.woff2',
      '_next/static/media/kernels-simd.x.wasm',
    ]);
  });

  it('lists the same files, relative to the site, below a base path', () => {
    expect(manifest(site('/course/ml'), '/course/ml').precache).toEqual(manifest(site()).precache);
    expect(assetsOf(home('/course/ml'), '/course/ml')).toEqual(['_next/static/chunks/a.css', '_next/static/chunks/main.js', '_next/static/media/KaTeX_Main.woff2']);
  });

  it('records each page’s title for the offline page', () => {
    const { pages } = manifest(site());
    expect(pages).toEqual({
      '': 'Looking Glass — a book',
      'chapters/learning/': 'Learning is minimizing · Looking Glass',
      'embed/descent-playground/': 'Descent & co',
    });
    expect(titleOf('<p>none</p>')).toBeNull();
  });

  it('versions the export by content, ignoring sw.js itself', () => {
    const files = site();
    const v = manifest(files).version;
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(manifest({ ...files, 'sw.js': 'changed' }).version).toBe(v);
    expect(manifest({ ...files, 'chapters/learning/index.html': '<title>Edited</title>' }).version).not.toBe(v);
    expect(versionOf(['a', 'b'], (f) => f)).not.toBe(versionOf(['ab'], (f) => f));
  });

  it('writes the BUILD line of the real public/sw.js, and again the same way', () => {
    const source = readFileSync(new URL('../../../public/sw.js', import.meta.url), 'utf8');
    const build = manifest(site());
    const once = inject(source, build);
    expect(once).toContain(`const BUILD = ${JSON.stringify(build)};`);
    expect(inject(once, build)).toBe(once);
    expect(() => inject('no marker', build)).toThrow(/@sw-build/);
  });
});
