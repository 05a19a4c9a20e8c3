import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chapterBySlug, chapterFile, chapterPath, chapters, neighbours } from '@/content/chapters';
import { outlineOf } from '@/content/outline';
import { ChapterTocCollapsible, ChapterTocSide } from '@/components/site/ChapterToc';

export const dynamicParams = false;

export function generateStaticParams() {
  return chapters.map((c) => ({ slug: c.slug }));
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const chapter = chapterBySlug((await params).slug);
  return chapter ? { title: `${chapter.number}. ${chapter.title}`, description: chapter.summary } : {};
}

export default async function ChapterPage({ params }: Props) {
  const { slug } = await params;
  const chapter = chapterBySlug(slug);
  if (!chapter) notFound();
  const file = chapterFile(chapter);
  const { default: Content } = await import(`@/content/${file}`);
  const source = await readFile(path.join(process.cwd(), 'content', file), 'utf8');
  const { headings } = outlineOf(source);
  const { previous, next } = neighbours(slug);

  return (
    <div className="chapter-layout">
      <ChapterTocSide headings={headings} />
      {/* Search (scripts/search-index.mjs) indexes this article's prose; math, widgets and navigation are left out. */}
      <article
        className="chapter prose"
        data-chapter={slug}
        data-pagefind-body=""
        data-pagefind-meta={`title:${chapter.number}. ${chapter.title}`}
      >
        <header className="chapter-header">
          <p className="kicker">Chapter {chapter.number}</p>
          <h1>{chapter.title}</h1>
        </header>
        <ChapterTocCollapsible headings={headings} />
        <Content />
        <nav className="chapter-pager" aria-label="Previous and next chapter" data-pagefind-ignore="all">
          {previous ? (
            <Link href={chapterPath(previous.slug)} rel="prev" className="pager-prev">
              <span className="pager-label">Previous</span>
              <span className="pager-title">
                {previous.number}. {previous.title}
              </span>
            </Link>
          ) : (
            <Link href="/" rel="prev" className="pager-prev">
              <span className="pager-label">Previous</span>
              <span className="pager-title">Contents</span>
            </Link>
          )}
          {next ? (
            <Link href={chapterPath(next.slug)} rel="next" className="pager-next">
              <span className="pager-label">Next</span>
              <span className="pager-title">
                {next.number}. {next.title}
              </span>
            </Link>
          ) : null}
        </nav>
      </article>
    </div>
  );
}
