import { describe, expect, it } from 'vitest';
import { checkChapters } from '../../scripts/check-content';
import { outlineOf } from '../../content/outline';

const NAMES = ['Aside', 'TryThis', 'Recap'];
const one = (source: string, slug = 'learning') => [{ slug, file: `content/${slug}.mdx`, source }];
const messages = (sources: ReturnType<typeof one>, published: Record<string, string[]> = {}) =>
  checkChapters(sources, published, NAMES).map((p) => p.message);

describe('outline', () => {
  it('reads explicit heading ids, keeping inline math in the text', () => {
    const o = outlineOf('Intro\n\n## The step size $\\eta$ [#step-size]\n\n### Too large [#too-large]\n\n#### deeper\n');
    expect(o.headings).toEqual([
      { depth: 2, id: 'step-size', text: 'The step size $\\eta$', line: 3 },
      { depth: 3, id: 'too-large', text: 'Too large', line: 5 },
    ]);
  });

  it('ignores headings inside code fences', () => {
    expect(outlineOf('```\n## not a heading\n```\n').headings).toEqual([]);
  });
});

describe('check-content', () => {
  it('accepts a clean chapter', () => {
    expect(messages(one('## A [#a]\n\nSee [b](#b) and <Aside>x</Aside>.\n\n## B [#b]\n'))).toEqual([]);
  });

  it('fails when a widget anchor repeats a section id or another widget', () => {
    const names = [...NAMES, 'FitALine'];
    const check = (source: string) => checkChapters(one(source, 'linear'), {}, names).map((p) => p.message);
    expect(check('## Fit [#fit]\n\n<FitALine />\n')).toEqual([]);
    expect(check('## Fit [#fit]\n\n<FitALine id="fit" />\n')).toEqual(['widget anchor "fit" is already used on line 1; give <FitALine> another id']);
    expect(check('## Fit [#fit-a-line]\n\n<FitALine />\n')).toEqual(['widget anchor "fit-a-line" is already used on line 1; give <FitALine> another id']);
    expect(check('<FitALine />\n\n<FitALine />\n')).toEqual(['widget anchor "fit-a-line" is already used on line 1; give <FitALine> another id']);
    expect(check('<FitALine />\n\n<FitALine id="second-fit" />\n')).toEqual([]);
  });

  it("fails on a widget preset that its schema does not decode cleanly", () => {
    const names = [...NAMES, 'FitALine'];
    const check = (source: string) => checkChapters(one(source, 'linear'), {}, names).map((p) => p.message);
    expect(check('<FitALine preset="loss.huber~lr.0.3" />\n')).toEqual([]);
    expect(check('<FitALine preset="loss.cubic" />\n')).toEqual([expect.stringMatching(/^<FitALine preset="loss.cubic">: "Loss" in the link \(cubic\) is not a valid value/)]);
    expect(check('<FitALine preset="zz.1" />\n')).toEqual([expect.stringMatching(/does not know \("zz"\)/)]);
  });

  it('accepts a link to a widget of the chapter in a state its schema decodes, and names what is wrong otherwise', () => {
    const names = [...NAMES, 'FitALine'];
    const check = (link: string) => checkChapters(one(`## Fit [#fit]\n\n<FitALine />\n\nSee [this](${link}).\n`, 'linear'), {}, names).map((p) => p.message);
    expect(check('/chapters/linear/?fit-a-line=v.1~loss.huber#fit-a-line')).toEqual([]);
    expect(check('?fit-a-line=v.1~lr.0.3#fit')).toEqual([]);
    expect(check('/chapters/linear/?loss-surface=v.1#fit')).toEqual([expect.stringMatching(/has no widget "loss-surface"/)]);
    expect(check('/chapters/linear/?fit-a-line=v.1~loss.cubic#fit-a-line')).toEqual([expect.stringMatching(/"Loss" in the link \(cubic\) is not a valid value/)]);
  });

  it('fails when the prose names a chapter the book does not have', () => {
    const sources = [...one('## A [#a]\n\nAs chapter 2 showed, and Chapter 3 will show.\n'), ...one('## B [#b]\n\nSee chapter 1.\n', 'linear')];
    expect(messages(sources)).toEqual(['"Chapter 3" names a chapter the book does not have (it has 2)']);
  });

  it('fails on a missing id marker', () => {
    expect(messages(one('## A\n'))).toEqual(['heading "A" has no [#id] marker']);
  });

  it('fails on a duplicate id', () => {
    expect(messages(one('## A [#a]\n\n### B [#a]\n'))).toEqual(['duplicate heading id "a" (first on line 1)']);
  });

  it('fails when a published id disappears', () => {
    expect(messages(one('## A [#a]\n'), { learning: ['a', 'gone'] })).toEqual([
      'published section id "gone" has disappeared (links to it would break)',
    ]);
  });

  it('fails on links to missing chapters or sections, in markdown or JSX', () => {
    const sources = [
      ...one('## A [#a]\n\n[x](/chapters/linear/#b) [y](/chapters/nope/) [z](#missing) <a href="/chapters/linear/#zzz">w</a>\n'),
      ...one('## B [#b]\n', 'linear'),
    ];
    expect(messages(sources)).toEqual([
      'link /chapters/nope/: no chapter "nope"',
      'link #missing: chapter "learning" has no section "missing"',
      'link /chapters/linear/#zzz: chapter "linear" has no section "zzz"',
    ]);
  });

  it('fails on an MDX component nothing defines', () => {
    expect(messages(one('## A [#a]\n\n<Playground />\n'))).toEqual(['unknown MDX component <Playground>']);
  });
});
