import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Excerpt, hitsOf } from '@/components/site/SearchPanel';

describe('search results', () => {
  it("render Pagefind's excerpt as text: its <mark>s become marks, any other markup stays text", () => {
    const html = renderToStaticMarkup(
      <Excerpt html={'the <mark>momentum</mark> term &lt;script&gt;alert(1)&lt;/script&gt; &amp; <img src=x onerror=alert(1)>more'} />,
    );
    expect(html).toBe('the <mark>momentum</mark> term &lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
  });

  it('mark the word, not the punctuation around it', () => {
    expect(renderToStaticMarkup(<Excerpt html={'(or with <mark>momentum).</mark> It'} />)).toBe('(or with <mark>momentum</mark>). It');
    expect(renderToStaticMarkup(<Excerpt html={'<mark>Lévy,</mark> <mark>café</mark>'} />)).toBe('<mark>Lévy</mark>, <mark>café</mark>');
  });

  it('close the gaps left where math stood', () => {
    expect(renderToStaticMarkup(<Excerpt html={'using , the <mark>update</mark> .'} />)).toBe('using, the <mark>update</mark>.');
    expect(renderToStaticMarkup(<Excerpt html={'the Hessian, , roughly'} />)).toBe('the Hessian, roughly');
  });

  it("list each chapter's best sections (best-scored first, at most three), the opening as 'no section'", () => {
    const sub = (title: string, url: string, n: number, anchored = true) => ({
      title,
      url,
      excerpt: title,
      locations: Array.from({ length: n }, (_, i) => i),
      weighted_locations: Array.from({ length: n }, () => ({ balanced_score: 512 })),
      anchor: anchored ? { id: url.split('#')[1] } : undefined,
    });
    const hits = hitsOf([
      {
        url: '/chapters/learning/',
        excerpt: '',
        meta: { title: '1. Learning is minimizing' },
        sub_results: [
          sub('1. Learning is minimizing', '/chapters/learning/', 1, false),
          sub('Momentum', '/chapters/learning/#momentum', 5),
          sub('Adam', '/chapters/learning/#adam', 2),
          sub('Nesterov momentum', '/chapters/learning/#nesterov', 3),
        ],
      },
      { url: '/chapters/mlp/', excerpt: 'the <mark>momentum</mark>', meta: { title: '4. Neural networks' }, sub_results: [] },
    ]);
    expect(hits.map((h) => [h.url, h.section])).toEqual([
      ['/chapters/learning/#momentum', 'Momentum'],
      ['/chapters/learning/#nesterov', 'Nesterov momentum'],
      ['/chapters/learning/#adam', 'Adam'],
      ['/chapters/mlp/', ''],
    ]);
    expect(hits[3]).toMatchObject({ chapter: '4. Neural networks', excerpt: 'the <mark>momentum</mark>' });
  });
});
