/**
 * A chapter's display formulas, for tests that pin what the book prints to
 * what the engine computes.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** LaTeX with alignment marks, spacing commands and white space taken out, for comparison. */
export const bare = (tex: string) => tex.replace(/&|\\[,;!]|\\(big|Big)|\s+/g, '');

/** `expectPrinted(a, b, …)`: some `$$` block of the chapter contains `a`, and that block contains every piece. */
export function displayMath(file: string): (...pieces: string[]) => void {
  const chapter = readFileSync(new URL(`../../../content/${file}`, import.meta.url), 'utf8');
  const blocks = [...chapter.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)].map((m) => bare(m[1]));
  return (...pieces) => {
    const block = blocks.find((b) => b.includes(bare(pieces[0])));
    expect(block, `a display formula with ${pieces[0]}`).toBeDefined();
    for (const piece of pieces) expect(block).toContain(bare(piece));
  };
}
