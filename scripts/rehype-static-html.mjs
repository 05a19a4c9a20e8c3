/**
 * Prose and typeset math as static HTML that React never hydrates.
 *
 * Runs after rehype-katex. Each run of consecutive plain nodes (elements and
 * text with no MDX component, expression or section heading inside) becomes
 * ONE `<StaticHtml html="…" />` element, which mdx-components.tsx renders as
 * a `display: contents` wrapper with `dangerouslySetInnerHTML`. React does
 * not walk the children of such an element when it hydrates, and the page's
 * flight payload carries one string per run instead of a tree of tens of
 * thousands of KaTeX spans. Only components (section headings with their
 * copy-link button, callouts, predictions, widget islands) stay React trees;
 * their children are processed the same way.
 *
 * Links inside the prose become plain anchors: a site-absolute href gets the
 * base path (what next/link did), an http(s) one rel="noopener noreferrer"
 * (what mdx-components.tsx's link did).
 *
 * Options: { basePath: '' | '/course/ml' }. Named by path in next.config.mjs
 * (Turbopack passes loader options between processes and rejects functions).
 */
import { toHtml } from 'hast-util-to-html';

/** Elements that mdx-components.tsx maps to components: they stay in the tree. */
const COMPONENT_TAGS = new Set(['h2', 'h3']);

function isPlain(node) {
  if (node.type === 'text' || node.type === 'comment') return true;
  if (node.type !== 'element' || COMPONENT_TAGS.has(node.tagName)) return false;
  return node.children.every(isPlain);
}

function fixLinks(node, basePath) {
  if (node.type !== 'element') return;
  if (node.tagName === 'a' && typeof node.properties?.href === 'string') {
    const href = node.properties.href;
    if (href.startsWith('/') && !href.startsWith('//')) node.properties.href = `${basePath}${href}`;
    else if (/^https?:/.test(href)) node.properties.rel = ['noopener', 'noreferrer'];
  }
  for (const child of node.children) fixLinks(child, basePath);
}

function staticElement(nodes, inline, basePath) {
  for (const n of nodes) fixLinks(n, basePath);
  const attributes = [{ type: 'mdxJsxAttribute', name: 'html', value: toHtml(nodes) }];
  if (inline) attributes.push({ type: 'mdxJsxAttribute', name: 'inline', value: null });
  return { type: inline ? 'mdxJsxTextElement' : 'mdxJsxFlowElement', name: 'StaticHtml', attributes, children: [] };
}

/** Replaces the plain runs among `parent.children`; recurses into what stays. */
function transform(parent, inline, basePath) {
  const out = [];
  let run = [];
  const flush = () => {
    // Bare text costs React nothing to hydrate: only runs with elements are wrapped.
    if (run.some((n) => n.type === 'element')) out.push(staticElement(run, inline, basePath));
    else out.push(...run);
    run = [];
  };
  for (const child of parent.children) {
    if (isPlain(child)) {
      run.push(child);
      continue;
    }
    flush();
    // A heading keeps its (small) content as it is: it is a component's children.
    if (child.type === 'element' && !COMPONENT_TAGS.has(child.tagName)) {
      // An element holding a component (a paragraph with an inline one): its plain parts are phrasing content.
      transform(child, true, basePath);
    } else if ((child.type === 'mdxJsxFlowElement' || child.type === 'mdxJsxTextElement') && child.children?.length) {
      transform(child, child.type === 'mdxJsxTextElement', basePath);
    }
    out.push(child);
  }
  flush();
  parent.children = out;
}

export default function rehypeStaticHtml(options = {}) {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  return (tree) => {
    transform(tree, false, basePath);
  };
}
