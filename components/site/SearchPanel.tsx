'use client';

import { Fragment, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/**
 * The search panel, loaded when the header's search button is first pressed.
 * It imports Pagefind's own `pagefind.js` from the site (built by
 * scripts/search-index.mjs into `<out>/pagefind/`), then searches as the
 * reader types. The field is a combobox over a listbox of results: arrows
 * move, Enter opens, Escape closes.
 */

/** The part of Pagefind's browser API used here (pagefind.app/docs/api). */
interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations: number[];
  /** Each match with its weight: a heading's words weigh more than body text. */
  weighted_locations?: { balanced_score: number }[];
  anchor?: { id: string };
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results: PagefindSubResult[];
}
interface PagefindResponse {
  results: { id: string; data(): Promise<PagefindData> }[];
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string): Promise<PagefindResponse | null>;
}

const BASE = process.env.NEXT_PUBLIC_BASE_PATH ?? '';
const MAX_CHAPTERS = 6;
const SECTIONS_PER_CHAPTER = 3;
const DEBOUNCE_MS = 120;

let pagefind: Promise<Pagefind> | null = null;

/** Pagefind's module, fetched once per page: a plain same-origin ES module, left alone by the bundler. */
function loadPagefind(): Promise<Pagefind> {
  if (!pagefind) {
    const url = `${BASE}/pagefind/pagefind.js`;
    pagefind = (import(/* webpackIgnore: true */ /* turbopackIgnore: true */ url) as Promise<Pagefind>).then(async (pf) => {
      // The index holds root-relative URLs; below a base path they need its prefix.
      await pf.options({ baseUrl: `${BASE}/`, excerptLength: 22 });
      await pf.init();
      return pf;
    });
    pagefind.catch(() => {
      pagefind = null;
    });
  }
  return pagefind;
}

export interface Hit {
  url: string;
  chapter: string;
  /** The section's heading, or '' for the chapter's opening (before its first section). */
  section: string;
  /** Pagefind's excerpt: text with the matched words in <mark>…</mark>. */
  excerpt: string;
}

/** How well a section matches: its matches' scores summed (a match in the heading counts most). */
const scoreOf = (s: PagefindSubResult) =>
  s.weighted_locations ? s.weighted_locations.reduce((sum, w) => sum + w.balanced_score, 0) : s.locations.length;

/** The best sections of the best chapters, in Pagefind's order of chapters. */
export function hitsOf(pages: PagefindData[]): Hit[] {
  return pages.flatMap((page) => {
    const chapter = page.meta.title ?? '';
    const subs = [...page.sub_results].sort((a, b) => scoreOf(b) - scoreOf(a)).slice(0, SECTIONS_PER_CHAPTER);
    if (subs.length === 0) return [{ url: page.url, chapter, section: '', excerpt: page.excerpt }];
    return subs.map((s) => ({ url: s.url, chapter, section: s.anchor ? s.title : '', excerpt: s.excerpt }));
  });
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'", nbsp: '\u00a0' };
const decode = (s: string) => s.replace(/<[^>]*>/g, '').replace(/&(lt|gt|amp|quot|#39|#x27|nbsp);/g, (_, e: string) => ENTITIES[e]);
/** Math is not indexed, so an excerpt has gaps where it stood: "using , the" reads "using, the". */
const closeGaps = (s: string) => s.replace(/\s+(?=[,.;:!?)])/g, '').replace(/([,;:])[,;:]+/g, '$1');

/** An excerpt as React text (never as HTML): Pagefind's <mark>s become <mark> elements, nothing else survives. */
export function Excerpt({ html }: { html: string }): ReactNode {
  let marked = false;
  return html.split(/(<mark>|<\/mark>)/).map((part, i) => {
    if (part === '<mark>' || part === '</mark>') {
      marked = part === '<mark>';
      return null;
    }
    const text = decode(closeGaps(part));
    if (!marked) return <Fragment key={i}>{text}</Fragment>;
    // Pagefind marks a whole token ("momentum),"): the punctuation around the word stays unmarked.
    const [, before, word, after] = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su.exec(text)!;
    return (
      <Fragment key={i}>
        {before}
        {word ? <mark>{word}</mark> : null}
        {after}
      </Fragment>
    );
  });
}

type Status = 'idle' | 'loading' | 'ready' | 'error';

export default function SearchPanel({ id, onClose }: { id: string; onClose(returnFocus: boolean): void }) {
  const uid = useId();
  const listId = `${uid}-results`;
  const optionId = (i: number) => `${uid}-option-${i}`;
  const panel = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<Status>('loading');
  const [hits, setHits] = useState<Hit[]>([]);
  const [searched, setSearched] = useState('');
  const [active, setActive] = useState(-1);
  const latest = useRef(0);

  // Opening the panel is "using the box": fetch the index's entry point now.
  useEffect(() => {
    input.current?.focus();
    loadPagefind().then(
      () => setStatus('ready'),
      () => setStatus('error'),
    );
  }, []);

  // Search as the reader types (debounced); a late answer to an older query is dropped.
  useEffect(() => {
    const term = query.trim();
    const ticket = ++latest.current;
    if (!term) {
      setHits([]);
      setSearched('');
      setActive(-1);
      return;
    }
    const timer = window.setTimeout(async () => {
      try {
        const pf = await loadPagefind();
        const response = await pf.search(term);
        if (!response || ticket !== latest.current) return;
        const pages = await Promise.all(response.results.slice(0, MAX_CHAPTERS).map((r) => r.data()));
        if (ticket !== latest.current) return;
        setHits(hitsOf(pages));
        setSearched(term);
        setActive(-1);
        setStatus('ready');
      } catch {
        if (ticket === latest.current) setStatus('error');
      }
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query]);

  // A press outside, or focus moving out, closes the panel.
  useEffect(() => {
    const container = panel.current?.closest('[data-search]');
    if (!container) return;
    const onPointer = (e: PointerEvent) => {
      if (!container.contains(e.target as Node)) onClose(false);
    };
    const onFocusOut = (e: FocusEvent) => {
      const next = e.relatedTarget as Node | null;
      if (next && !container.contains(next)) onClose(false);
    };
    document.addEventListener('pointerdown', onPointer);
    container.addEventListener('focusout', onFocusOut as EventListener);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      container.removeEventListener('focusout', onFocusOut as EventListener);
    };
  }, [onClose]);

  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
    // optionId depends on uid alone, which never changes.
  }, [active]);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (hits.length === 0) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a < 0 ? (step > 0 ? 0 : hits.length - 1) : (a + step + hits.length) % hits.length));
    } else if (e.key === 'Enter') {
      const target = active >= 0 ? active : hits.length > 0 ? 0 : -1;
      // Not while the results still answer an earlier query.
      if (target < 0 || searched !== query.trim()) return;
      e.preventDefault();
      (list.current?.querySelector(`#${CSS.escape(optionId(target))}`) as HTMLAnchorElement | null)?.click();
    }
  }

  const term = query.trim();
  const expanded = hits.length > 0 && term !== '';
  let message = '';
  if (status === 'error') message = 'The search index could not be loaded.';
  else if (status === 'loading') message = 'Loading the search index…';
  else if (term && searched === term && hits.length === 0) message = `No section matches “${term}”.`;
  else if (expanded) message = `${hits.length} ${hits.length === 1 ? 'section' : 'sections'} found.`;

  return (
    <div ref={panel} id={id} className="site-search-panel" role="search" aria-label="Search the book" data-searched={searched}>
      <input
        ref={input}
        type="search"
        className="site-search-input"
        role="combobox"
        aria-label="Search the book"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={expanded ? listId : undefined}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        placeholder="Search the chapters"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p className="site-search-status" role="status">
        {message}
      </p>
      {expanded ? (
        <div ref={list} id={listId} role="listbox" aria-label="Sections found" className="site-search-results">
          {hits.map((hit, i) => (
            <a
              key={hit.url + i}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              tabIndex={-1}
              href={hit.url}
              className="site-search-hit"
              data-search-hit=""
              // Close once the link has been followed (a same-page section only scrolls).
              onClick={() => window.setTimeout(() => onClose(false))}
              onMouseMove={() => setActive(i)}
            >
              <span className="site-search-chapter">{hit.chapter}</span>
              <span className="site-search-section">{hit.section ? decode(hit.section) : 'Introduction'}</span>
              <span className="site-search-excerpt">
                <Excerpt html={hit.excerpt} />
              </span>
            </a>
          ))}
        </div>
      ) : null}
    </div>
  );
}
