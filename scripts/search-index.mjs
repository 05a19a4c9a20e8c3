#!/usr/bin/env node
/**
 * The search index: Pagefind reads the exported chapter pages and writes
 * `<dir>/pagefind/` (the index, its wasm and `pagefind.js`, which the
 * header's search box imports on first use). Run after `next build`:
 *
 *   node scripts/search-index.mjs [--dir out]
 *
 * What is indexed is marked in the pages: only a chapter's
 * `<article data-pagefind-body>`, minus anything under
 * `data-pagefind-ignore` (widgets, the chapter's table of contents, the
 * pager, the copy-link buttons). Math is left out here: KaTeX output
 * (`.katex`, which holds both the rendered symbols and the LaTeX source) is
 * excluded, so a LaTeX macro name finds nothing. Each `##`/`###` heading
 * has an id, so results come back per section (Pagefind's sub-results).
 *
 * The URLs in the index are root-relative (`/chapters/learning/#momentum`);
 * the search box prefixes the base path when it loads the index, so the
 * same step serves `out/` and a build below BASE_PATH. Pagefind's
 * ready-made UIs are deleted from the output: the header has its own.
 */
import * as pagefind from 'pagefind';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dirArg = args.indexOf('--dir');
const dir = path.resolve(root, dirArg >= 0 ? args[dirArg + 1] : 'out');

function fail(message) {
  console.error(`search-index: ${message}`);
  process.exitCode = 1;
}

const started = performance.now();
const { index, errors } = await pagefind.createIndex({
  excludeSelectors: ['.katex', '.katex-display'],
  forceLanguage: 'en',
});
if (!index) {
  fail(`Pagefind did not start: ${errors.join('; ')}`);
} else {
  const added = await index.addDirectory({ path: dir, glob: 'chapters/*/index.html' });
  if (added.errors.length) fail(added.errors.join('; '));
  const slugs = readdirSync(path.join(dir, 'chapters'), { withFileTypes: true }).filter((e) => e.isDirectory());
  const chapters = slugs.length;
  if (added.page_count !== chapters) fail(`indexed ${added.page_count} pages but ${dir} has ${chapters} chapters`);
  // Without the marking Pagefind would index whole pages (header, contents, pager) without a word.
  for (const { name } of slugs) {
    const html = readFileSync(path.join(dir, 'chapters', name, 'index.html'), 'utf8');
    if (!html.includes('data-pagefind-body')) fail(`chapters/${name}/ has no <article data-pagefind-body>`);
  }
  const outputPath = path.join(dir, 'pagefind');
  rmSync(outputPath, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) fail(written.errors.join('; '));
  // One fragment per indexed chapter.
  const fragments = readdirSync(path.join(outputPath, 'fragment')).length;
  if (fragments !== chapters) fail(`${fragments} of ${chapters} chapters have an <article data-pagefind-body>`);
  // Pagefind also writes its ready-made search UIs; the header has its own, so they are not shipped.
  for (const file of readdirSync(outputPath)) {
    if (/^pagefind-(ui|component-ui|modular-ui|highlight)\./.test(file)) rmSync(path.join(outputPath, file));
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`search-index: ${added.page_count} chapters indexed into ${path.relative(root, outputPath)}/ in ${seconds} s`);
}
await pagefind.close();
