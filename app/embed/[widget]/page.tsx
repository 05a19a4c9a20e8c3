import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LazyWidget } from '@/components/widgets/LazyWidget';
import { WIDGETS, widgetByName } from '@/components/widgets/kit/catalog';
import { chapterBySlug, chapterPath } from '@/content/chapters';
import styles from './page.module.css';

export const dynamicParams = false;

export function generateStaticParams() {
  return WIDGETS.map((w) => ({ widget: w.name }));
}

type Props = { params: Promise<{ widget: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const info = widgetByName((await params).widget);
  return info ? { title: info.title, robots: { index: false } } : {};
}

/** One widget alone, chromeless, for an iframe on a course page. */
export default async function EmbedPage({ params }: Props) {
  const info = widgetByName((await params).widget);
  if (!info) notFound();
  const chapter = chapterBySlug(info.chapter);
  return (
    <main className={styles.embed} id="main">
      <LazyWidget name={info.name} embedded />
      {chapter ? (
        <p className={styles.source}>
          From{' '}
          <Link href={`${chapterPath(chapter.slug)}#${info.section}`} target="_blank">
            Looking Glass, chapter {chapter.number}: {chapter.title}
          </Link>
        </p>
      ) : null}
    </main>
  );
}
