import { describe, expect, it } from 'vitest';
import { hashOf, inlineScripts, policyInPage, withPolicy, WORKER_POLICY } from '../../scripts/postbuild.mjs';

// The shape of a page Next exports: charset first, then script files, an
// inline script in <head>, then RSC payload scripts in <body>.
const PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><link rel="stylesheet" href="/a.css"/>' +
  '<script src="/_next/static/chunks/a.js" async=""></script>' +
  '<script>document.documentElement.dataset.theme="dark"</script></head>' +
  '<body><p style="color:red">hi</p><script src="/b.js" noModule=""></script>' +
  '<script>self.__next_f.push([1,"é"])</script>' +
  '<script>document.documentElement.dataset.theme="dark"</script></body></html>';

// Computed outside the code under test: printf '%s' BODY | openssl dgst -sha256 -binary | base64
const THEME = "'sha256-zTSXYZ/r74pY7Te+wyYtgDRsO/hpzo1oFZH8wmJQwSA='";
const PAYLOAD = "'sha256-dv0JtpxmHXrDI1gjYAA39VMc738BDF21voU1xCV8A70='";

describe('postbuild: a Content Security Policy per page', () => {
  it('finds the inline scripts and hashes their UTF-8 text', () => {
    expect(inlineScripts(PAGE)).toEqual([
      'document.documentElement.dataset.theme="dark"',
      'self.__next_f.push([1,"é"])',
      'document.documentElement.dataset.theme="dark"',
    ]);
    expect(hashOf('document.documentElement.dataset.theme="dark"')).toBe(THEME);
    expect(hashOf('self.__next_f.push([1,"é"])')).toBe(PAYLOAD);
  });

  it('writes the policy right after <meta charset>, before every script, each hash once', () => {
    const out = withPolicy(PAGE);
    const policy = policyInPage(out)!;
    expect(policy).toBe(
      `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${THEME} ${PAYLOAD}; style-src 'self' 'unsafe-inline'; ` +
        "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
    );
    expect(out.startsWith(`<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><meta http-equiv="Content-Security-Policy" content="${policy}"/><link`)).toBe(true);
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<script'));
    expect(out.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')).toBe(PAGE);
    expect(policy).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'|frame-ancestors/);
  });

  it('is idempotent, and follows a changed script', () => {
    const once = withPolicy(PAGE);
    expect(withPolicy(once)).toBe(once);
    const changed = withPolicy(once.replace('"é"', '"e"'));
    expect(policyInPage(changed)).not.toContain(PAYLOAD);
    expect(policyInPage(changed)).toContain(hashOf('self.__next_f.push([1,"e"])'));
    expect(changed.match(/Content-Security-Policy/g)).toHaveLength(1);
  });

  it('puts the tag first in <head> when there is no charset, and refuses what a hash cannot allow', () => {
    expect(withPolicy('<html><head><title>t</title></head><body></body></html>')).toBe(
      `<html><head><meta http-equiv="Content-Security-Policy" content="${WORKER_POLICY}"/><title>t</title></head><body></body></html>`,
    );
    expect(() => withPolicy('<html><head></head><body><button onclick="go()">x</button></body></html>')).toThrow(/event handler/);
    expect(() => withPolicy('<html><head></head><body><a href="javascript:go()">x</a></body></html>')).toThrow(/javascript:/);
    expect(() => withPolicy('<html><body></body></html>')).toThrow(/no <head>/);
  });
});
