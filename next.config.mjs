import createMDX from '@next/mdx';
import { fileURLToPath } from 'node:url';

/**
 * BASE_PATH lets the exported book live below a prefix on a host,
 * e.g. BASE_PATH=/course/ml npm run build.
 */
const basePath = (process.env.BASE_PATH ?? '').replace(/\/+$/, '');

const withMDX = createMDX({
  options: {
    // Plugins are named by string: Turbopack passes loader options between
    // processes and rejects functions.
    remarkPlugins: ['remark-math', fileURLToPath(new URL('./scripts/remark-heading-ids.mjs', import.meta.url))],
    // rehype-static-html runs after KaTeX: prose and math become static HTML
    // that React does not hydrate (see the plugin).
    rehypePlugins: [
      ['rehype-katex', { strict: false }],
      [fileURLToPath(new URL('./scripts/rehype-static-html.mjs', import.meta.url)), { basePath }],
    ],
  },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  trailingSlash: true,
  images: { unoptimized: true },
  pageExtensions: ['ts', 'tsx', 'mdx'],
  basePath: basePath || undefined,
  env: { NEXT_PUBLIC_BASE_PATH: basePath },
  reactStrictMode: true,
  // Types are checked by `npm run typecheck`; building skips it to halve CI time.
  typescript: { ignoreBuildErrors: true },
};

export default withMDX(nextConfig);
