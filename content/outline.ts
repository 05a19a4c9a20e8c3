/**
 * Reads an MDX chapter's structure without compiling it: its section
 * headings (with their explicit ids), the links it makes and the JSX
 * components it names. The chapter page uses the headings for its table of
 * contents; `scripts/check-content.ts` uses all three.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import { visit } from 'unist-util-visit';
import type { Heading, Root, PhrasingContent } from 'mdast';
import { headingIdOf, HEADING_ID_MARKER } from '../scripts/remark-heading-ids.mjs';

export interface OutlineHeading {
  depth: 2 | 3;
  /** The explicit id, or null when the author forgot the `[#id]` marker. */
  id: string | null;
  /** Heading text with inline math kept as `$…$`. */
  text: string;
  line: number;
}

export interface Outline {
  headings: OutlineHeading[];
  /** Every link target: markdown links and `href` attributes of JSX. */
  links: { url: string; line: number }[];
  /**
   * Every capitalised JSX element, i.e. a component the page must define,
   * with its `id` and `preset` attributes when they are plain strings.
   */
  components: { name: string; line: number; id?: string; preset?: string }[];
}

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkMath);

function textOf(nodes: PhrasingContent[]): string {
  return nodes
    .map((n) => {
      if (n.type === 'text') return n.value;
      if (n.type === 'inlineCode') return n.value;
      if (n.type === 'inlineMath') return `$${n.value}$`;
      if ('children' in n) return textOf(n.children as PhrasingContent[]);
      return '';
    })
    .join('');
}

export function outlineOf(source: string): Outline {
  const tree = parser.parse(source) as Root;
  const outline: Outline = { headings: [], links: [], components: [] };
  visit(tree, (node) => {
    const line = node.position?.start.line ?? 0;
    if (node.type === 'heading') {
      const heading = node as Heading;
      if (heading.depth !== 2 && heading.depth !== 3) return;
      const text = textOf(heading.children).replace(HEADING_ID_MARKER, '').trim();
      outline.headings.push({ depth: heading.depth, id: headingIdOf(heading), text, line });
    } else if (node.type === 'link') {
      outline.links.push({ url: (node as { url: string }).url, line });
    } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      const el = node as unknown as { name: string | null; attributes: { type: string; name?: string; value?: unknown }[] };
      if (el.name && /^[A-Z]/.test(el.name)) {
        const attr = (name: string) => el.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name)?.value;
        const [id, preset] = [attr('id'), attr('preset')];
        outline.components.push({ name: el.name, line, ...(typeof id === 'string' ? { id } : {}), ...(typeof preset === 'string' ? { preset } : {}) });
      }
      for (const attr of el.attributes) {
        if (attr.type === 'mdxJsxAttribute' && attr.name === 'href' && typeof attr.value === 'string') {
          outline.links.push({ url: attr.value, line });
        }
      }
    }
  });
  return outline;
}
