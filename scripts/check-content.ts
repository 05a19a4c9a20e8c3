/**
 * Content check, run by `npm test`. Fails when:
 * - a chapter in content/chapters.ts has no MDX file, or an MDX file has no entry;
 * - a `##`/`###` heading has no explicit `[#id]`, or an id repeats in a chapter;
 * - a published section id (content/published-ids.json) has disappeared;
 * - an internal link points to a chapter or section that does not exist;
 * - a chapter names an MDX component that nothing defines;
 * - a widget's `preset` is not a state its schema decodes without a notice;
 * - a widget's anchor (its `id`, or its name) repeats a section id or another
 *   widget's anchor in the chapter: one of the two links would land wrong;
 * - the prose names a chapter by number ("chapter 6") that the book does not
 *   have yet: a reader would look for it and find nothing.
 *
 *   npx tsx scripts/check-content.ts            check
 *   npx tsx scripts/check-content.ts --publish  also record today's ids as published
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chapterFile, chapters } from '../content/chapters';
import { outlineOf, type Outline } from '../content/outline';
import { MDX_COMPONENT_NAMES } from '../components/mdx-names';
import { widgetByComponent } from '../components/widgets/kit/catalog';
import { decodeState } from '../components/widgets/kit/url-codec';

const root = path.resolve(import.meta.dirname, '..');
const contentDir = path.join(root, 'content');
const publishedPath = path.join(contentDir, 'published-ids.json');

export interface ContentProblem {
  file: string;
  line: number;
  message: string;
}

export interface ChapterSource {
  slug: string;
  file: string;
  source: string;
}

/** Every problem in a set of chapters, given the ids already published. */
export function checkChapters(
  sources: ChapterSource[],
  published: Record<string, string[]>,
  componentNames: readonly string[],
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const outlines = new Map<string, Outline>();
  for (const c of sources) outlines.set(c.slug, outlineOf(c.source));
  const idsOf = (slug: string) => new Set(outlines.get(slug)?.headings.map((h) => h.id).filter(Boolean));
  /** A chapter's widget anchors (an instance's id, or its widget's name) and the widget behind each. */
  const widgetsOf = (slug: string) =>
    new Map(
      (outlines.get(slug)?.components ?? []).flatMap((comp) => {
        const widget = widgetByComponent(comp.name);
        return widget ? [[comp.id ?? widget.name, widget] as const] : [];
      }),
    );

  for (const c of sources) {
    const outline = outlines.get(c.slug)!;
    const seen = new Map<string, number>();
    for (const h of outline.headings) {
      if (!h.id) {
        problems.push({ file: c.file, line: h.line, message: `heading "${h.text}" has no [#id] marker` });
        continue;
      }
      if (seen.has(h.id)) {
        problems.push({ file: c.file, line: h.line, message: `duplicate heading id "${h.id}" (first on line ${seen.get(h.id)})` });
      } else seen.set(h.id, h.line);
    }
    for (const id of published[c.slug] ?? []) {
      if (!seen.has(id)) {
        problems.push({ file: c.file, line: 0, message: `published section id "${id}" has disappeared (links to it would break)` });
      }
    }
    for (const link of outline.links) {
      const problem = checkLink(link.url, c.slug, (slug) => (outlines.has(slug) ? new Set([...idsOf(slug), ...widgetsOf(slug).keys()]) : null), widgetsOf);
      if (problem) problems.push({ file: c.file, line: link.line, message: problem });
    }
    for (const comp of outline.components) {
      if (!componentNames.includes(comp.name)) {
        problems.push({ file: c.file, line: comp.line, message: `unknown MDX component <${comp.name}>` });
      }
      const widget = widgetByComponent(comp.name);
      if (!widget) continue;
      if (comp.preset !== undefined) {
        for (const notice of decodeState(widget.schema, comp.preset).notices) {
          problems.push({ file: c.file, line: comp.line, message: `<${comp.name} preset="${comp.preset}">: ${notice}` });
        }
      }
      const anchor = comp.id ?? widget.name;
      if (seen.has(anchor)) {
        const first = seen.get(anchor)!;
        problems.push({ file: c.file, line: comp.line, message: `widget anchor "${anchor}" is already used on line ${first}; give <${comp.name}> another id` });
      } else seen.set(anchor, comp.line);
    }
    c.source.split('\n').forEach((text, i) => {
      for (const m of text.matchAll(/\bchapters? (\d+)\b/gi)) {
        if (Number(m[1]) > sources.length || Number(m[1]) < 1) {
          problems.push({ file: c.file, line: i + 1, message: `"${m[0]}" names a chapter the book does not have (it has ${sources.length})` });
        }
      }
    });
  }
  for (const slug of Object.keys(published)) {
    if (!outlines.has(slug)) problems.push({ file: 'content/published-ids.json', line: 0, message: `published chapter "${slug}" has disappeared` });
  }
  return problems;
}

/**
 * Why an internal link is broken, or null. External links are not fetched.
 * A link may carry widget states (`/chapters/autodiff/?tape-viewer=v.1~b.100#tape-viewer`,
 * how the prose points at the widget state that shows a number): each must
 * name a widget of that chapter and decode against its schema with no notice.
 */
export function checkLink(
  url: string,
  fromSlug: string,
  idsOf: (slug: string) => Set<string | null> | null,
  widgetsOf: (slug: string) => Map<string, { schema: Parameters<typeof decodeState>[0] }> = () => new Map(),
): string | null {
  if (/^[a-z]+:/i.test(url) || url.startsWith('//')) return null;
  const [beforeHash, hash] = url.split('#', 2);
  const [pathPart, query] = beforeHash.split('?', 2);
  let slug = fromSlug;
  if (pathPart) {
    if (pathPart === '/') return hash ? `link ${url}: the home page has no sections` : null;
    const m = /^\/chapters\/([a-z0-9-]+)\/?$/.exec(pathPart);
    if (!m) return `link ${url}: not a chapter path (use /chapters/<slug>/#<id>)`;
    slug = m[1];
  }
  const ids = idsOf(slug);
  if (!ids) return `link ${url}: no chapter "${slug}"`;
  if (hash && !ids.has(hash)) return `link ${url}: chapter "${slug}" has no section "${hash}"`;
  for (const [anchor, encoded] of new URLSearchParams(query ?? '')) {
    const widget = widgetsOf(slug).get(anchor);
    if (!widget) return `link ${url}: chapter "${slug}" has no widget "${anchor}"`;
    const notice = decodeState(widget.schema, encoded).notices[0];
    if (notice) return `link ${url}: ${notice}`;
  }
  return null;
}

function readSources(): { sources: ChapterSource[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const listed = new Set(chapters.map(chapterFile));
  for (const f of readdirSync(contentDir).filter((f) => f.endsWith('.mdx'))) {
    if (!listed.has(f)) problems.push({ file: `content/${f}`, line: 0, message: 'MDX file not listed in content/chapters.ts' });
  }
  const sources: ChapterSource[] = [];
  for (const c of chapters) {
    const file = `content/${chapterFile(c)}`;
    try {
      sources.push({ slug: c.slug, file, source: readFileSync(path.join(root, file), 'utf8') });
    } catch {
      problems.push({ file, line: 0, message: `chapter "${c.slug}" is listed but its file is missing` });
    }
  }
  return { sources, problems };
}

function main() {
  const { sources, problems } = readSources();
  const published: Record<string, string[]> = JSON.parse(readFileSync(publishedPath, 'utf8'));
  problems.push(...checkChapters(sources, published, MDX_COMPONENT_NAMES));
  if (problems.length > 0) {
    for (const p of problems) console.error(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    console.error(`\ncheck-content: ${problems.length} problem(s).`);
    process.exit(1);
  }
  if (process.argv.includes('--publish')) {
    const next: Record<string, string[]> = { ...published };
    for (const c of sources) {
      const ids = outlineOf(c.source).headings.map((h) => h.id!);
      next[c.slug] = Array.from(new Set([...(published[c.slug] ?? []), ...ids]));
    }
    writeFileSync(publishedPath, `${JSON.stringify(next, null, 2)}\n`);
    console.log('check-content: published ids recorded.');
  }
  const headingCount = sources.reduce((n, c) => n + outlineOf(c.source).headings.length, 0);
  console.log(`check-content: ${sources.length} chapter(s), ${headingCount} section heading(s), all links and ids resolve.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
