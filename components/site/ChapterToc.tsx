import type { OutlineHeading } from '@/content/outline';
import { InlineMathText } from './inlineMath';
import { TocSpy } from './TocSpy';

function TocList({ headings }: { headings: OutlineHeading[] }) {
  return (
    <ol className="chapter-toc-list">
      {headings
        .filter((h) => h.id)
        .map((h) => (
          <li key={h.id} className={h.depth === 3 ? 'toc-sub' : undefined}>
            <a href={`#${h.id}`} data-toc-target={h.id}>
              <InlineMathText text={h.text} />
            </a>
          </li>
        ))}
    </ol>
  );
}

/**
 * The chapter's own table of contents: a sticky column on wide screens, a
 * collapsed disclosure at the top of the chapter on narrow ones.
 */
export function ChapterTocSide({ headings }: { headings: OutlineHeading[] }) {
  return (
    <nav className="chapter-toc-side" aria-label="Sections of this chapter">
      <p className="chapter-toc-heading">On this page</p>
      <TocList headings={headings} />
      <TocSpy />
    </nav>
  );
}

export function ChapterTocCollapsible({ headings }: { headings: OutlineHeading[] }) {
  return (
    <details className="chapter-toc-collapsible" data-pagefind-ignore="all">
      <summary>On this page</summary>
      <nav aria-label="Sections of this chapter (collapsible)">
        <TocList headings={headings} />
      </nav>
    </details>
  );
}
