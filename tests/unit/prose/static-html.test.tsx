import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate } from '@mdx-js/mdx';
// hast-util-from-html comes with rehype-katex (pinned); hast-util-to-html is the plugin's own.
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { ComponentProps, ReactNode } from 'react';
import * as runtime from 'react/jsx-runtime';
import { renderToStaticMarkup } from 'react-dom/server';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import remarkHeadingIds from '@/scripts/remark-heading-ids.mjs';
import rehypeStaticHtml from '@/scripts/rehype-static-html.mjs';

/** Every component a chapter may name, as a plain element that shows its name and children. */
const stub = (name: string) =>
  function Stub({ children }: { children?: ReactNode }) {
    return <x-component data-name={name}>{children}</x-component>;
  };
const components = {
  a: ({ href = '', ...rest }: ComponentProps<'a'>) => <a href={href} {...(/^https?:/.test(href) ? { rel: 'noopener noreferrer' } : {})} {...rest} />,
  StaticHtml: ({ html }: { html: string }) => <x-static dangerouslySetInnerHTML={{ __html: html }} />,
};

async function render(source: string, staticHtml: boolean) {
  const { default: Content } = await evaluate(source.replace(/^import .*$/gm, ''), {
    ...runtime,
    remarkPlugins: [remarkMath, remarkHeadingIds],
    rehypePlugins: staticHtml ? [[rehypeKatex, { strict: false }], rehypeStaticHtml] : [[rehypeKatex, { strict: false }]],
  });
  const named = Object.fromEntries([...source.matchAll(/<([A-Z]\w*)/g)].map(([, name]) => [name, stub(name)]));
  return renderToStaticMarkup(<Content components={{ ...named, ...components }} />);
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'x-component': { 'data-name': string; children?: ReactNode };
      'x-static': { dangerouslySetInnerHTML: { __html: string } };
    }
  }
}

describe('rehype-static-html', () => {
  const chapter = readFileSync(path.join(process.cwd(), 'content/01-learning.mdx'), 'utf8');

  it('renders a chapter to the same HTML, with its prose and math set as strings', async () => {
    const plain = await render(chapter, false);
    const wrapped = await render(chapter, true);
    expect(wrapped.match(/<x-static>/g)?.length).toBeGreaterThan(10);
    // The same markup up to how it is spelled: both parsed and written out again
    // by hast (React ends a style without `;` and escapes more characters in text).
    const spelling = (html: string) => toHtml(fromHtml(html, { fragment: true })).replace(/;"/g, '"');
    expect(spelling(wrapped.replace(/<\/?x-static>/g, ''))).toBe(spelling(plain));
  }, 180_000);

  it('leaves only headings and components as React elements: no paragraph or KaTeX span outside a string', async () => {
    const { compile } = await import('@mdx-js/mdx');
    const code = String(
      await compile(chapter.replace(/^import .*$/gm, ''), {
        remarkPlugins: [remarkMath, remarkHeadingIds],
        rehypePlugins: [[rehypeKatex, { strict: false }], rehypeStaticHtml],
      }),
    );
    expect(code).not.toMatch(/_components\.(p|span|li|ul|ol|em|strong|a)\b/);
    expect(code).toMatch(/_components\.h2\b/);
  });

  it('puts the base path on site links and rel on outside ones', async () => {
    const { compile } = await import('@mdx-js/mdx');
    const code = String(
      await compile('See [this](/chapters/linear/#x), [that](https://example.org) and [here](#y).', {
        rehypePlugins: [[rehypeStaticHtml, { basePath: '/course/ml/' }]],
      }),
    );
    expect(code).toContain('href=\\"/course/ml/chapters/linear/#x\\"');
    expect(code).toContain('href=\\"https://example.org\\" rel=\\"noopener noreferrer\\"');
    expect(code).toContain('href=\\"#y\\"');
  });
});
