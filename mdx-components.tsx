import type { MDXComponents } from 'mdx/types';
import type { ComponentProps, ComponentType } from 'react';
import Link from 'next/link';
import { Aside, TryThis, Recap, Predict, SectionHeading } from '@/components/prose';
import type { ProseComponentName } from '@/components/mdx-names';
import { LazyWidget } from '@/components/widgets/LazyWidget';
import { WIDGETS } from '@/components/widgets/kit/catalog';
import type { WidgetProps } from '@/components/widgets/kit/define';

// The type pins this map to the names list the content check reads.
const proseComponents = { Aside, TryThis, Recap, Predict } satisfies Record<ProseComponentName, ComponentType<never>>;

/** Internal links go through next/link so the base path is applied. */
function ChapterLink({ href = '', ...rest }: ComponentProps<'a'>) {
  if (href.startsWith('/')) return <Link href={href} {...rest} />;
  if (/^https?:/.test(href)) return <a href={href} rel="noopener noreferrer" {...rest} />;
  return <a href={href} {...rest} />;
}

/**
 * Prose and math, already HTML (scripts/rehype-static-html.mjs): React sets
 * it once and never hydrates or diffs what is inside. `display: contents`
 * keeps the wrapper out of layout.
 */
function StaticHtml({ html, inline }: { html: string; inline?: boolean }) {
  const Tag = inline ? 'span' : 'div';
  return <Tag className="static-html" dangerouslySetInnerHTML={{ __html: html }} />;
}

const components: MDXComponents = {
  StaticHtml,
  h2: ({ id, children }) => (
    <SectionHeading level={2} id={id}>
      {children}
    </SectionHeading>
  ),
  h3: ({ id, children }) => (
    <SectionHeading level={3} id={id}>
      {children}
    </SectionHeading>
  ),
  a: ChapterLink,
  ...proseComponents,
  // <DescentPlayground id="…" preset="…" /> and friends: each widget by its component name.
  ...Object.fromEntries(
    WIDGETS.map((w) => [w.component, ({ id, preset }: Pick<WidgetProps, 'id' | 'preset'>) => <LazyWidget name={w.name} id={id} preset={preset} />]),
  ),
};

export function useMDXComponents(): MDXComponents {
  return components;
}
